// The pupil's view of a running lesson follows the teacher. feed.js (the class's live events) swaps in a
// fresh #lesronde-stand whenever something happens in the class; this script reads where the teacher is
// from it and shows that step. The steps themselves are never replaced, so an H5P activity keeps running.
// A pupil may look back at earlier steps; when the teacher moves on, the page goes along. When the lesson
// ends, the swapped-in region says so and the steps leave the page.
(function () {
  "use strict";
  var deck = document.querySelector("[data-pupil-deck]");
  var state = document.getElementById("lesronde-stand");
  if (!deck || !state) return;
  var steps = Array.prototype.slice.call(deck.querySelectorAll("[data-pupil-step]"));
  var bar = deck.querySelector(".pupil-deck-bar");
  var prev = deck.querySelector("[data-pupil-prev]");
  var next = deck.querySelector("[data-pupil-next]");
  var follow = deck.querySelector("[data-pupil-follow]");
  var progress = deck.querySelector("[data-pupil-progress]");
  var progressText = deck.getAttribute("data-text-progress") || "";
  var teacherAt = Number(state.getAttribute("data-teacher-at"));
  var shown = -1;
  steps.forEach(function (step, i) { if (!step.hidden) shown = i; });

  function link(anchor, index) {
    var ok = index >= 0 && index <= teacherAt && index < steps.length;
    anchor.hidden = !ok;
    anchor.setAttribute("href", ok ? "?stap=" + encodeURIComponent(steps[index].getAttribute("data-step-id")) : "#");
  }

  function show(index) {
    if (index < 0 || index > teacherAt || index >= steps.length) return;
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    var changed = index !== shown;
    shown = index;
    bar.hidden = false;
    link(prev, index - 1);
    link(next, index + 1);
    follow.hidden = index === teacherAt;
    progress.textContent = progressText.replace("{n}", String(index + 1)).replace("{total}", String(steps.length));
    // What was laid out out of sight (an H5P player) lays itself out again, as on the smartboard.
    if (changed) steps[index].dispatchEvent(new CustomEvent("lessons:step-shown", { bubbles: true, detail: { index: index } }));
  }

  function heard(region) {
    state = region;
    if (region.getAttribute("data-state") === "ended") {
      deck.remove();
      var heading = region.querySelector("h1");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      return;
    }
    var at = Number(region.getAttribute("data-teacher-at"));
    if (at === teacherAt) return; // something else happened in the class: stay where the pupil is
    teacherAt = at;
    show(at);
  }

  [prev, next].forEach(function (anchor) {
    anchor.addEventListener("click", function (event) {
      event.preventDefault();
      show(shown + (anchor === next ? 1 : -1));
    });
  });
  follow.addEventListener("click", function (event) {
    event.preventDefault();
    show(teacherAt);
  });

  // feed.js replaces the region element itself: watch its parent for the new one.
  new MutationObserver(function () {
    var region = document.getElementById("lesronde-stand");
    if (region && region !== state) heard(region);
  }).observe(state.parentNode, { childList: true });
})();
