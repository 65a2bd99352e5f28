// The checker page: reads the quote (pasted text, chosen or dropped file), asks the engine, shows the report.
// The words of the report come from Python (segur_devis.view); this script keeps the page's own words.

import "./navigateur-sonde.mjs"; // an engine too old for Python never starts it (navigateur.mjs says why)
import { $, copyText, el, localIsoDateTime, showMessage as show } from "./dom.mjs";
import { BootError, CHECK_TIME_LIMIT_MS, Engine, TimeoutError } from "./worker-client.mjs";
import { renderReport } from "./report.mjs";
import { showForReport as prepareAnsReport } from "../outils/signalement.mjs";

/** @typedef {import("./protocole.mjs").ReportView} ReportView */

const MAX_FILE_BYTES = 20 * 1024 * 1024;
// The checker's own limit (segur_devis.extract.MAX_TEXT_CHARS): a longer paste is refused here, at once,
// instead of being copied to the worker only to be refused there seconds later.
const MAX_TEXT_CHARS = 20_000_000;

const MESSAGES = {
  empty: "Collez le texte du devis dans la zone de texte, ou choisissez un fichier, puis cliquez sur « Vérifier ».",
  tooBig: "Ce fichier est trop volumineux (plus de 20 Mo) pour être un devis. Vérifiez que vous avez choisi le bon fichier.",
  tooLong:
    "Ce texte est beaucoup trop long pour être un devis (plus de 20 millions de caractères). " +
    "Collez seulement le texte du devis.",
  fakePdf:
    "Ce fichier porte l’extension .pdf mais n’est pas un PDF lisible. Ouvrez-le pour vérifier qu’il s’agit bien du devis, " +
    "ou copiez son texte dans la zone de texte.",
  unreadable: "Le fichier n’a pas pu être lu. Choisissez-le à nouveau.",
  timeout:
    "La vérification a pris trop de temps et a été arrêtée. Le document est peut-être très long ou mal formé : " +
    "essayez de coller seulement le texte du devis.",
  boot:
    "Le vérificateur n’a pas pu démarrer. Vérifiez votre connexion à internet puis rechargez la page ; " +
    "si le problème persiste, utilisez un navigateur récent (Firefox, Chrome, Edge ou Safari à jour).",
  copied: "Rapport copié : vous pouvez le coller dans un courriel ou un document.",
  copyFailed: "La copie n’a pas fonctionné : sélectionnez le texte du rapport et copiez-le à la main.",
};

// The engine's start, in plain words: the page is usable meanwhile, and a check asked for starts by itself.
/** @type {Record<string, [number, string]>} */
const STAGES = {
  start: [0, "Préparation du vérificateur, 1/3…"],
  runtime: [1, "Préparation du vérificateur, 2/3…"],
  checker: [2, "Préparation du vérificateur, 3/3…"],
  pdf: [2, "Préparation de la lecture du PDF…"],
  ready: [3, "Le vérificateur est prêt."],
};

// The site's address (the page is at <site>/verifier/): the copied report links each rule's page there.
const SITE = new URL("../", location.href).href;

const form = $("verifier-formulaire");
const textArea = /** @type {HTMLTextAreaElement} */ ($("devis-texte"));
const fileInput = /** @type {HTMLInputElement} */ ($("devis-fichier"));
const dropZone = $("zone-depot");
const chosenFile = $("fichier-choisi");
const progress = /** @type {HTMLProgressElement} */ ($("verifier-progression"));
const statusText = $("verifier-etat-texte");
const messageBox = $("verifier-message");
const reportBox = $("rapport");

let waiting = false; // a check was asked for and is not answered yet
let latestRequest = 0; // only the answer to the latest request is shown
/** @type {ReportView | null} */
let lastView = null;
let source = "text"; // what "Vérifier" checks: the latest thing the user gave, "text" or "file"

