// Wagtail's inline panels (learning goals, their frame goals, a lesson's learning goals), started from a data
// attribute instead of an inline script (see templates/wagtailadmin/panels/inline_panel.html), also for the
// nested panels of a form added later.
(function () {
  "use strict";
  function start(root) {
    if (typeof window.InlinePanel !== "function") return;
    root.querySelectorAll("[data-inline-panel-options]").forEach(function (element) {
      if (element.dataset.started) return;
      element.dataset.started = "1";
      new window.InlinePanel(JSON.parse(element.dataset.inlinePanelOptions));
    });
  }
  function ready() {
    start(document);
    new MutationObserver(function () { start(document); }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
