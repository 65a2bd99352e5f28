// Runs the Python checker (segur_devis) under Pyodide, off the main thread.
// Everything is loaded from this site's own origin: the quote never leaves the browser.
//
// Messages sent: {type: "progress", stage: "runtime" | "checker" | "pdf"}, {type: "ready", boot: "snapshot" | "python"},
//   {type: "boot-error", error}, {type: "result", id, ok: true, report} or {type: "result", id, ok: false, error}.
// Messages received: {id, kind: "text", text, filename?} or {id, kind: "file", bytes: Uint8Array, filename}, each
//   with an optional `today` (YYYY-MM-DD): the day the quote is judged on (tests; default: the current date).
// The tool pages (docs/outils/) use the same engine: {id, kind: "deadline" | "compare" | "ans-report", payload}
//   is answered with {type: "result", id, ok: true, result} or {type: "result", id, ok: false, error, fields}.

const RUNTIME_URL = new URL("../../pyodide/", import.meta.url);
const CHECKER_PACKAGE = "segur-devis";
const PDF_PACKAGE = "pypdf";

const GENERIC_ERROR =
  "Une erreur inattendue est survenue pendant la vérification. Réessayez ; si le problème persiste, " +
  "copiez le texte du devis dans la zone de texte.";

// The Python side: a single entry point that always answers with JSON, never with a traceback.
const GLUE = `
import json, traceback
from datetime import date
import segur_devis

def check_request(kind, payload, filename, today=""):
    try:
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            day = None  # a malformed test parameter: judge on the current date
        if kind == "text":
            report = segur_devis.check_text(payload, source=filename or "texte", today=day)
        else:
            report = segur_devis.check_bytes(payload.to_bytes(), filename=filename or "devis", today=day)
        return json.dumps({"ok": True, "report": report.to_dict(include_text=True)})
    except segur_devis.InputError as error:
        return json.dumps({"ok": False, "error": str(error)})
    except Exception:
        traceback.print_exc()  # worker console only, for developers
        return json.dumps({"ok": False, "error": None})

check_request
`;

// The tools' entry point: the payload is JSON; French errors come back with the faulty fields, if any.
const TOOL_KINDS = new Set(["deadline", "compare", "ans-report"]);
const TOOL_ERROR = "Une erreur inattendue est survenue pendant le calcul. Réessayez.";
const TOOL_GLUE = `
import json, traceback
import segur_devis

def tool_request(kind, payload_json):
    try:
        payload = json.loads(payload_json)
        if kind == "deadline":
            from segur_devis.deadlines import deadline_summary
            result = deadline_summary(str(payload["couloir"]), int(payload["vague"]), str(payload["signed"]), payload.get("dispositif") or None)
        elif kind == "compare":
            from segur_devis.compare import compare_form
            result = compare_form(payload)
        else:
            from segur_devis.ans_report import ans_report_text, form_url, report_from_json
            result = {"text": ans_report_text(report_from_json(payload["json"])), "form_url": form_url()}
        return json.dumps({"ok": True, "result": result})
    except segur_devis.InputError as error:
        return json.dumps({"ok": False, "error": str(error), "fields": getattr(error, "fields", {})})
    except Exception:
        traceback.print_exc()  # worker console only, for developers
        return json.dumps({"ok": False, "error": None})

tool_request
`;
let toolRequest = null;

let checkRequest = null; // the Python function, once booted
let pyodide = null;
let pdfReady = null; // promise, set when the first PDF arrives

// When its WebAssembly cannot be downloaded (or a snapshot does not fit it), Pyodide 0.29 only logs a warning and
// then waits forever: turn that warning into a failure of the start under way, so the page can say so at once.
let wasmFailure = () => {};
const warn = console.warn.bind(console);
console.warn = (...args) => {
  warn(...args);
  if (String(args[0]).includes("wasm instantiation failed")) wasmFailure(new Error(String(args[0])));
};

// Return visits: the offline copy holds a memory snapshot of Python with the checker imported (made at build time
// by site_hooks/pyodide_bundle.py, named in snapshot.json): restoring it is about three times faster than booting
// Python and installing the checker. Only the offline copy is asked (never the network), so a first visit
// downloads nothing more; the service worker stores the snapshot with the runtime once the engine is ready.
// The manifest and the snapshot come from the same copy (the service worker names its caches
// `segur-devis:<site root>:<version>`, site_hooks/offline_sw.js), the newest first, so that a copy being replaced
// never pairs one version's manifest with another's snapshot.
const SITE_ROOT = new URL("../", RUNTIME_URL).href;

