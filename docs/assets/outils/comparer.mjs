// The multi-year comparison: the form's strings go to segur_devis.tools.compare.compare_form (Python, in the
// worker, exact amounts); the answer is shown as sentences, a chart (inline SVG) and two tables (its text alternative).

import { $, el, showMessage } from "../verifier/dom.mjs";
import { lineChart, markerSwatch } from "./graphique.mjs";
import { answerOnSubmit, showFieldErrors, startEngine } from "./formulaire.mjs";

/** @typedef {import("../verifier/protocole.mjs").Comparison} Comparison */

const form = /** @type {HTMLFormElement} */ ($("comparer-formulaire"));
const addButton = $("comparer-ajouter");
const result = $("comparer-resultat");
const message = $("outil-message");
const fieldsets = [...form.querySelectorAll("fieldset.outils-offre")].map((f) => /** @type {HTMLFieldSetElement} */ (f));
const FIELDS = ["name", "one_off", "yearly", "monthly", "maintenance", "state"];

const { ask } = startEngine($("outil-etat"), "Le comparateur est prêt.");

const visible = () => fieldsets.filter((f) => !f.hidden);
/**
 * The field `field` of offer `n` (1, 2, 3…).
 * @param {string | number | undefined} n
 * @param {string} field
 */
const input = (n, field) => /** @type {HTMLInputElement} */ ($(`offre-${n}-${field}`));

function refreshAddButton() {
  addButton.hidden = visible().length === fieldsets.length;
}

addButton.addEventListener("click", () => {
  const next = fieldsets.find((f) => f.hidden);
  if (!next) return;
  next.hidden = false;
  refreshAddButton();
  input(next.dataset.offre, "name").focus();
});

// Removing offer n moves the following offers up, so the shown offers stay numbered 1, 2, 3…
form.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest(".outils-retirer") : null;
  if (!(button instanceof HTMLElement)) return;
  const shown = visible().map((f) => Number(f.dataset.offre));
  const last = shown[shown.length - 1];
  for (let n = Number(button.dataset.offre); n < last; n++) {
    for (const field of FIELDS) input(n, field).value = input(n + 1, field).value;
  }
  for (const field of FIELDS) input(last, field).value = "";
  $(`offre-${last}`).hidden = true;
  showFieldErrors(form, {});
  refreshAddButton();
  addButton.focus();
});
refreshAddButton();

/**
 * A table of the offers' costs, one row a year: cumulative or per year; `marked` marks each year's cheapest.
 * @param {string} id
 * @param {string} caption
 * @param {Comparison} data
 * @param {"cumulative" | "per_year"} key
 * @param {boolean} marked
 */
function table(id, caption, data, key, marked) {
  const head = el("tr", {}, el("th", { scope: "col", text: "Année" }));
  for (const offer of data.offers) head.append(el("th", { scope: "col", text: offer.name }));
  const body = el("tbody");
  for (let year = 1; year <= data.years; year++) {
    const row = el("tr", {}, el("th", { scope: "row", text: `Année ${year}` }));
    data.offers.forEach((offer, index) => {
      const cheapest = marked && data.cheapest[year - 1].includes(index);
      row.append(
        el(
          "td",
          { class: cheapest ? "outils-moins-chere" : undefined, "data-valeur": offer[key][year - 1] },
          offer[`${key}_fr`][year - 1],
          cheapest ? el("span", { class: "outils-badge", text: " la moins chère" }) : null,
        ),
      );
    });
    body.append(row);
  }
  return el(
    "div",
    { class: "outils-defilement", tabindex: "0", role: "region", "aria-labelledby": `${id}-legende` },
    el("table", { id }, el("caption", { id: `${id}-legende`, text: caption }), el("thead", {}, head), body),
  );
}

/**
 * Fills the result region; returns its heading, to focus.
 * @param {Comparison} data
 */
function render(data) {
  const heading = el("h2", { id: "comparer-resultat-titre", tabindex: "-1", text: "Résultat" });
  const conclusions = el("ul", { id: "comparer-conclusions", class: "outils-conclusions" });
  for (const sentence of data.conclusions) conclusions.append(el("li", { text: sentence }));
  const years = `${data.years} an${data.years > 1 ? "s" : ""}`;
  const chart = lineChart({
    id: "comparer-graphique",
    title: `Coût cumulé pour l’établissement, sur ${years}`,
    description:
      `${data.conclusions.join(" ")} Les valeurs de ce graphique figurent dans le tableau « Coût cumulé », ci-dessous.`,
    series: data.offers.map((o) => ({ name: o.name, values: o.cumulative_chart })),
    years: data.years,
  });
  const legend = el("ul", { class: "outils-legende", "aria-hidden": "true" });
  data.offers.forEach((offer, index) => legend.append(el("li", {}, markerSwatch(index), ` ${offer.name}`)));
  result.replaceChildren(
    heading,
    conclusions,
    el("figure", { class: "outils-figure" }, chart, legend),
    table("comparer-cumul", `Coût cumulé pour l’établissement, sur ${years}`, data, "cumulative", true),
    table("comparer-annuel", "Coût de chaque année pour l’établissement", data, "per_year", false),
  );
  return heading;
}

answerOnSubmit(ask, form, result, "compare", {
  payload: () => ({
    years: /** @type {HTMLSelectElement} */ ($("duree")).value,
    offers: visible().map((f) => Object.fromEntries(FIELDS.map((field) => [field, input(f.dataset.offre, field).value]))),
  }),
  render,
  showFailure: (failure) => {
    const first = showFieldErrors(form, failure.fields);
    const count = Object.keys(failure.fields || {}).length;
    showMessage(
      message,
      count ? `${count > 1 ? `${count} champs sont à corriger` : "Un champ est à corriger"} : ${failure.error}` : failure.error,
    );
    if (first) first.focus();
  },
});
