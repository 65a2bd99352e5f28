// Loaded by the checker page on its own, before the engine: in an engine too old for Pyodide (navigateur-sonde.mjs
// does not parse), say so plainly, with what to use instead, rather than let the start fail as a network error.
// Written in old JavaScript on purpose: it must run where the rest does not.

var MESSAGE =
  "Votre navigateur est trop ancien pour faire fonctionner le vérificateur. Rien n’a été envoyé. " +
  "Ouvrez cette page avec une version récente de Firefox, Chrome, Edge ou Safari (Safari 16.4 ou plus récent ; " +
  "sur iPhone et iPad, iOS 16.4 ou plus récent), ou mettez à jour votre navigateur. " +
  "Les autres pages du site restent lisibles.";

function sayTooOld() {
  document.documentElement.dataset.checker = "trop-ancien";
  var status = document.getElementById("verifier-etat-texte");
  var message = document.getElementById("verifier-message");
  var form = document.getElementById("verifier-formulaire");
  if (status) status.textContent = "Vérificateur indisponible dans ce navigateur.";
  if (message) {
    message.textContent = MESSAGE;
    message.hidden = false;
  }
  if (form) {
    // Without the checker's script, the form would be submitted to the address bar: the quote must stay here.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var controls = form.querySelectorAll("button, input, textarea");
    for (var i = 0; i < controls.length; i++) /** @type {HTMLButtonElement} */ (controls[i]).disabled = true;
  }
}

import("./navigateur-sonde.mjs").catch(sayTooOld);
