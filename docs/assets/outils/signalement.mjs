// The report to the ANS: a French text written by segur_devis.tools.ans_report (Python, in the worker) from a checker
// report, shown in a read-only text area with a copy button. Nothing is sent: the user pastes it into the ANS
// contact form. Used by the checker page (« Préparer un signalement à l’ANS ») and by outils/signalement/.

import { copyText, el } from "../verifier/dom.mjs";

/** @typedef {import("../verifier/protocole.mjs").Ask} Ask */

const COPIED = "Texte copié : collez-le dans le formulaire de contact de l’ANS.";
const COPY_FAILED = "La copie n’a pas fonctionné : sélectionnez le texte (Ctrl+A dans la zone) et copiez-le (Ctrl+C).";
const FAILED = "Le texte du signalement n’a pas pu être préparé. Réessayez.";

/**
 * @param {HTMLTextAreaElement} area
 * @param {HTMLElement} status
 */
async function copy(area, status) {
  status.textContent = (await copyText(area.value, area)) ? COPIED : COPY_FAILED;
}

// Fills `section` with the text, its instructions and the copy button; returns the element to focus.
// `formUrl` is the ANS contact form's address, from reference.json (source "esante-formulaire").
/**
 * @param {HTMLElement} section
 * @param {import("../verifier/protocole.mjs").AnsReport} result
 * @param {{level?: "h2" | "h3"}} [options]
 */
export function renderSignalement(section, { text, form_url: formUrl }, { level = "h3" } = {}) {
  const heading = el(level, { id: "signalement-titre", tabindex: "-1", text: "Signalement à l’ANS" });
  const area = el("textarea", {
    id: "signalement-texte",
    readonly: true,
    rows: "16",
    spellcheck: "false",
    "aria-describedby": "signalement-consigne",
  });
  area.value = text;
  const status = el("span", { id: "signalement-etat", class: "outils-etat", role: "status", "aria-live": "polite" });
  const copyButton = el("button", { type: "button", id: "signalement-copier", class: "md-button md-button--primary", text: "Copier le texte" });
  copyButton.addEventListener("click", () => copy(area, status));
  section.replaceChildren(
    heading,
    el(
      "p",
      { id: "signalement-consigne" },
      "Relisez ce texte et complétez les mentions « [à compléter] ». Copiez-le, puis collez-le dans le ",
      el("a", { href: formUrl, target: "_blank", rel: "noopener noreferrer", text: "formulaire de contact de l’ANS (nouvel onglet)" }),
      ". ",
      el("strong", { text: "Joignez le devis (son fichier PDF ou Word) au formulaire" }),
      " : l’ANS en a besoin pour l’examiner. Rien n’est envoyé par ce site : c’est vous qui transmettez le signalement.",
    ),
    el("label", { for: "signalement-texte", class: "outils-label", text: "Texte à coller dans le formulaire de l’ANS" }),
    area,
    el("div", { class: "outils-actions" }, copyButton, status),
  );
  section.hidden = false;
  return heading;
}

/**
 * Asks the engine for the text of `reportJson` (the report as JSON text) and shows it in `section`.
 * @param {Ask} ask
 * @param {string} reportJson
 * @param {HTMLElement} section
 * @param {{level?: "h2" | "h3"}} [options]
 */
export async function prepareSignalement(ask, reportJson, section, options) {
  const answer = await ask("ans-report", { json: reportJson });
  if (!answer.ok) return { ok: false, error: answer.error || FAILED };
  const focus = renderSignalement(section, answer.result, options);
  focus.focus();
  return { ok: true };
}

// The tool pages' stylesheet, for the text area shown on the checker page (a file of this site: CSP-safe).
function ensureStyles() {
  const href = new URL("./outils.css", import.meta.url).href;
  if ([...document.styleSheets].some((sheet) => sheet.href === href)) return;
  document.head.append(el("link", { rel: "stylesheet", href }));
}

/**
 * The checker page's button: the text for the report on screen (its JSON, from the report's view), in `section`
 * (inside the report region, so it disappears with the report). `onError(message)` shows a failure next to the
 * report's buttons.
 * @param {import("../verifier/worker-client.mjs").Engine} engine
 * @param {string} reportJson
 * @param {HTMLElement} section
 * @param {(message: string) => void} onError
 */
export async function showForReport(engine, reportJson, section, onError) {
  ensureStyles();
  /** @type {Ask} */
  const ask = async (kind, payload) => {
    try {
      return await engine.compute(kind, payload);
    } catch {
      return { ok: false, error: FAILED };
    }
  };
  const outcome = await prepareSignalement(ask, reportJson, section);
  if (!outcome.ok) onError(outcome.error || FAILED);
}
