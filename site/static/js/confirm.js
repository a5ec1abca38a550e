// Ask before a destructive form is sent; the question comes from the form's data-confirm attribute. One
// listener for the whole page, in the capture phase: it also asks for forms that a live refresh put in
// place later, and a "no" stops the submit before any other script (feed.js sends forms with fetch) sees it.
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);
