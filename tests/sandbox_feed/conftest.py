"""Feed fixtures: photos go to a temporary folder; a few posts in the shared test class."""

import pytest


@pytest.fixture(autouse=True)
def _feed_media(settings, tmp_path):
    settings.FEED_MEDIA_ROOT = tmp_path / "feed-media"
