// Smartboard and presenter: one step at a time, moved with keys or a clicker, kept in step between
// two windows of one browser through a BroadcastChannel (no server round trip). The step shown gets a
// "lessons:step-shown" event (it bubbles), so what was laid out out of sight (an H5P player, see
// h5p/static/h5p/player.js) can lay itself out again.
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

  show(0, false);
  deck.setAttribute("data-ready", "true");
})();
