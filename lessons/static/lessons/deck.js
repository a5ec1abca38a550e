// Smartboard and presenter: one step at a time, moved with keys or a clicker, kept in step between
// two windows of one browser through a BroadcastChannel (no server round trip). The step shown gets a
// "lessons:step-shown" event (it bubbles), so what was laid out out of sight (an H5P player, see
// h5p/static/h5p/player.js) can lay itself out again. In a running lesson (data-run-id) the window where
// the teacher changed the step reports it to the server (data-step-url), so the pupils' pages follow; the
// other window hears it over the BroadcastChannel and stays quiet.
(function () {
  "use strict";
  var deck = document.querySelector("[data-deck]");
  if (!deck) return;
  var slides = Array.prototype.slice.call(deck.querySelectorAll("[data-slide]"));
  var progressText = deck.querySelector("[data-progress-text]");
  var progressBar = deck.querySelector("[data-progress-bar]");
  var role = deck.getAttribute("data-role");
  var channel = "BroadcastChannel" in window ? new BroadcastChannel(deck.getAttribute("data-channel")) : null;
  var current = 0;
  var template = progressText ? progressText.textContent.replace(/\d+/, "{n}") : "";

  function show(index, broadcast) {
    if (!slides.length) return;
    index = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) { slide.hidden = i !== index; });
    current = index;
    deck.setAttribute("data-current", String(index + 1));
    if (progressText) progressText.textContent = template.replace("{n}", String(index + 1));
    if (progressBar) progressBar.value = index + 1;
    slides[index].dispatchEvent(new CustomEvent("lessons:step-shown", { bubbles: true, detail: { index: index } }));
    if (broadcast && channel) channel.postMessage({ type: "goto", index: index, from: role });
    if (broadcast) report(slides[index].getAttribute("data-step-id"));
  }

  // --- the running lesson ---------------------------------------------------------------------------
  var stepUrl = deck.getAttribute("data-run-id") ? deck.getAttribute("data-step-url") : null;
  var reports = role === "smartboard" || role === "presenter";
  var reported = deck.getAttribute("data-start-step") || "";
  var sending = null; // the step on its way; a newer step waits for it, so the last one is what stays

  function report(stepId) {
    if (!stepUrl || !reports || !stepId || !window.fetch) return;
    if (sending !== null) { sending = stepId; return; }
    if (stepId === reported) return;
    sending = stepId;
    var body = new FormData();
    body.append("block", stepId);
    fetch(stepUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": deck.getAttribute("data-csrf") || "", "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        // 400: an edited lesson, 409: the lesson was ended elsewhere. The deck goes on presenting.
        if (response.ok) reported = stepId;
        else if (response.status === 409) stepUrl = null;
      })
      .catch(function () { /* offline for a moment: the next step reports again */ })
      .then(function () {
        var latest = sending;
        sending = null;
        if (latest !== stepId) report(latest);
      });
  }

  var NEXT = ["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar", "Enter"];
  var PREV = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"];

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var tag = target && target.tagName;
    // Keys keep their own meaning in form fields, and Enter/space on a button or summary press it.
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    if ((event.key === "Enter" || event.key === " ") && (tag === "BUTTON" || tag === "A" || tag === "SUMMARY")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (NEXT.indexOf(event.key) !== -1) { show(current + 1, true); event.preventDefault(); }
    else if (PREV.indexOf(event.key) !== -1) { show(current - 1, true); event.preventDefault(); }
    else if (event.key === "Home") { show(0, true); event.preventDefault(); }
    else if (event.key === "End") { show(slides.length - 1, true); event.preventDefault(); }
  });

  var next = deck.querySelector("[data-next]");
  var prev = deck.querySelector("[data-prev]");
  if (next) next.addEventListener("click", function () { show(current + 1, true); });
  if (prev) prev.addEventListener("click", function () { show(current - 1, true); });

  var fullscreen = deck.querySelector("[data-fullscreen]");
  if (fullscreen && document.documentElement.requestFullscreen) {
    fullscreen.addEventListener("click", function () { document.documentElement.requestFullscreen(); });
  } else if (fullscreen) {
    fullscreen.hidden = true;
  }

  if (channel) {
    channel.onmessage = function (event) {
      var data = event.data || {};
      if (data.type === "goto") show(data.index, false);
      // A smartboard window that opens later asks where the presenter is.
      if (data.type === "hello" && role === "presenter") channel.postMessage({ type: "goto", index: current, from: role });
    };
    channel.postMessage({ type: "hello", from: role });
  }

  var timer = deck.querySelector("[data-timer]");
  if (timer) {
    var started = Date.now();
    var reset = deck.querySelector("[data-timer-reset]");
    if (reset) reset.addEventListener("click", function () { started = Date.now(); tick(); });
    var tick = function () {
      var seconds = Math.floor((Date.now() - started) / 1000);
      var mm = String(Math.floor(seconds / 60)).padStart(2, "0");
      var ss = String(seconds % 60).padStart(2, "0");
      timer.textContent = mm + ":" + ss;
    };
    setInterval(tick, 1000);
  }

  // A window opened during the lesson starts where the teacher is.
  var start = 0;
  slides.forEach(function (slide, i) { if (reported && slide.getAttribute("data-step-id") === reported) start = i; });
  show(start, false);
  deck.setAttribute("data-ready", "true");
})();