// A lower limit, for tests only: verifier/?limite=1 (milliseconds).
const limitParam = Number(new URLSearchParams(location.search).get("limite"));
// The day quotes are judged on, for tests only: verifier/?aujourdhui=YYYY-MM-DD (as the « today » component).
const todayParam = new URLSearchParams(location.search).get("aujourdhui") || undefined;
const timeLimit = limitParam > 0 ? limitParam : CHECK_TIME_LIMIT_MS;

/**
 * @param {string} text
 * @param {number} [step]
 */
function setStatus(text, step) {
  statusText.textContent = text;
  progress.hidden = step === undefined;
  if (step !== undefined) progress.value = step;
}

let stage = "start";
function refreshStatus() {
  if (engine.state === "error") return setStatus(MESSAGES.boot);
  if (engine.state === "ready" && !waiting) return setStatus(STAGES.ready[1]);
  if (engine.state === "ready") return setStatus(stage === "pdf" ? STAGES.pdf[1] : "Vérification en cours…");
  const [step, text] = STAGES[stage] || STAGES.start;
  setStatus(waiting ? `${text} Votre vérification démarrera dès que le vérificateur sera prêt.` : text, step);
}

const engine = new Engine(
  (state, newStage) => {
    // The first time the engine is ready; the bench (bench/browser.py) reads this mark.
    if (state === "ready" && !performance.getEntriesByName("segur-devis:ready").length) {
      performance.mark("segur-devis:ready");
    }
    document.documentElement.dataset.checker = state;
    if (newStage !== stage) performance.mark(`segur-devis:stage:${newStage}`); // boot breakdown, for bench/
    stage = newStage;
    refreshStatus();
  },
  { timeLimit },
);
engine.start(); // at once: Python loads while the user finds the quote

/** @param {string} text */
function showMessage(text) {
  show(messageBox, text);
}

function clearReport() {
  reportBox.replaceChildren();
  reportBox.hidden = true;
  delete reportBox.dataset.verdict;
  lastView = null;
}

/**
 * @param {import("./protocole.mjs").QuoteRequest} request
 * @param {Transferable[]} [transfer]
 */
async function run(request, transfer) {
  const id = ++latestRequest;
  const started = performance.now();
  waiting = true;
  showMessage("");
  clearReport();
  refreshStatus();
  /** @type {import("./protocole.mjs").QuoteAnswer} */
  let answer;
  try {
    answer = await engine.check({ ...request, today: todayParam }, transfer);
  } catch (error) {
    answer = { ok: false, error: error instanceof TimeoutError ? MESSAGES.timeout : MESSAGES.boot };
    if (!(error instanceof TimeoutError || error instanceof BootError)) console.error(error);
  }
  if (id !== latestRequest) return; // a newer request superseded this one
  waiting = false;
  refreshStatus();
  if (!answer.ok) {
    clearReport();
    showMessage(answer.error);
    return;
  }
  lastView = answer.view;
  const heading = renderReport(reportBox, answer.view, answer.view.tools ? reportTools(answer.view) : null);
  // Said by screen readers through the status region (aria-live), as well as shown.
  setStatus(answer.view.status);
  // The verdict in view, on a phone too (the form fills the first screen there), below the sticky header.
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: "start" });
  performance.measure("segur-devis:check", { start: started, end: performance.now() });
}

// The report's actions for a reader: save it (as PDF, through the print view made for it), copy it, and, when
// there is something to report, prepare the text for the ANS. The JSON is under « Pour les éditeurs ».
/** @param {ReportView} view */
function reportTools(view) {
  return el(
    "div",
    { class: "verifier-outils" },
    el("button", { type: "button", class: "md-button", id: "rapport-imprimer", text: "Enregistrer en PDF" }),
    el("button", { type: "button", class: "md-button", id: "rapport-copier", text: "Copier le rapport" }),
    view.ans_report
      ? el("button", { type: "button", class: "md-button", id: "rapport-signalement", text: "Préparer un signalement à l’ANS" })
      : null,
    el("span", { id: "rapport-outils-etat", class: "verifier-outils__etat", role: "status", "aria-live": "polite" }),
    // Filled by docs/assets/outils/signalement.mjs when « Préparer un signalement à l’ANS » is clicked.
    el("section", { id: "signalement", class: "verifier-signalement", "aria-labelledby": "signalement-titre", hidden: true }),
  );
}

