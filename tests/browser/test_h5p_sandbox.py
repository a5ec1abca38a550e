"""Library code of an uploaded package runs in a sandboxed frame: it cannot read the page around it, our
cookies, or our API with the pupil's session, while scores and saved state still reach the server."""

import json
import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from h5p.models import H5PAttempt, H5PStatement, H5PUserData
from h5p.storage import import_package
from tests.factories import PupilFactory, SchoolClassFactory, SchoolFactory, TeacherFactory
from tests.h5p.packages import probe_package

FRAME = ".h5p-player iframe"


@pytest.fixture(autouse=True)
def h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p"


@pytest.fixture
def probe(db):
    """A probe activity of a school, in a class with the pupil Noor and a classmate whose name must not leak."""
    school = SchoolFactory()
    pupil = PupilFactory(first_name="Noor", initial="V")
    classmate = PupilFactory(first_name="Geheimnaam", initial="Q")
    SchoolClassFactory(school=school, teachers=[TeacherFactory(school=school)], pupils=[pupil, classmate])
    # Browser tests flush the Moderators' permissions; import as the server operator does (see test_h5p_play).
    content = import_package(probe_package(), allow_libraries=True, school=school)
    return content, pupil


def test_library_code_cannot_reach_page_cookies_or_api_but_scores_and_resumes(context, login_as, probe, caplog):
    content, pupil = probe
    page = login_as(pupil)
    api_calls = []
    page.on("request", lambda request: api_calls.append(request) if request.url.endswith("/api/v1/me") else None)
    page.goto(f"/h5p/{content.pk}/")
    assert page.locator(FRAME).get_attribute("sandbox") == "allow-scripts"
    frame = page.frame_locator(FRAME)

    expect(frame.locator(".probe-parent")).to_have_text("parent.document: SecurityError")
    expect(frame.locator(".probe-cookie")).to_have_text(re.compile(r'^document\.cookie: (SecurityError|gelezen "")$'))
    fetched = frame.locator(".probe-fetch")
    expect(fetched).to_have_text(re.compile(r"^fetch: (TypeError|40[13]\b.*)$"))
    assert "Noor" not in fetched.inner_text() and "Geheimnaam" not in fetched.inner_text()
    # What the server saw: the library's request to our API came without the session, and was refused.
    assert len(api_calls) == 1
    assert "sessionid" not in (api_calls[0].header_value("cookie") or "")
    refused = [record for record in caplog.records if "/api/v1/me" in record.getMessage()]
    assert [record.status_code for record in refused] in ([401], [403])
    assert settings.SESSION_COOKIE_NAME not in refused[0].request.COOKIES

    frame.get_by_role("button", name="Klaar").click()
    expect(page.get_by_role("status").filter(has_text="opgeslagen")).to_contain_text("1 van 1 punten")
    attempt = H5PAttempt.objects.get(content=content)
    assert attempt.user == pupil and attempt.raw_score == 1
    assert set(H5PStatement.objects.values_list("user", flat=True)) == {pupil.pk}

    saved = None
    for _ in range(40):
        saved = H5PUserData.objects.filter(user=pupil, content=content, data_type="state").first()
        if saved is not None and json.loads(saved.data) == {"done": True}:
            break
        page.wait_for_timeout(500)
    assert saved is not None and json.loads(saved.data) == {"done": True}
    page.reload()
    expect(page.frame_locator(FRAME).locator(".probe-state")).to_have_text("Verder waar je was: klaar")


def test_the_frame_opened_on_its_own_is_still_sandboxed(context, login_as, probe):
    content, pupil = probe
    page = login_as(pupil)
    page.goto(f"/h5p/{content.pk}/")
    frame_src = page.locator(".h5p-player").get_attribute("data-h5p-frame-src")
    response = page.goto(frame_src)
    assert "sandbox allow-scripts" in response.headers["content-security-policy"]
    assert page.evaluate("() => self.origin") == "null"
    assert page.evaluate("() => { try { return document.cookie; } catch (error) { return error.name; } }") == (
        "SecurityError"
    )


def test_only_messages_of_the_players_own_frame_with_its_nonce_count(context, login_as, probe):
    content, pupil = probe
    page = login_as(pupil)
    page.goto(f"/h5p/{content.pk}/")
    expect(page.locator("[data-h5p-ready=true]")).to_have_count(1)
    player = page.locator(".h5p-player")
    nonce = player.get_attribute("data-h5p-nonce")
    statement = {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": player.get_attribute("data-h5p-iri"), "objectType": "Activity"},
        "result": {"score": {"raw": 1, "max": 1}, "completion": True},
    }
    message = {"channel": "oefenfeed-h5p", "type": "xapi", "nonce": nonce, "statement": statement}
    post = "(message) => window.parent.postMessage(message, '*')"

    page.evaluate("(message) => window.postMessage(message, '*')", message)  # not from the player's frame
    sandbox = next(frame for frame in page.frames if "/h5p/frame/" in frame.url)
    sandbox.evaluate(post, {**message, "nonce": "een-andere-nonce"})  # the frame, but not this play's nonce
    page.wait_for_timeout(1000)
    assert not H5PAttempt.objects.exists()

    sandbox.evaluate(post, message)  # the frame with its nonce: stored, for the pupil of the session
    expect(page.get_by_role("status").filter(has_text="opgeslagen")).to_contain_text("1 van 1 punten")
    assert H5PAttempt.objects.get().user == pupil


def test_the_play_page_keeps_the_strict_policy_while_the_player_runs(context, login_as, probe):
    content, pupil = probe
    context.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));"
    )
    page = login_as(pupil)
    response = page.goto(f"/h5p/{content.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("[data-h5p-ready=true]")).to_have_count(1)
    expect(page.frame_locator(FRAME).get_by_role("button", name="Klaar")).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []
