// Wide tables scroll sideways: make each scrolling wrapper reachable with the keyboard (WCAG 2.1.1).
// Material wraps the tables itself, possibly after this script runs, hence the observer.
function labelScrollWrappers(root) {
  root.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach((wrapper) => {
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", "Tableau (défilement horizontal possible)");
  });
}
labelScrollWrappers(document);
new MutationObserver(() => labelScrollWrappers(document)).observe(document.body, { childList: true, subtree: true });
