// Loaded from the <head> of the checker page (site_hooks/pyodide_bundle.py adds it): starts the engine's worker at
// once, while the browser is still parsing and styling the page; the page's script (verifier.mjs) adopts it.

import "./navigateur-sonde.mjs"; // an engine too old for Python never starts it (navigateur.mjs says why)
import { startWorkerEarly } from "./worker-client.mjs";

startWorkerEarly();
