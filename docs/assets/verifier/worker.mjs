// Runs the Python checker (segur_devis) under Pyodide, off the main thread.
// Everything is loaded from this site's own origin: the quote never leaves the browser.
//
// Messages sent: {type: "progress", stage: "runtime" | "checker" | "pdf"}, {type: "ready"},
//   {type: "boot-error", error}, {type: "result", id, ok: true, report} or {type: "result", id, ok: false, error}.
// Messages received: {id, kind: "text", text, filename?} or {id, kind: "file", bytes: Uint8Array, filename}.

const RUNTIME_URL = new URL("../../pyodide/", import.meta.url);
const CHECKER_PACKAGE = "segur-devis";
const PDF_PACKAGE = "pypdf";

const GENERIC_ERROR =
  "Une erreur inattendue est survenue pendant la vérification. Réessayez ; si le problème persiste, " +
  "copiez le texte du devis dans la zone de texte.";

// The Python side: a single entry point that always answers with JSON, never with a traceback.
const GLUE = `
import json, traceback
import segur_devis

def check_request(kind, payload, filename):
    try:
        if kind == "text":
            report = segur_devis.check_text(payload, source=filename or "texte")
        else:
            report = segur_devis.check_bytes(payload.to_bytes(), filename=filename or "devis")
        return json.dumps({"ok": True, "report": report.to_dict(include_text=True)})
    except segur_devis.InputError as error:
        return json.dumps({"ok": False, "error": str(error)})
    except Exception:
        traceback.print_exc()  # worker console only, for developers
        return json.dumps({"ok": False, "error": None})

check_request
`;

let checkRequest = null; // the Python function, once booted
let pyodide = null;
let pdfReady = null; // promise, set when the first PDF arrives

async function boot() {
  postMessage({ type: "progress", stage: "runtime" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME_URL).href);
  pyodide = await loadPyodide({
    indexURL: RUNTIME_URL.href,
    lockFileURL: new URL("pyodide-lock.json", RUNTIME_URL).href,
    stdout: () => {},
  });
  postMessage({ type: "progress", stage: "checker" });
  await loadPackage(CHECKER_PACKAGE);
  checkRequest = pyodide.runPython(GLUE);
  postMessage({ type: "ready" });
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

async function handle({ id, kind, text, bytes, filename }) {
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
  const answer = JSON.parse(checkRequest(kind, kind === "text" ? text : bytes, filename || ""));
  if (answer.ok) postMessage({ type: "result", id, ok: true, report: answer.report });
  else postMessage({ type: "result", id, ok: false, error: answer.error || GENERIC_ERROR });
}

const booted = boot().catch((error) => {
  console.error(error);
  postMessage({ type: "boot-error", error: String(error) });
  throw error;
});

// Requests are answered one after the other, in order.
let queue = booted;
onmessage = (event) => {
  const request = event.data;
  queue = queue
    .then(() => handle(request))
    .catch((error) => {
      console.error(error);
      postMessage({ type: "result", id: request.id, ok: false, error: GENERIC_ERROR });
    });
};
