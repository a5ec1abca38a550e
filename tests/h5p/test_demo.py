"""The H5P demo builds packages from our own content types and imports them through the validator, once."""

from io import StringIO

from h5p import demo
from h5p.models import H5PContent, H5PLibrary


def test_demo_imports_own_content_types_and_is_idempotent(db):
    demo.seed(StringIO())
    titles = set(H5PContent.objects.values_list("title", flat=True))
    assert titles == {title for title, _folder, _content in demo.ACTIVITIES}
    assert set(H5PLibrary.objects.values_list("machine_name", flat=True)) == {
        "OEF.Common",
        "OEF.MultiChoice",
        "OEF.PostOrNot",
        "OEF.Quiz",
    }
    demo.seed(StringIO())
    assert H5PContent.objects.count() == len(demo.ACTIVITIES)
