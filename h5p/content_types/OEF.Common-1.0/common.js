/* Helpers shared by the Oefenfeed content types: building elements and a feedback region. */
var H5P = window.H5P = window.H5P || {};
// The player finds a library's constructor by its full machine name: window.OEF.<Name>.
var OEF = window.OEF = window.OEF || {};
OEF.Common = (function () {
  "use strict";
  function el(tag, className, html) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    // Text fields arrive cleaned by the server (bleach, to the tags semantics.json allows).
    if (html !== undefined) { node.innerHTML = html; }
    return node;
  }
  function button(label, className, onClick) {
    var node = el("button", "oef-button " + (className || ""));
    node.type = "button";
    node.textContent = label;
    node.addEventListener("click", onClick);
    return node;
  }
  function feedback() {
    var node = el("div", "oef-feedback");
    node.setAttribute("role", "status");
    node.setAttribute("aria-live", "polite");
    return node;
  }
  return { el: el, button: button, feedback: feedback };
})();
