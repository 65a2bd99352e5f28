// outils/signalement/: the text for the ANS from a report saved by the checker (JSON file, read locally).

import { $, showMessage } from "../verifier/dom.mjs";
import { startEngine } from "./formulaire.mjs";
import { prepareSignalement } from "./signalement.mjs";

const MAX_BYTES = 5 * 1024 * 1024;
const fileInput = /** @type {HTMLInputElement} */ ($("signalement-fichier"));
const result = $("signalement-resultat");
const message = $("outil-message");

const { ask } = startEngine($("outil-etat"), "L’outil est prêt : choisissez le rapport.");

fileInput.addEventListener("change", async () => {
  const file = fileInput.files?.[0];
  showMessage(message, "");
  result.hidden = true;
  result.replaceChildren();
  if (!file) return;
  if (file.size > MAX_BYTES) {
    showMessage(message, "Ce fichier est trop volumineux pour être un rapport du vérificateur.");
    return;
  }
  let text;
  try {
    text = await file.text();
  } catch {
    showMessage(message, "Le fichier n’a pas pu être lu. Choisissez-le à nouveau.");
    return;
  }
  const outcome = await prepareSignalement(ask, text, result, { level: "h2" });
  if (!outcome.ok) showMessage(message, outcome.error);
});
