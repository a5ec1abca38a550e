// The composer's photo picker: the file input stays the real control (focusable, labelled by the big "Kies een
// foto" button), this script only hides it visually and shows the chosen file's name, a small preview and
// "Geen foto". It listens on the document, so a composer that a live refresh (feed.js) put in place works too.
// Without this script the plain file input shows and works as usual.
(function () {
  "use strict";
  var root = document.documentElement;
  if (root.classList.contains("has-photo-picker")) return;
  root.classList.add("has-photo-picker");

  function pickerOf(element) {
    return element.closest ? element.closest("[data-photo-picker]") : null;
  }

  function forgetPreview(preview) {
    if (preview.src && preview.src.indexOf("blob:") === 0) URL.revokeObjectURL(preview.src);
    preview.removeAttribute("src");
  }

  function show(picker) {
    var input = picker.querySelector("input[type=file]");
    var file = input.files && input.files[0];
    var chosen = picker.querySelector("[data-photo-chosen]");
    var preview = picker.querySelector("[data-photo-preview]");
    var status = picker.querySelector("[data-photo-status]");
    forgetPreview(preview);
    picker.querySelector("[data-photo-when-empty]").hidden = Boolean(file);
    picker.querySelector("[data-photo-when-chosen]").hidden = !file;
    chosen.hidden = !file;
    if (file) {
      picker.querySelector("[data-photo-name]").textContent = picker.getAttribute("data-text-chosen") + " " + file.name;
      if (/^image\//.test(file.type)) {
        preview.src = URL.createObjectURL(file);
        preview.hidden = false;
      } else {
        preview.hidden = true;
      }
      status.textContent = picker.getAttribute("data-text-chosen") + " " + file.name;
    } else {
      status.textContent = picker.getAttribute("data-text-none");
    }
  }

  document.addEventListener("change", function (event) {
    var picker = pickerOf(event.target);
    if (picker && event.target.type === "file") show(picker);
  });

  document.addEventListener("click", function (event) {
    var clear = event.target.closest && event.target.closest("[data-photo-clear]");
    var picker = clear && pickerOf(clear);
    if (!picker) return;
    var input = picker.querySelector("input[type=file]");
    input.value = "";
    show(picker);
    // The button that had focus is hidden now; put focus back on the picker itself.
    input.focus();
  });
})();
