// The page's client of the checker engine (worker.mjs, a module Web Worker running Python under Pyodide).
// The main thread never runs Python; a check that takes too long is stopped by replacing the worker.

export const CHECK_TIME_LIMIT_MS = 20000;
// Beyond this, the runtime (13 MB) is not coming: about 1 Mbit/s, or a download that silently stalled.
export const BOOT_TIME_LIMIT_MS = 180000;

export class TimeoutError extends Error {}
export class BootError extends Error {}

const WORKER_URL = new URL("./worker.mjs", import.meta.url);

// A worker started before the page's scripts have run (demarrage.mjs, from the page's <head>), with what it said
// meanwhile; the first Engine to start adopts it. Python's start-up takes seconds: every one counts.
let early = null;

export function startWorkerEarly() {
  if (early) return;
  const worker = new Worker(WORKER_URL, { type: "module" });
  const missed = [];
  worker.onmessage = (event) => missed.push(["message", event.data]);
  worker.onerror = (event) => {
    event.preventDefault();
    missed.push(["error", event.message]);
  };
  early = { worker, missed };
}

export class Engine {
  // onState(state, stage): state is "loading" | "ready" | "error"; stage is the worker's progress step.
  constructor(onState, { timeLimit = CHECK_TIME_LIMIT_MS, bootTimeLimit = BOOT_TIME_LIMIT_MS } = {}) {
    this.onState = onState;
    this.timeLimit = timeLimit;
    this.bootTimeLimit = bootTimeLimit;
    this.nextId = 1;
    this.pending = new Map(); // id -> {resolve, reject, timer}
    this.state = "idle";
  }

  start() {
    this.state = "loading";
    this.onState("loading", "start");
    this.ready = new Promise((resolve, reject) => {
      this.markReady = resolve;
      this.markFailed = reject;
    });
    this.ready.catch(() => {}); // failures are reported through onState and check()
    const adopted = early;
    early = null;
    this.worker = adopted ? adopted.worker : new Worker(WORKER_URL, { type: "module" });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new BootError(event.message || "worker error"));
    };
    clearTimeout(this.bootTimer);
    this.bootTimer = setTimeout(() => {
      if (this.state === "loading") this.fail(new BootError("boot time limit"));
    }, this.bootTimeLimit);
    for (const [kind, data] of adopted ? adopted.missed : []) {
      if (kind === "message") this.receive(data);
      else this.fail(new BootError(data || "worker error"));
    }
  }

  receive(message) {
    if (message.type === "progress") {
      // Loading pypdf for a first PDF happens once the engine is ready: it stays ready.
      this.onState(this.state === "ready" ? "ready" : "loading", message.stage);
    } else if (message.type === "ready") {
      clearTimeout(this.bootTimer);
      this.state = "ready";
      // How Python started ("snapshot" from the offline copy, or "python"): for the tests and the benchmark.
      document.documentElement.dataset.demarrage = message.boot;
      this.markReady();
      this.onState("ready", "ready");
    } else if (message.type === "boot-error") {
      this.fail(new BootError(message.error));
    } else if (message.type === "result") {
      const request = this.pending.get(message.id);
      if (!request) return;
      clearTimeout(request.timer);
      this.pending.delete(message.id);
      request.resolve(message);
    }
  }

  fail(error) {
    if (this.state === "error") return;
    this.state = "error";
    this.worker.terminate();
    this.markFailed(error);
    this.rejectAll(error);
    this.onState("error", "error");
  }

  rejectAll(error) {
    for (const request of this.pending.values()) {
      clearTimeout(request.timer);
      request.reject(error);
    }
    this.pending.clear();
  }

  restart() {
    this.worker.terminate();
    this.start();
  }

  // Resolves with {ok, report} or {ok: false, error}; rejects with TimeoutError or BootError.
  async check(request, transfer = []) {
    if (this.state === "error") this.restart(); // a new attempt after a failed boot
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // The worker may be stuck in Python: the only way out is to replace it.
        this.rejectAll(new TimeoutError());
        this.restart();
      }, this.timeLimit);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, ...request }, transfer);
    });
  }
}
