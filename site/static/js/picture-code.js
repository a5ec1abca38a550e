// Picture code, one step at a time: after a pupil picks a picture the next row appears, and the
// chosen pictures show at the top. Without this script all three rows simply show at once.
(function () {
  const form = document.querySelector("[data-picture-code]");
  if (!form) return;
  const steps = Array.from(form.querySelectorAll(".picture-step"));
  const chosen = form.querySelector(".picture-chosen");
  const progress = form.querySelector(".picture-progress");
  const back = form.querySelector("[data-picture-back]");
  const submit = form.querySelector("button[type=submit]");
  form.classList.add("is-stepped");
  chosen.hidden = false;
  back.hidden = false;

  function current() {
    const index = steps.findIndex((step) => !step.querySelector("input:checked"));
    return index === -1 ? steps.length : index;
  }

  function render(moveFocus) {
    const index = current();
    steps.forEach((step, i) => { step.hidden = i !== index; });
    Array.from(chosen.children).forEach((slot, i) => {
      const input = steps[i].querySelector("input:checked");
      const label = input ? input.closest("label") : null;
      slot.textContent = label ? label.querySelector(".picture-emoji").textContent : "";
      slot.classList.toggle("filled", Boolean(label));
      slot.setAttribute("aria-label", label ? label.querySelector(".picture-label").textContent : "");
    });
    progress.textContent = index < steps.length
      ? progress.dataset.template.replace("%(n)s", index + 1).replace("%(total)s", steps.length)
      : progress.dataset.done;
    back.disabled = index === 0;
    submit.hidden = index < steps.length;
    if (moveFocus) {
      const target = index < steps.length ? steps[index].querySelector("input") : submit;
      target.focus();
    }
  }

  steps.forEach((step) => step.addEventListener("click", (event) => {
    if (event.target.matches("input[type=radio]") && event.detail !== 0) render(true);
  }));
  // Keyboard users move with the arrow keys inside a row and confirm with Enter.
  steps.forEach((step) => step.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && step.querySelector("input:checked")) {
      event.preventDefault();
      render(true);
    }
  }));
  back.addEventListener("click", () => {
    const index = Math.min(current(), steps.length) - 1;
    if (index < 0) return;
    steps[index].querySelectorAll("input").forEach((input) => { input.checked = false; });
    render(true);
  });
  render(false);
})();
