// Runs the Python checker (segur_devis) under Pyodide, off the main thread.
// Everything is loaded from this site's own origin: the quote never leaves the browser.
//
// The protocol (types: protocole.mjs) is answered in Python by segur_devis.web: this worker only forwards each
// request as JSON text (a file's bytes beside it) and posts the JSON answer back. It also says, on its own,
// {type: "progress", stage}, {type: "ready", boot: "snapshot" | "python"} and {type: "boot-error", error}.
// Type-checked with a worker's library, not the page's: tsconfig.workers.json.

/** @typedef {import("pyodide").PyodideAPI} Pyodide */
/** @typedef {typeof import("pyodide").loadPyodide} LoadPyodide */
/** @typedef {import("./protocole.mjs").Request} Request */
/** @typedef {import("./protocole.mjs").Answer} Answer */
/** @typedef {import("./protocole.mjs").Notice} Notice */

/**
 * Everything this worker says to its page.
 * @param {Notice | Answer} message
 */
function say(message) {
  postMessage(message);
}

const RUNTIME_URL = new URL("../../pyodide/", import.meta.url);
const CHECKER_PACKAGE = "segur-devis";
const PDF_PACKAGE = "pypdf";

// Said when the worker itself fails (not Python, which answers every failure in French).
const GENERIC_ERROR =
  "Une erreur inattendue est survenue. Réessayez ; si le problème persiste, rechargez la page.";

/** @type {((requestJson: string, bytes?: Uint8Array) => string) | null} segur_devis.web.respond, once booted */
let respond = null;
/** @type {((head: Uint8Array, filename: string) => boolean) | null} segur_devis.web.needs_pdf_reader */
let needsPdfReader = null;
/** @type {Pyodide | null} */
let pyodide = null;
/** @type {Promise<void> | null} set when the first PDF arrives */
let pdfReady = null;

// When its WebAssembly cannot be downloaded (or a snapshot does not fit it), Pyodide 0.29 only logs a warning and
// then waits forever: turn that warning into a failure of the start under way, so the page can say so at once.
/** @type {(error: Error) => void} */
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

/** @param {Response} response a gzip file */
async function decompress(response) {
  if (!response.body) throw new Error("empty snapshot");
  const raw = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(raw).arrayBuffer());
}

/**
 * @param {LoadPyodide} loadPyodide
 * @param {Promise<Uint8Array> | null} snapshot
 * @returns {Promise<Pyodide>}
 */
function startPython(loadPyodide, snapshot) {
  const loading = loadPyodide({
    indexURL: RUNTIME_URL.href,
    lockFileURL: new URL("pyodide-lock.json", RUNTIME_URL).href,
    stdout: () => {},
    ...(snapshot ? { _loadSnapshot: snapshot } : {}),
  });
  /** @type {Promise<never>} */
  const failed = new Promise((_, reject) => {
    wasmFailure = reject;
  });
  return Promise.race([loading, failed]);
}

/**
 * The snapshot's Python, restored, or null when anything goes wrong (another runtime build, a damaged file…).
 * @param {LoadPyodide} loadPyodide
 * @param {Response} response
 */
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
  say({ type: "progress", stage: "runtime" });
  const snapshot = snapshotInOfflineCopy(); // at once, while Pyodide's module loads
  /** @type {{loadPyodide: LoadPyodide}} */
  const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME_URL).href);
  const response = await snapshot;
  pyodide = response ? await restoreSnapshot(loadPyodide, response) : null;
  const from = pyodide ? "snapshot" : "python";
  if (!pyodide) {
    pyodide = await startPython(loadPyodide, null);
    say({ type: "progress", stage: "checker" });
    await loadPackage(pyodide, CHECKER_PACKAGE);
  }
  const web = pyodide.pyimport("segur_devis.web");
  respond = web.respond;
  needsPdfReader = web.needs_pdf_reader;
  say({ type: "ready", boot: from });
}

// Right after ready, one check of public text (the rules' own examples): WebAssembly functions are compiled on
// their first call, so the visitor's first check then runs on code that is already compiled and warm.
const WARM_UP = `
import segur_devis
segur_devis.check_text("\\n\\n".join(rule.bad for rule in segur_devis.RULES), source="exemple").to_dict(include_text=True)
`;

function warmUp() {
  try {
    pyodide?.runPython(WARM_UP);
  } catch (error) {
    console.warn("warm-up failed", error); // worker console only: checks work without it
  }
}

/**
 * @param {Pyodide} python
 * @param {string} name
 */
async function loadPackage(python, name) {
  /** @type {string[]} */
  const errors = [];
  await python.loadPackage([name], { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
  if (errors.length) throw new Error(errors.join("\n"));
}

// pypdf is only needed for PDF quotes: load it when the first one arrives.
/** @param {Pyodide} python */
function loadPdfReader(python) {
  if (!pdfReady) {
    say({ type: "progress", stage: "pdf" });
    pdfReady = loadPackage(python, PDF_PACKAGE).catch((error) => {
      pdfReady = null; // let the next PDF try again
      throw error;
    });
  }
  return pdfReady;
}

/** @param {{id: number} & Request} message */
async function handle({ id, ...request }) {
  if (!pyodide || !respond || !needsPdfReader) throw new Error("not booted"); // requests wait for the boot
  const bytes = request.kind === "file" ? request.bytes : undefined;
  if (request.kind === "file" && needsPdfReader(request.bytes.subarray(0, 1024), request.filename)) {
    await loadPdfReader(pyodide);
  }
  const { bytes: _sent, ...fields } = /** @type {Record<string, unknown>} */ (request);
  const answer = JSON.parse(respond(JSON.stringify(fields), bytes));
  say({ type: "result", id, ...answer });
}

const booted = boot().catch((error) => {
  console.error(error);
  say({ type: "boot-error", error: String(error) });
  throw error;
});

// Requests are answered one after the other, in order, after the warm-up.
let queue = booted.then(warmUp);
/** @param {MessageEvent<{id: number} & Request>} event */
onmessage = (event) => {
  const request = event.data;
  queue = queue
    .then(() => handle(request))
    .catch((error) => {
      console.error(error);
      say({ type: "result", id: request.id, ok: false, error: GENERIC_ERROR });
    });
};
