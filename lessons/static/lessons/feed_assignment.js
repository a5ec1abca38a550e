// Lesson step "opdracht in de feed" on the smartboard. When deck.js shows the step (the bubbling
// "lessons:step-shown" event) in a running lesson, its form is sent with fetch: the server posts the prompt
// into the class feed, pinned, once per run and step however often it is asked. The answers then come in
// through feed.js, which refreshes the step's region on every class event. Without JavaScript the teacher
// presses the form's button.
(function () {
  "use strict";
  if (window.oefenfeedFeedAssignment) return; // the script is loaded once per such step
  window.oefenfeedFeedAssignment = true;
  var sending = {};

  function send(form) {
    var key = form.getAttribute("action") + "|" + (form.elements.block_id ? form.elements.block_id.value : "");
    if (sending[key] || !window.fetch) return;
    sending[key] = true;
    var button = form.querySelector("button");
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        if (!response.ok) return Promise.reject(response.status);
        // Posted (or there already): the class event brings the answers region through feed.js.
      })
      .catch(function () {
        // Away for a moment: the button stays for the teacher, and showing the step again tries again.
        sending[key] = false;
        if (button) button.disabled = false;
      });
  }

  document.addEventListener("lessons:step-shown", function (event) {
    var step = event.target;
    if (!step || !step.querySelectorAll) return;
    Array.prototype.forEach.call(step.querySelectorAll("form[data-feed-assignment]"), send);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-feed-assignment") || !window.fetch) return;
    event.preventDefault();
    send(form);
  });
})();
