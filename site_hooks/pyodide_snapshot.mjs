// Makes the checker's Pyodide memory snapshot, in Node, at build time (site_hooks/pyodide_bundle.py runs it):
//   node site_hooks/pyodide_snapshot.mjs RUNTIME_DIR OUTPUT
// RUNTIME_DIR holds Pyodide's core files, our lockfile and wheels, as deployed under <site>/pyodide/. Prints a
// JSON line: the snapshot's size (the whole WebAssembly heap) and the modules it holds.
//
// Pyodide 0.29's snapshot is private API (`_makeSnapshot`, `_loadSnapshot`), bound to the exact runtime build:
// package.json pins Pyodide exactly. It refuses a snapshot while the package manager lists a loaded package
// ("Unexpected hiwire entry"), so the list is emptied once our wheel is installed; the loader itself stays in
// the snapshot, so pypdf still loads on demand after a restore.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [runtimeArg, output] = process.argv.slice(2);
if (!runtimeArg || !output) {
  console.error("usage: node pyodide_snapshot.mjs RUNTIME_DIR OUTPUT");
  process.exit(2);
}
const runtime = resolve(runtimeArg) + "/";
const warmup = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "snapshot_warmup.py"), "utf8");

const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtime,
  lockFileURL: join(runtime, "pyodide-lock.json"),
  _makeSnapshot: true,
  stdout: () => {},
});
/** @type {string[]} */
const errors = [];
await pyodide.loadPackage(["segur-devis"], { messageCallback: () => {}, errorCallback: (/** @type {string} */ m) => errors.push(m) });
if (errors.length) throw new Error(errors.join("\n"));
// The warm-up module is __main__ of the snapshot: the worker calls its after_restore().
pyodide.runPython(warmup);
const modules = pyodide.runPython("len(MODULES)");
for (const name of Object.keys(pyodide.loadedPackages)) delete pyodide.loadedPackages[name];
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(output, snapshot);
console.log(JSON.stringify({ bytes: snapshot.length, modules }));
