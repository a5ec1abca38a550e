// Ask before a destructive form is sent; the question comes from the form's data-confirm attribute. One
// listener for the whole page, in the capture phase: it also asks for forms that a live refresh put in
// place later, and a "no" stops the submit before any other script (feed.js sends forms with fetch) sees it.
// A "yes" adds confirmed=1 to the form: the server asks on a page of its own when that is missing (without
// JavaScript), so with it the dialog stays the only question. The field goes in before the browser or feed.js
// reads the form.
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    if (!form.querySelector("input[name=confirmed]")) {
      const confirmed = document.createElement("input");
      confirmed.type = "hidden";
      confirmed.name = "confirmed";
      confirmed.value = "1";
      form.append(confirmed);
    }
  },
  true,
);
