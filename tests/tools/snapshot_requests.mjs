// Restores the checker's Pyodide snapshot in Node and answers requests with the worker's own Python entry points
// (tests/tools/test_offline_snapshot_node.py writes the requests and compares the answers with CPython's):
//   node snapshot_requests.mjs RUNTIME_DIR REQUESTS.json ANSWERS.json
// REQUESTS.json: {glue: [python sources, each ending with its entry point's name], requests: [{entry, args}]};
// an argument {bytes: base64} is passed as a Uint8Array, as the worker passes a dropped file.

import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeArg, requestsPath, answersPath] = process.argv.slice(2);
const runtime = resolve(runtimeArg) + "/";
const { glue, requests } = JSON.parse(readFileSync(requestsPath, "utf8"));
const { file } = JSON.parse(readFileSync(join(runtime, "snapshot.json"), "utf8"));

const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtime,
  lockFileURL: join(runtime, "pyodide-lock.json"),
  _loadSnapshot: gunzipSync(readFileSync(join(runtime, file))),
  stdout: () => {},
});
pyodide.runPython("after_restore()");
// What the restored snapshot holds, before anything else is imported or installed.
const inSnapshot = pyodide.runPython("import sys; sorted(m for m in sys.modules if m.startswith('segur_devis'))").toJs();
const entries = glue.map((/** @type {string} */ source) => pyodide.runPython(source));
await pyodide.loadPackage(["pypdf"], { messageCallback: () => {} }); // as the worker does for a first PDF

/** @param {unknown} value */
const argument = (value) =>
  value && typeof value === "object" && "bytes" in value && typeof value.bytes === "string"
    ? new Uint8Array(Buffer.from(value.bytes, "base64"))
    : value;
/** @typedef {{entry: number, args: unknown[]}} Request */
const answers = requests.map((/** @type {Request} */ { entry, args }) => entries[entry](...args.map(argument)));
writeFileSync(answersPath, JSON.stringify({ inSnapshot, answers }));
