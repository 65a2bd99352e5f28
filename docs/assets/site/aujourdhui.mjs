// « Où en est-on aujourd'hui ? »: fills every [data-aujourdhui] element, on the day the page is read.
// The data (aujourdhui.json, written at build time by site_hooks/reference_tables.py from reference.json) gives
// each window's dates and its sentences; this module only compares today's date with them (no domain logic here)
// and builds the DOM with text nodes. The day can be set for tests with ?aujourdhui=YYYY-MM-DD.
// Where the page asks for it (`<!-- aujourdhui: resume -->`, the home page), a phone shows a summary instead: the
// latest vague of each couloir, the full table folded below it, and a link to the calendar page.

import { el } from "../verifier/dom.mjs";

/**
 * What aujourdhui.json holds (site_hooks/reference_tables.py).
 * @typedef {"a-venir" | "inconnu" | "ouvert" | "ferme"} Status
 * @typedef {{ids: string[], label: string | null, opens: string | null, closes: string | null,
 *   texts: Record<Status, string>}} Window
 * @typedef {{couloir: string, label: string, vague: number, windows: Window[]}} Row
 * @typedef {{checked_on: string, vagues: {vague: number, label: string}[], rows: Row[],
 *   texts: {title: string, day: string, checked: string, caption: string, couloir: string, none: string,
 *     summary: string, full: string, calendar: string}}} Today
 */

const ISO = /^\d{4}-\d{2}-\d{2}$/;
// The theme's phone layout (below its 45em breakpoint).
const PHONE = window.matchMedia("(max-width: 44.9375em)");

// Today in the reader's time zone, as YYYY-MM-DD (ISO dates compare as strings).
function today() {
  const asked = new URLSearchParams(window.location.search).get("aujourdhui");
  if (asked && ISO.test(asked) && !Number.isNaN(Date.parse(asked))) return asked;
  const now = new Date();
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** @param {string} iso */
function frDate(iso) {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/**
 * The same comparison as segur_devis.deadlines.status_on.
 * @param {{opens: string | null, closes: string | null}} window
 * @param {string} day YYYY-MM-DD
 * @returns {Status}
 */
export function statusOn(window, day) {
  if (window.opens && day < window.opens) return "a-venir";
  if (!window.closes) return "inconnu";
  return day > window.closes ? "ferme" : "ouvert";
}

/**
 * One window's status on the day, as a paragraph (the same in the table and in the summary).
 * @param {Window} w
 * @param {string} day
 */
function statusItem(w, day) {
  const status = statusOn(w, day);
  const item = el("p", { class: `aujourdhui-statut aujourdhui-statut--${status}`, "data-statut": status, "data-dispositifs": w.ids.join(" ") });
  if (w.label) item.append(el("strong", { text: `${w.label} : ` }));
  item.append(w.texts[status]);
  return item;
}

/**
 * @param {Row | undefined} row
 * @param {string} day
 * @param {string} none what the cell says without a row
 */
function cell(row, day, none) {
  const td = el("td");
  if (!row) {
    td.textContent = none;
    return td;
  }
  for (const w of row.windows) td.append(statusItem(w, day));
  return td;
}

/**
 * Each couloir once, in the data's order: [id, label].
 * @param {Today} data
 */
function couloirs(data) {
  return [...new Map(data.rows.map((r) => [r.couloir, r.label])).entries()];
}

/**
 * @param {Today} data
 * @param {string} day
 */
function table(data, day) {
  const texts = data.texts;
  const vagues = data.vagues.map((v) => v.vague);
  const table = el("table", { class: "aujourdhui-tableau" }, el("caption", { text: texts.caption }));
  const head = el("tr", {}, el("th", { scope: "col", text: texts.couloir }));
  for (const v of data.vagues) head.append(el("th", { scope: "col", text: v.label }));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  for (const [id, label] of couloirs(data)) {
    const tr = el("tr", { "data-couloir": id }, el("th", { scope: "row", text: label }));
    for (const v of vagues) tr.append(cell(data.rows.find((r) => r.couloir === id && r.vague === v), day, texts.none));
    body.append(tr);
  }
  table.append(body);
  return el("div", { class: "aujourdhui-defilement", tabindex: "0", role: "region", "aria-label": texts.caption }, table);
}

/**
 * The phone's summary: each couloir's latest vague (the one whose dates matter now), as a list.
 * @param {Today} data
 * @param {string} day
 */
function summary(data, day) {
  const labels = new Map(data.vagues.map((v) => [v.vague, v.label]));
  const list = el("ul", { class: "aujourdhui-resume", "aria-label": data.texts.summary.replace(/ :$/, "") });
  for (const [id, label] of couloirs(data)) {
    const rows = data.rows.filter((r) => r.couloir === id);
    const latest = rows.reduce((a, b) => (b.vague > a.vague ? b : a));
    const item = el("li", { "data-couloir": id }, el("strong", { text: label }), " ", el("span", { text: `${labels.get(latest.vague) ?? ""} :` }));
    for (const w of latest.windows) item.append(statusItem(w, day));
    list.append(item);
  }
  return list;
}

/**
 * @param {HTMLElement} root
 * @param {Today} data
 * @param {string} day
 */
function render(root, data, day) {
  const texts = data.texts;
  const short = root.dataset.aujourdhui === "resume" && PHONE.matches;
  const calendar = new URL("../../comprendre/calendrier/", import.meta.url).href;
  const body = short
    ? [
        el("p", { class: "aujourdhui-resume-titre", text: texts.summary }),
        summary(data, day),
        el("details", { class: "aujourdhui-complet" }, el("summary", { text: texts.full }), table(data, day)),
        el("p", { class: "aujourdhui-calendrier" }, el("a", { href: calendar, text: texts.calendar })),
      ]
    : [table(data, day)];
  root.replaceChildren(
    el("p", { class: "aujourdhui-jour", text: texts.day.replace("{jour}", frDate(day)) }),
    ...body,
    el("p", { class: "aujourdhui-verification", text: texts.checked }),
  );
  root.dataset.jour = day;
  root.dataset.forme = short ? "resume" : "tableau";
  root.dataset.etat = "pret";
}

async function start() {
  const roots = /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-aujourdhui]"));
  if (!roots.length) return;
  const style = el("link", { rel: "stylesheet", href: new URL("aujourdhui.css", import.meta.url).href });
  document.head.append(style);
  const day = today();
  try {
    const response = await fetch(new URL("aujourdhui.json", import.meta.url));
    if (!response.ok) throw new Error(String(response.status));
    const data = /** @type {Today} */ (await response.json());
    for (const root of roots) render(root, data, day);
    // Turning a phone or resizing a window changes the form, not the day.
    PHONE.addEventListener("change", () => roots.forEach((root) => render(root, data, day)));
  } catch {
    for (const root of roots) {
      root.dataset.etat = "erreur";
      root.replaceChildren(el("p", { text: "Le tableau du jour n’a pas pu être chargé : toutes les dates figurent sur la page Calendrier." }));
    }
  }
}

start();
