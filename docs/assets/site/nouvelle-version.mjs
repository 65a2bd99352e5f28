// « Une nouvelle version du site est disponible », on every page. When a new deploy's offline service worker
// activates (site_hooks/offline_sw.js: skipWaiting, then clients.claim), it takes control of the pages already
// open: their next requests get the new deploy's files under the old deploy's page. The reader is told so, calmly,
// and offered a reload. Never on the first install (no worker controlled the page before), never moving the
// focus, never reloading by itself: the reader may be in the middle of a check, with a quote pasted.

import { el } from "../verifier/dom.mjs";

const NOTICE = "Une nouvelle version du site est disponible.";
const PASTED = "Recharger la page effacera le texte collé et le rapport : rechargez quand vous aurez fini.";
const RELOAD = "Recharger la page";
const LATER = "Plus tard";

// The checker's text area (docs/verifier/index.md), on the checker page only.
function pastedText() {
  const area = document.getElementById("devis-texte");
  return area instanceof HTMLTextAreaElement ? area : null;
}

// The notice shown now follows the text area; a later one (or « Plus tard ») stops the previous one following it.
let following = new AbortController();

/** @param {HTMLElement} region the live region, empty until a new version takes control */
function show(region) {
  following.abort();
  following = new AbortController();
  const area = pastedText();
  const caveat = el("p", { class: "sd-nouvelle-version__attention", text: PASTED });
  const follow = () => (caveat.hidden = !(area && area.value.trim()));
  follow();
  if (area) area.addEventListener("input", follow, { signal: following.signal });
  const reload = el("button", { type: "button", class: "md-button md-button--primary", text: RELOAD });
  reload.addEventListener("click", () => window.location.reload());
  const later = el("button", { type: "button", class: "md-button", text: LATER });
  later.addEventListener("click", () => {
    following.abort();
    region.replaceChildren();
  });
  region.replaceChildren(
    el(
      "div",
      { class: "sd-nouvelle-version__boite md-typeset" },
      el("p", { text: NOTICE }),
      caveat,
      el("p", { class: "sd-nouvelle-version__actions" }, reload, later),
    ),
  );
}

function start() {
  if (!("serviceWorker" in navigator)) return;
  // A polite live region, in the page before anything is said in it (screen readers announce changes only), at
  // the start of the main content so that the keyboard reaches its buttons soon; shown at the bottom of the screen.
  const region = el("div", { class: "sd-nouvelle-version", role: "status", "aria-live": "polite" });
  const main = document.querySelector("main") || document.body;
  main.prepend(region);
  let controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    const replaced = controlled;
    controlled = Boolean(navigator.serviceWorker.controller);
    if (replaced) show(region);
  });
}

start();
