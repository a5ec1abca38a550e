// A character counter under every text box with a limit: "nog 120 tekens". Shown on every key; screen
// readers hear it only when a threshold is passed (50, 20, 10, 0 left), through one polite live region per
// field. The words come from data-* attributes of this script's tag (translated in base.html).
(function () {
  "use strict";
  var script = document.currentScript;
  var words = script ? script.dataset : {};
  var THRESHOLDS = [50, 20, 10, 0];
  var SELECTOR = "textarea[maxlength], input[maxlength][data-counter], input[type=text][maxlength][name=text]";
  var seen = 0;

  function say(template, n) {
    return (template || "%(n)s").replace("%(n)s", String(n));
  }

  function wordsFor(left) {
    if (left < 0) return say(left === -1 ? words.overOne : words.overMany, -left);
    return say(left === 1 ? words.leftOne : words.leftMany, left);
  }

  function band(left) {
    // The lowest threshold at or above what is left: crossing one changes the band.
    var result = null;
    THRESHOLDS.forEach(function (limit) {
      if (left <= limit) result = limit;
    });
    return result;
  }

  function attach(field) {
    if (field.dataset.counterReady) return;
    var max = parseInt(field.getAttribute("maxlength"), 10);
    if (!(max > 0)) return;
    field.dataset.counterReady = "1";
    seen += 1;
    var id = (field.id || "tekstveld-" + seen) + "-teller";
    var counter = document.createElement("p");
    counter.className = "char-counter";
    counter.id = id;
    var live = document.createElement("span");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    live.setAttribute("data-counter-live", "");
    var anchor = field.closest(".inline-field") || field;
    anchor.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", live);
    var describedBy = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (describedBy.indexOf(id) < 0) describedBy.push(id);
    field.setAttribute("aria-describedby", describedBy.join(" "));

    var lastBand = band(max - field.value.length);
    function update() {
      var left = max - field.value.length;
      counter.textContent = wordsFor(left);
      counter.classList.toggle("char-counter-low", left <= 20);
      var now = band(left);
      // Only when the pupil comes closer to the limit: deleting text is not news.
      if (now !== null && (lastBand === null || now < lastBand)) live.textContent = wordsFor(left);
      lastBand = now;
    }
    field.addEventListener("input", update);
    update();
  }

  function scan(root) {
    if (root.matches && root.matches(SELECTOR)) attach(root);
    if (root.querySelectorAll) root.querySelectorAll(SELECTOR).forEach(attach);
  }

  function start() {
    if (words.css && !document.querySelector("link[data-counter-css]")) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = words.css;
      css.setAttribute("data-counter-css", "");
      document.head.appendChild(css);
    }
    scan(document);
    // Comment boxes and posts arrive live (feed.js): give their fields a counter too.
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) scan(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
