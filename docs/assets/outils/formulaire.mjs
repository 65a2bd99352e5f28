// What every tool page's form shares: the engine's status line, the request to the checker's own worker (Python
// under Pyodide, from this site, asked for a tool's computation instead of a quote check: one implementation of
// each computation), the fields' error messages and the form's message.
// Everything typed in a tool stays in the browser: requests go to the worker, never to the network.

import { BootError, Engine, TimeoutError } from "../verifier/worker-client.mjs";

// The shared DOM helpers, for the tool pages that import them from here.
export { el, showMessage } from "../verifier/dom.mjs";

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

// Starts the engine at once (Python loads while the user fills the form) and keeps `statusBox` up to date.
// `readyText` is what the status says once the tool can answer. The page's state is also on
// <html data-outil="loading | ready | error"> (for the tests and the offline cache).
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

  // Resolves with {ok: true, result} or {ok: false, error, fields}; never rejects.
  async function ask(kind, payload) {
    busy = true;
    refresh();
    try {
      return await engine.check({ kind, payload });
    } catch (error) {
      if (!(error instanceof TimeoutError || error instanceof BootError)) console.error(error);
      return { ok: false, error: error instanceof TimeoutError ? MESSAGES.timeout : MESSAGES.boot, fields: {} };
    } finally {
      busy = false;
      refresh();
    }
  }
  return { engine, ask };
}

// Field errors: each faulty field gets aria-invalid and its message, read out with the field (aria-describedby).
export function showFieldErrors(form, fields) {
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const box of form.querySelectorAll(".outils-erreur")) {
    box.textContent = "";
    box.hidden = true;
  }
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

