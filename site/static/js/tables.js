// Wide tables scroll inside their own box instead of pushing the page sideways on a phone. Each table that
// has no such box gets one, labelled by its caption or the heading before it and reachable by keyboard.
document.querySelectorAll("main table").forEach((table, index) => {
  if (table.parentElement.classList.contains("table-scroll")) return;
  const box = document.createElement("div");
  box.className = "table-scroll";
  box.setAttribute("role", "region");
  box.tabIndex = 0;
  const caption = table.querySelector("caption");
  let heading = table.previousElementSibling;
  while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
  const label = caption || heading;
  if (label) {
    if (!label.id) label.id = `tabel-${index + 1}`;
    box.setAttribute("aria-labelledby", label.id);
  } else {
    box.setAttribute("aria-label", document.title);
  }
  table.parentNode.insertBefore(box, table);
  box.appendChild(table);
});
