// What every tool page's form shares: the engine's status line, the request to the checker's own worker (Python
// under Pyodide, from this site, asked for a tool's computation instead of a quote check: one implementation of
// each computation), the fields' error messages, the form's message and its submit.
// Everything typed in a tool stays in the browser: requests go to the worker, never to the network.

import "../verifier/navigateur-sonde.mjs"; // an engine too old for Python never starts it (navigateur.mjs says why)
import { $, showMessage } from "../verifier/dom.mjs";
import { BootError, Engine, TimeoutError } from "../verifier/worker-client.mjs";

/** @typedef {import("../verifier/protocole.mjs").Ask} Ask */
/** @typedef {import("../verifier/protocole.mjs").Failure} Failure */
/** @typedef {import("../verifier/protocole.mjs").ToolKind} ToolKind */
/** @typedef {import("../verifier/protocole.mjs").ToolResults} ToolResults */

/** @type {Record<string, string>} */
const STAGES = {
  start: "Préparation…",
  runtime: "Chargement de Python dans votre navigateur (étape 1 sur 2)…",
  checker: "Chargement des règles et des données (étape 2 sur 2)…",
};

export const MESSAGES = {
  boot:
    "L’outil n’a pas pu démarrer dans ce navigateur. Rechargez la page ; si le problème persiste, utilisez un " +
    "navigateur récent (Firefox, Chrome, Edge ou Safari à jour).",
  timeout: "Le calcul a pris trop de temps et a été arrêté. Réessayez.",
};

/**
 * Starts the engine at once (Python loads while the user fills the form) and keeps `statusBox` up to date.
 * `readyText` is what the status says once the tool can answer. The page's state is also on
 * <html data-outil="loading | ready | error"> (for the tests and the offline cache).
 * @param {HTMLElement} statusBox
 * @param {string} readyText
 * @returns {{engine: Engine, ask: Ask}}
 */
export function startEngine(statusBox, readyText) {
  let busy = false;
  let state = "loading";
  let stage = "start";
  const refresh = () => {
    if (state === "error") statusBox.textContent = MESSAGES.boot;
    else if (state === "ready") statusBox.textContent = busy ? "Calcul en cours…" : readyText;
    else statusBox.textContent = (STAGES[stage] || STAGES.start) + (busy ? " Le calcul démarrera dès que possible." : "");
  };
  const engine = new Engine((newState, newStage) => {
    state = newState;
    stage = newStage;
    document.documentElement.dataset.outil = newState;
    refresh();
  });
  engine.start();

  /** @type {Ask} */
  const ask = async (kind, payload) => {
    busy = true;
    refresh();
    try {
      return await engine.compute(kind, payload);
    } catch (error) {
      if (!(error instanceof TimeoutError || error instanceof BootError)) console.error(error);
      return { ok: false, error: error instanceof TimeoutError ? MESSAGES.timeout : MESSAGES.boot, fields: {} };
    } finally {
      busy = false;
      refresh();
    }
  };
  return { engine, ask };
}

/**
 * Field errors: each faulty field gets aria-invalid and its message, read out with the field (aria-describedby).
 * `fields` maps a field's id to its message; an empty map clears them all. Returns the first faulty field.
 * @param {HTMLFormElement} form
 * @param {Record<string, string> | undefined} fields
 * @returns {HTMLElement | null}
 */
export function showFieldErrors(form, fields) {
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const box of form.querySelectorAll(".outils-erreur")) {
    box.textContent = "";
    /** @type {HTMLElement} */ (box).hidden = true;
  }
  /** @type {HTMLElement | null} */
  let first = null;
  for (const [id, message] of Object.entries(fields || {})) {
    const input = document.getElementById(id);
    const box = document.getElementById(`${id}-erreur`);
    if (!input || !box) continue;
    box.textContent = message;
    box.hidden = false;
    input.setAttribute("aria-invalid", "true");
    const described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (!described.includes(box.id)) input.setAttribute("aria-describedby", [...described, box.id].join(" "));
    first = first || input;
  }
  return first;
}

/**
 * The tool's form, answered: on submit, the previous outcome goes and the engine computes `kind` from
 * `payload()`; then `render` fills the `result` region, shown with the element `render` returns focused, or the
 * region is emptied and `showFailure` says what went wrong (next to the faulty fields or in #outil-message).
 * @template {ToolKind} K
 * @param {Ask} ask
 * @param {HTMLFormElement} form
 * @param {HTMLElement} result
 * @param {K} kind
 * @param {{payload: () => Record<string, unknown>, render: (result: ToolResults[K]) => HTMLElement,
 *   showFailure: (failure: Failure) => void}} handlers
 */
export function answerOnSubmit(ask, form, result, kind, { payload, render, showFailure }) {
  const message = $("outil-message");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    showMessage(message, "");
    showFieldErrors(form, {});
    const answer = await ask(kind, payload());
    if (answer.ok) {
      const focus = render(answer.result);
      result.hidden = false;
      focus.focus();
    } else {
      result.hidden = true;
      result.replaceChildren();
      showFailure(answer);
    }
  });
}
