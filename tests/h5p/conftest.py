"""H5P files go to a fresh folder per test, so nothing leaks between tests or into var/."""

import pytest


@pytest.fixture(autouse=True)
def h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p"
    return settings.H5P_ROOT


@pytest.fixture
def content(coordinator):
    from h5p.storage import import_package
    from tests.h5p.packages import own_package

    return import_package(own_package(), user=coordinator)


@pytest.fixture
def quiz(coordinator):
    from h5p.storage import import_package
    from tests.h5p.packages import own_package

    return import_package(own_package("OEF.Quiz-1.0", content={"questions": []}), user=coordinator)
