// Offline use, on every page: registers the service worker (sw.js at the site's root, generated at build time by
// site_hooks/offline.py) and, once a page's engine is ready, asks it to keep the Python runtime for offline use.
// Paths are relative to this module, so the site works at a domain's root and under a GitHub Pages sub-path.

const root = new URL("../../", import.meta.url);
const html = document.documentElement;

/** @typedef {"unsupported" | "pending" | "pages" | "ready"} OfflineState */

/** @type {Record<OfflineState, string>} */
const STATUS = {
  unsupported: "Ce navigateur ne permet pas d’utiliser le site hors connexion.",
  pending: "La copie hors connexion est en cours de préparation…",
  pages: "Les pages sont disponibles hors connexion. Ouvrez le vérificateur une fois pour qu’il le soit aussi.",
  ready: "Le site et le vérificateur sont disponibles hors connexion sur ce navigateur.",
};

/** @param {OfflineState} state */
function show(state) {
  html.dataset.horsLigne = state;
  const box = document.getElementById("hors-ligne-etat");
  if (box) box.textContent = STATUS[state];
}

/** @param {MessageEvent<{type?: string, pages?: boolean, runtime?: boolean} | null>} event */
function receive(event) {
  const message = event.data;
  if (!message || message.type !== "status") return;
  if (message.pages && message.runtime) show("ready");
  else show(message.pages ? "pages" : "pending");
}

// The checker page says <html data-checker="ready">, the tool pages <html data-outil="ready">.
function engineReady() {
  return html.dataset.checker === "ready" || html.dataset.outil === "ready";
}

// Resolves once the page has loaded and its engine, if it has one, is no longer loading: the offline copy (every
// page of the site) must not compete with the engine's download and start-up for the network and the processor.
/** @returns {Promise<void>} */
function pageSettled() {
  const loading = () => html.dataset.checker === "loading" || html.dataset.outil === "loading";
  return new Promise((resolve) => {
    const check = () => {
      if (document.readyState !== "complete" || loading()) return;
      observer.disconnect();
      resolve();
    };
    const observer = new MutationObserver(check);
    observer.observe(html, { attributes: true, attributeFilter: ["data-checker", "data-outil"] });
    window.addEventListener("load", check, { once: true });
    check();
  });
}

async function start() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) {
    show("unsupported");
    return;
  }
  await pageSettled();
  navigator.serviceWorker.addEventListener("message", receive);
  navigator.serviceWorker.startMessages();
  try {
    await navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.href });
  } catch (error) {
    console.warn("Ségur Devis : pas de copie hors connexion.", error);
    show("unsupported");
    return;
  }
  show("pending");
  const registration = await navigator.serviceWorker.ready;
  const ask = (/** @type {"status" | "cache-runtime"} */ type) => registration.active && registration.active.postMessage({ type });
  ask("status");
  let asked = false;
  const askRuntime = () => {
    if (asked || !engineReady()) return;
    asked = true;
    ask("cache-runtime");
  };
  new MutationObserver(askRuntime).observe(html, { attributes: true, attributeFilter: ["data-checker", "data-outil"] });
  askRuntime();
}

start();
