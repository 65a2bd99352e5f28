// Wide tables scroll sideways: make each scrolling wrapper reachable with the keyboard (WCAG 2.1.1), with a name
// of its own (axe « landmark-unique »): the section it belongs to, and its number when a section has several.
// Material wraps the tables itself, possibly after this script runs, hence the observer.
/** @param {Element} element */
function sectionTitle(element) {
  const headings = [...document.querySelectorAll(".md-typeset h1, .md-typeset h2, .md-typeset h3")];
  const before = headings.filter((h) => h.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
  const heading = before.pop();
  return heading ? (heading.textContent || "").replace("¶", "").trim() : "";
}

/** @param {ParentNode} root */
function labelScrollWrappers(root) {
  const wrappers = root.querySelectorAll(".md-typeset__scrollwrap");
  if (![...wrappers].some((w) => !w.hasAttribute("tabindex"))) return;
  /** @type {Map<string, number>} */
  const seen = new Map();
  wrappers.forEach((wrapper) => {
    const title = sectionTitle(wrapper);
    const count = (seen.get(title) || 0) + 1;
    seen.set(title, count);
    const where = title ? ` : ${title}` : "";
    const number = count > 1 ? ` (${count})` : "";
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", `Tableau${where}${number}, défilement horizontal possible`);
  });
}
// The theme puts each code block's copy button in a <nav> of its own, all unnamed: a name per block keeps
// landmarks distinct (axe « landmark-unique »).
/** @param {ParentNode} root */
function labelCodeActions(root) {
  const navs = root.querySelectorAll(".md-code__nav");
  if (![...navs].some((nav) => !nav.hasAttribute("aria-label"))) return;
  navs.forEach((nav, index) => nav.setAttribute("aria-label", `Actions du bloc de code ${index + 1}`));
}

function labelAll() {
  labelScrollWrappers(document);
  labelCodeActions(document);
}
labelAll();
new MutationObserver(labelAll).observe(document.body, { childList: true, subtree: true });
