// Wagtail's date and time choosers, started from JSON data instead of inline scripts (see the widget
// templates in home/templates/wagtailadmin/widgets/), also for forms that arrive later (modals).
(function () {
  "use strict";
  function start(root) {
    root.querySelectorAll('script[type="application/json"][data-wagtail-chooser]').forEach(function (data) {
      if (data.dataset.started) return;
      var init = window[data.dataset.wagtailChooser];
      if (typeof init !== "function") return;
      data.dataset.started = "1";
      init(data.dataset.for, JSON.parse(data.textContent));
    });
  }
  function ready() {
    start(document);
    new MutationObserver(function () { start(document); }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
