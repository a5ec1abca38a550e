// Print button on the login cards page (no inline script, so a strict CSP can stay on).
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
