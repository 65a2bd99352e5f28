// The deadline calculator: the form's values go to segur_devis.tools.deadline_calculator.deadline_summary
// (Python, in the worker); the answer is shown with DOM APIs only (every text through textContent).

import { $, el, showMessage } from "../verifier/dom.mjs";
import { answerOnSubmit, showFieldErrors, startEngine } from "./formulaire.mjs";

/** @typedef {import("../verifier/protocole.mjs").DeadlineSummary} DeadlineSummary */
/** @typedef {import("../verifier/protocole.mjs").DatedStep} DatedStep */

const form = /** @type {HTMLFormElement} */ ($("echeances-formulaire"));
const couloir = /** @type {HTMLSelectElement} */ ($("echeances-couloir"));
const vague = /** @type {HTMLSelectElement} */ ($("echeances-vague"));
const signed = /** @type {HTMLInputElement} */ ($("echeances-date"));
const dispositif = /** @type {HTMLSelectElement} */ ($("echeances-dispositif"));
const dispositifField = $("echeances-dispositif-champ");
const result = $("echeances-resultat");
const message = $("outil-message");

const { ask } = startEngine($("outil-etat"), "Le calculateur est prêt.");

const STATUS = {
  in_time: "Dans les délais",
  late: "Hors délai",
  unknown: "Date limite inconnue",
};

// Only the vagues that exist for the chosen couloir can be picked (data-vagues comes from reference.json).
function syncVagues() {
  const allowed = (couloir.selectedOptions[0]?.dataset.vagues || "").split(" ").filter(Boolean);
  for (const option of vague.options) option.disabled = allowed.length > 0 && !allowed.includes(option.value);
  if (vague.selectedOptions[0]?.disabled) {
    const first = [...vague.options].find((o) => !o.disabled);
    if (first) vague.value = first.value;
  }
}
// Where the dates depend on the software or the establishment (data-paire from reference.json), ask for it.
function syncDispositifs() {
  const pair = `${couloir.value}-${vague.value}`;
  let any = false;
  for (const option of dispositif.options) {
    const fits = option.value === "" || option.dataset.paire === pair;
    option.hidden = !fits;
    option.disabled = !fits;
    any ||= option.value !== "" && fits;
  }
  dispositifField.hidden = !any;
  const chosen = dispositif.selectedOptions[0];
  if (!chosen || chosen.disabled || (any && chosen.value === "")) {
    const first = [...dispositif.options].find((o) => !o.disabled && (o.value !== "" || !any));
    dispositif.value = first ? first.value : "";
  }
}
couloir.addEventListener("change", () => {
  syncVagues();
  syncDispositifs();
});
vague.addEventListener("change", syncDispositifs);
syncVagues();
syncDispositifs();

/** @param {DatedStep} entry */
function source(entry) {
  const label = entry.official === false ? `${entry.source} (source non officielle)` : entry.source;
  return entry.url ? el("a", { href: entry.url, text: label }) : document.createTextNode(label);
}

/** @param {DeadlineSummary} summary */
function datesTable(summary) {
  const table = el("table", { id: "echeances-dates" });
  table.append(el("caption", { text: `Toutes les dates connues : ${summary.dispositif_label}` }));
  const head = el("tr");
  for (const title of ["Échéance", "Date", "Périmètre", "Statut", "Votre commande", "Source", "Remarque"]) {
    head.append(el("th", { scope: "col", text: title }));
  }
  table.append(el("thead", {}, head));
  const body = el("tbody");
  for (const d of summary.dates) {
    let yours = "—";
    if (d.signed_in_time === true) yours = "signée avant cette date";
    else if (d.signed_in_time === false) yours = "signée après cette date";
    const row = el(
      "tr",
      { "data-retenue": d.retained ? "oui" : "non" },
      el("th", { scope: "row", text: d.kind_label }),
      el("td", {}, d.retained ? el("strong", { text: d.date_fr }) : d.date_fr),
      el("td", { text: d.scope || "Tout le couloir" }),
      el("td", { text: d.retained ? "Retenue" : "Non retenue" }),
      el("td", { text: yours }),
      el("td", {}, source(d)),
      el("td", { text: d.note || "" }),
    );
    body.append(row);
  }
  table.append(body);
  return el(
    "div",
    { class: "outils-defilement", tabindex: "0", role: "region", "aria-label": "Tableau des dates (défilement horizontal possible)" },
    table,
  );
}

/**
 * Fills the result region; returns its heading, to focus.
 * @param {DeadlineSummary} summary
 */
function render(summary) {
  const heading = el("h2", { id: "echeances-resultat-titre", tabindex: "-1", text: "Résultat" });
  const proofs = summary.proofs;
  result.replaceChildren(
    heading,
    el(
      "div",
      { class: "outils-encadre", id: "echeances-preuves", "data-date": proofs.date },
      el("h3", { text: "Dossier de preuves à déposer à l’ANS" }),
      el("p", {}, "Au plus tard le ", el("strong", { text: proofs.date_fr }), ` (signature du ${summary.signed_fr} + ${proofs.days} jours calendaires).`),
      el("p", { text: proofs.message }),
      el("p", { class: "outils-source", text: `Source : ${proofs.source} — ${proofs.locator}.` }),
    ),
    el(
      "div",
      { class: `outils-encadre outils-encadre--${summary.order.status}`, id: "echeances-commande", "data-statut": summary.order.status },
      el("h3", { text: `Date limite des commandes : ${STATUS[summary.order.status]}` }),
      el("p", { text: summary.order.message }),
    ),
  );
  if (summary.dates.length) {
    result.append(
      el("h3", { text: "Toutes les dates connues pour ce couloir et cette vague" }),
      el("p", {
        class: "outils-aide",
        text: "Quand les sources ne donnent pas la même date, toutes sont affichées ; celle que nous utilisons est marquée « Retenue ».",
      }),
      datesTable(summary),
    );
  }
  return heading;
}

answerOnSubmit(ask, form, result, "deadline", {
  payload: () => ({
    couloir: couloir.value,
    vague: vague.value,
    signed: signed.value,
    dispositif: dispositifField.hidden ? "" : dispositif.value,
  }),
  render,
  // An error about the date or the establishment goes next to its field; anything else above the result.
  showFailure: ({ error, fields = {} }) => {
    const field = fields.signed ? signed : fields.dispositif ? dispositif : null;
    if (!field) return showMessage(message, error);
    showFieldErrors(form, { [field.id]: fields.signed || fields.dispositif });
    field.focus();
  },
});
