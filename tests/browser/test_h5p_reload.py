"""Reloading a finished activity resumes it without counting a new attempt, even when the content type sends
its "completed" statement again while it restores; a new try that the pupil starts does count."""

import json

import pytest
from playwright.sync_api import expect

from h5p.models import H5PAttempt, H5PStatement, H5PUserData
from h5p.storage import import_package
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.h5p.packages import h5p_json, library, package

FRAME = ".h5p-player iframe"

# Like real H5P content types that restore a finished state (previousState), this one sends "completed" again
# when it starts finished: at once and a moment later. It also fakes input first (untrusted events), which
# must not count as the pupil acting.
REPLAY_JS = r"""
var H5P = window.H5P = window.H5P || {};
var OEF = window.OEF = window.OEF || {};
OEF.Replay = (function (EventDispatcher) {
  "use strict";
  function Replay(params, contentId, extras) {
    EventDispatcher.call(this);
    var previous = (extras && extras.previousState) || {};
    this.done = previous.done === true;
  }
  Replay.prototype = Object.create(EventDispatcher.prototype);
  Replay.prototype.constructor = Replay;

  Replay.prototype.attach = function ($container) {
    var self = this;
    this.root = $container.get(0);
    this.render();
    if (this.done) {
      window.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
      document.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
      document.body.click();
      self.complete();
      setTimeout(function () { self.complete(); }, 200);
    }
  };
  Replay.prototype.complete = function () { this.triggerXAPIScored(1, 1, "completed", true, true); };
  Replay.prototype.render = function () {
    var self = this;
    this.root.innerHTML = "";
    var text = document.createElement("p");
    text.className = "replay-state";
    text.textContent = this.done ? "Klaar: 1 van 1 goed." : "Nog niet gespeeld.";
    this.root.appendChild(text);
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = this.done ? "Opnieuw" : "Speel";
    button.addEventListener("click", function () {
      if (self.done) {
        self.done = false;
        self.render();
      } else {
        self.done = true;
        self.render();
        self.complete();
      }
    });
    this.root.appendChild(button);
    this.trigger("resize");
  };
  Replay.prototype.getScore = function () { return this.done ? 1 : 0; };
  Replay.prototype.getMaxScore = function () { return 1; };
  Replay.prototype.getAnswerGiven = function () { return this.done; };
  Replay.prototype.resetTask = function () { this.done = false; this.render(); };
  Replay.prototype.getCurrentState = function () { return { done: this.done }; };
  return Replay;
})(H5P.EventDispatcher);
"""


@pytest.fixture(autouse=True)
def h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p"


def replay_activity():
    return import_package(
        package(
            main="OEF.Replay",
            h5p=h5p_json("OEF.Replay", title="Speel het spel"),
            content={"text": "replay"},
            libraries=[library("OEF.Replay", js="replay.js", extra_files={"replay.js": REPLAY_JS})],
        ),
        allow_libraries=True,
    )


def wait_for_saved_state(page, pupil, content, done):
    """H5P core saves the state every few seconds (saveFreq); wait until the server has `done` in it."""
    for _ in range(40):
        saved = H5PUserData.objects.filter(user=pupil, content=content, data_type="state").first()
        if saved is not None and json.loads(saved.data).get("done") is done:
            return
        page.wait_for_timeout(500)
    pytest.fail(f"The saved state never had done={done}")


def test_reloading_a_finished_activity_adds_no_attempt_but_a_new_try_does(context, login_as):
    pupil = PupilFactory(first_name="Noor")
    SchoolClassFactory(teachers=[TeacherFactory()], pupils=[pupil])
    content = replay_activity()
    page = login_as(pupil)
    statements = []
    page.on("request", lambda request: statements.append(request) if request.url.endswith("/xapi/") else None)
    page.goto(f"/h5p/{content.pk}/spelen/")
    expect(page.locator(FRAME)).to_have_attribute("title", "Activiteit: Speel het spel")
    frame = page.frame_locator(FRAME)
    frame.get_by_role("button", name="Speel").click()
    expect(page.get_by_role("status").filter(has_text="opgeslagen")).to_contain_text("1 van 1 punten")
    assert H5PAttempt.objects.filter(user=pupil, content=content).count() == 1
    wait_for_saved_state(page, pupil, content, done=True)

    # The reload resumes the finished state; the "completed" the content sends again while it restores (after
    # faked input) never leaves the frame.
    statements.clear()
    page.reload()
    expect(page.frame_locator(FRAME).get_by_text("Klaar: 1 van 1 goed.")).to_be_visible()
    page.wait_for_timeout(1500)
    assert statements == []
    assert H5PAttempt.objects.filter(user=pupil, content=content).count() == 1
    assert H5PStatement.objects.filter(user=pupil, content=content).count() == 1

    # A new try the pupil starts herself counts as attempt 2.
    frame = page.frame_locator(FRAME)
    frame.get_by_role("button", name="Opnieuw").click()
    frame.get_by_role("button", name="Speel").click()
    expect(page.get_by_role("status").filter(has_text="opgeslagen")).to_contain_text("1 van 1 punten")
    attempts = H5PAttempt.objects.filter(user=pupil, content=content).order_by("number")
    assert list(attempts.values_list("number", "raw_score")) == [(1, 1), (2, 1)]