async function snapshotInOfflineCopy() {
  try {
    if (!self.caches) return null;
    const names = (await caches.keys()).filter((name) => name.startsWith(`segur-devis:${SITE_ROOT}:`));
    for (const name of names.reverse()) {
      const copy = await caches.open(name);
      const manifest = await copy.match(new URL("snapshot.json", RUNTIME_URL).href);
      if (!manifest) continue;
      const { file } = await manifest.json();
      const snapshot = await copy.match(new URL(file, RUNTIME_URL).href);
      if (snapshot) return snapshot;
    }
    return null;
  } catch (error) {
    console.warn("snapshot unavailable", error); // worker console only: the normal boot follows
    return null;
  }
}

async function decompress(response) {
  const raw = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(raw).arrayBuffer());
}

function startPython(loadPyodide, snapshot) {
  const loading = loadPyodide({
    indexURL: RUNTIME_URL.href,
    lockFileURL: new URL("pyodide-lock.json", RUNTIME_URL).href,
    stdout: () => {},
    ...(snapshot ? { _loadSnapshot: snapshot } : {}),
  });
  const failed = new Promise((_, reject) => {
    wasmFailure = reject;
  });
  return Promise.race([loading, failed]);
}

// The snapshot's Python, restored, or null when anything goes wrong (another runtime build, a damaged file…).
async function restoreSnapshot(loadPyodide, response) {
  try {
    // Pyodide takes the snapshot as a promise: it compiles its WebAssembly while the snapshot decompresses.
    const restored = await startPython(loadPyodide, decompress(response));
    restored.runPython("after_restore()"); // defined by site_hooks/snapshot_warmup.py
    return restored;
  } catch (error) {
    console.warn("snapshot not restored", error);
    return null;
  }
}

async function boot() {
  postMessage({ type: "progress", stage: "runtime" });
  const snapshot = snapshotInOfflineCopy(); // at once, while Pyodide's module loads
  const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME_URL).href);
  const response = await snapshot;
  pyodide = response ? await restoreSnapshot(loadPyodide, response) : null;
  const from = pyodide ? "snapshot" : "python";
  if (!pyodide) {
    pyodide = await startPython(loadPyodide, null);
    postMessage({ type: "progress", stage: "checker" });
    await loadPackage(CHECKER_PACKAGE);
  }
  checkRequest = pyodide.runPython(GLUE);
  toolRequest = pyodide.runPython(TOOL_GLUE);
  postMessage({ type: "ready", boot: from });
}

// Right after ready, one check of public text (the rules' own examples): WebAssembly functions are compiled on
// their first call, so the visitor's first check then runs on code that is already compiled and warm.
const WARM_UP = `
import segur_devis
segur_devis.check_text("\\n\\n".join(rule.bad for rule in segur_devis.RULES), source="exemple").to_dict(include_text=True)
`;

function warmUp() {
  try {
    pyodide.runPython(WARM_UP);
  } catch (error) {
    console.warn("warm-up failed", error); // worker console only: checks work without it
  }
}

async function loadPackage(name) {
  const errors = [];
  await pyodide.loadPackage([name], { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
  if (errors.length) throw new Error(errors.join("\n"));
}

// pypdf is only needed for PDF quotes: load it when the first one arrives.
function looksLikePdf(bytes, filename) {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes("%PDF") || /\.pdf$/i.test(filename || "");
}

async function handle({ id, kind, text, bytes, filename, payload, today }) {
  if (TOOL_KINDS.has(kind)) {
    const answer = JSON.parse(toolRequest(kind, JSON.stringify(payload ?? {})));
    postMessage({ type: "result", id, ...answer, error: answer.ok ? undefined : answer.error || TOOL_ERROR });
    return;
  }
  if (kind === "file" && looksLikePdf(bytes, filename)) {
    if (!pdfReady) {
      postMessage({ type: "progress", stage: "pdf" });
      pdfReady = loadPackage(PDF_PACKAGE).catch((error) => {
        pdfReady = null; // let the next PDF try again
        throw error;
      });
    }
    await pdfReady;
  }
  const answer = JSON.parse(checkRequest(kind, kind === "text" ? text : bytes, filename || "", today || ""));
  if (answer.ok) postMessage({ type: "result", id, ok: true, report: answer.report });
  else postMessage({ type: "result", id, ok: false, error: answer.error || GENERIC_ERROR });
}

const booted = boot().catch((error) => {
  console.error(error);
  postMessage({ type: "boot-error", error: String(error) });
  throw error;
});

// Requests are answered one after the other, in order, after the warm-up.
let queue = booted.then(warmUp);
onmessage = (event) => {
  const request = event.data;
  queue = queue
    .then(() => handle(request))
    .catch((error) => {
      console.error(error);
      postMessage({ type: "result", id: request.id, ok: false, error: GENERIC_ERROR });
    });
};
