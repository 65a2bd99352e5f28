"""What a local server must say for the built site to run Pyodide (shared by the test and benchmark servers)."""

# Module scripts need a JavaScript type; streaming WebAssembly compilation needs application/wasm.
PYODIDE_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/octet-stream",
    ".zip": "application/zip",
}
