// A scrollable code block must be reachable with the keyboard, or a keyboard user cannot scroll it (WCAG 2.1.1,
// axe « scrollable-region-focusable »). The theme gives it tabindex="0" only when the pointer can hover
// (matchMedia("(hover)")) and removes it otherwise: phones, tablets and some desktops. Whatever the pointer, a
// block that overflows gets it back.

/** @param {Element} code */
function keepFocusable(code) {
  if (code.scrollWidth > code.clientWidth && code.getAttribute("tabindex") !== "0") {
    code.setAttribute("tabindex", "0");
  }
}

const resized = new ResizeObserver((entries) => entries.forEach((entry) => keepFocusable(entry.target)));
const changed = new MutationObserver((records) => records.forEach((record) => keepFocusable(/** @type {Element} */ (record.target))));
for (const code of document.querySelectorAll("pre > code")) {
  resized.observe(code);
  changed.observe(code, { attributes: true, attributeFilter: ["tabindex"] });
}