// Called synchronously when a check is asked for: the previous outcome disappears at once.
function startOver() {
  showMessage("");
  clearReport();
}

function checkText() {
  startOver();
  const text = textArea.value;
  if (text.length > MAX_TEXT_CHARS) {
    clearReport();
    return showMessage(MESSAGES.tooLong);
  }
  if (!text.trim()) {
    clearReport();
    return showMessage(MESSAGES.empty);
  }
  return run({ kind: "text", text, filename: "texte", now: localIsoDateTime(), site: SITE });
}

/** @param {File} file */
async function checkFile(file) {
  startOver();
  if (file.size > MAX_FILE_BYTES) {
    clearReport();
    return showMessage(MESSAGES.tooBig);
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    clearReport();
    return showMessage(MESSAGES.unreadable);
  }
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (/\.pdf$/i.test(file.name) && !head.includes("%PDF")) {
    clearReport();
    return showMessage(MESSAGES.fakePdf);
  }
  return run({ kind: "file", bytes, filename: file.name, now: localIsoDateTime(), site: SITE }, [bytes.buffer]);
}

/** @param {File | undefined} file */
function useFile(file) {
  if (!file) return;
  source = "file";
  chosenFile.textContent = `Fichier choisi : ${file.name}`;
  chosenFile.hidden = false;
  checkFile(file);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const file = fileInput.files?.[0];
  if (file && (source === "file" || !textArea.value.trim())) checkFile(file);
  else checkText();
});

textArea.addEventListener("input", () => {
  source = "text";
});

// A paste far too long for a quote is refused before the browser lays out megabytes of text in the field.
textArea.addEventListener("paste", (event) => {
  const pasted = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
  if (pasted.length + textArea.value.length > MAX_TEXT_CHARS) {
    event.preventDefault();
    clearReport();
    showMessage(MESSAGES.tooLong);
  }
});

fileInput.addEventListener("change", () => useFile(fileInput.files?.[0]));

$("effacer").addEventListener("click", () => {
  textArea.value = "";
  fileInput.value = "";
  chosenFile.hidden = true;
  source = "text";
  showMessage("");
  clearReport();
  textArea.focus();
});

// Drag and drop: the whole window refuses dropped files (the browser would open them and leave the page);
// the drop zone takes them.
for (const type of ["dragover", "drop"]) window.addEventListener(type, (event) => event.preventDefault());
dropZone.addEventListener("dragover", () => dropZone.classList.add("verifier-depot--survol"));
dropZone.addEventListener("dragleave", () => dropZone.classList.remove("verifier-depot--survol"));
dropZone.addEventListener("drop", (event) => {
  dropZone.classList.remove("verifier-depot--survol");
  const file = event.dataTransfer && event.dataTransfer.files[0];
  if (!file) return;
  try {
    fileInput.files = event.dataTransfer.files; // keeps the picker in step with what was dropped
  } catch {
    // older browsers: the file is still checked
  }
  useFile(file);
});

// Report tools (buttons are re-created with each report, so listen on the region).
reportBox.addEventListener("click", (event) => {
  if (!lastView || !(event.target instanceof HTMLElement)) return;
  const tool = event.target.closest("button");
  if (!tool) return;
  if (tool.id === "rapport-imprimer") window.print();
  else if (tool.id === "rapport-copier") copyReport(lastView);
  else if (tool.id === "rapport-telecharger") downloadReport(lastView);
  else if (tool.id === "rapport-signalement") prepareAnsReport(engine, lastView.json, $("signalement"), toolStatus);
});

/** @param {string} text */
function toolStatus(text) {
  const box = document.getElementById("rapport-outils-etat");
  if (box) box.textContent = text;
}

/** @param {ReportView} view */
async function copyReport(view) {
  toolStatus((await copyText(view.plain_text)) ? MESSAGES.copied : MESSAGES.copyFailed);
}

/** @param {ReportView} view */
function downloadReport(view) {
  const blob = new Blob([view.json], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: view.download_name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
