"""H5P files go to a fresh folder per test, so nothing leaks between tests or into var/."""

import pytest


@pytest.fixture(autouse=True)
def h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p"
    return settings.H5P_ROOT
