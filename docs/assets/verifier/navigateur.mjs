// Loaded on its own by the pages that start Python (the checker, the tools), before their engine: in an engine too
// old for Pyodide (navigateur-sonde.mjs does not parse), say so plainly, with what to use instead, rather than let
// the start fail as a network error or leave a form that does nothing.
// Written in old JavaScript on purpose: it must run where the rest does not.

// The page's parts: the checker's, or a tool's (docs/outils/: their status line is inside their form).
var PAGES = [
  {
    status: "verifier-etat-texte",
    message: "verifier-message",
    form: "verifier-formulaire",
    what: "le vérificateur",
    unavailable: "Vérificateur indisponible dans ce navigateur.",
    state: "checker",
  },
  {
    status: "outil-etat",
    message: "outil-message",
    form: null,
    what: "cet outil",
    unavailable: "Outil indisponible dans ce navigateur.",
    state: "outil",
  },
];

/** @param {string} what */
function tooOld(what) {
  return (
    "Votre navigateur est trop ancien pour faire fonctionner " + what + ". Rien n’a été envoyé. " +
    "Ouvrez cette page avec une version récente de Firefox, Chrome, Edge ou Safari (Safari 16.4 ou plus récent ; " +
    "sur iPhone et iPad, iOS 16.4 ou plus récent), ou mettez à jour votre navigateur. " +
    "Les autres pages du site restent lisibles."
  );
}

/** @param {typeof PAGES[number]} page */
function sayTooOld(page) {
  var status = document.getElementById(page.status);
  var message = document.getElementById(page.message);
  var form = page.form ? document.getElementById(page.form) : status && status.closest("form");
  document.documentElement.setAttribute("data-" + page.state, "trop-ancien");
  if (status) status.textContent = page.unavailable;
  if (message) {
    message.textContent = tooOld(page.what);
    message.hidden = false;
  }
  if (form) {
    // Without the page's script, the form would be submitted to the address bar: what was typed must stay here.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var controls = form.querySelectorAll("button, input, select, textarea");
    for (var i = 0; i < controls.length; i++) /** @type {HTMLButtonElement} */ (controls[i]).disabled = true;
  }
}

import("./navigateur-sonde.mjs").catch(function () {
  for (var i = 0; i < PAGES.length; i++) {
    if (document.getElementById(PAGES[i].status)) return sayTooOld(PAGES[i]);
  }
});
