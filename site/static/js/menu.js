// The phone menu: a disclosure button that folds the header's links into one "Menu" (CSS shows the button
// only on small screens). Without this script the button stays hidden and the links stay in the header.
// Escape closes the open menu and puts focus back on the button; a tap or focus outside closes it too.
(() => {
  const header = document.querySelector(".site-header");
  const button = header && header.querySelector(".menu-toggle");
  const list = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!list) return;
  const nav = button.closest("nav") || header;

  const isOpen = () => button.getAttribute("aria-expanded") === "true";
  const setOpen = (open) => button.setAttribute("aria-expanded", open ? "true" : "false");

  button.hidden = false;
  header.classList.add("has-menu");

  button.addEventListener("click", () => setOpen(!isOpen()));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !isOpen()) return;
    setOpen(false);
    button.focus();
  });
  document.addEventListener("click", (event) => {
    if (isOpen() && !nav.contains(event.target)) setOpen(false);
  });
  nav.addEventListener("focusout", (event) => {
    if (isOpen() && event.relatedTarget && !nav.contains(event.relatedTarget)) setOpen(false);
  });
})();
