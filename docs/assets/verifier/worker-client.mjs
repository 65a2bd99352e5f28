// The page's client of the checker engine (worker.mjs, a module Web Worker running Python under Pyodide).
// The main thread never runs Python; a check that takes too long is stopped by replacing the worker.

/** @typedef {import("./protocole.mjs").Request} Request */
/** @typedef {import("./protocole.mjs").Answer} Answer */
/** @typedef {import("./protocole.mjs").Notice} Notice */
/** @typedef {import("./protocole.mjs").QuoteRequest} QuoteRequest */
/** @typedef {import("./protocole.mjs").QuoteAnswer} QuoteAnswer */
/** @typedef {import("./protocole.mjs").ToolKind} ToolKind */
/**
 * @template {ToolKind} K
 * @typedef {import("./protocole.mjs").ToolAnswer<K>} ToolAnswer
 */
/** @typedef {"loading" | "ready" | "error"} EngineState */
/** @typedef {"start" | "runtime" | "checker" | "pdf" | "ready" | "error"} EngineStage */

export const CHECK_TIME_LIMIT_MS = 20000;
// Beyond this, the runtime (13 MB) is not coming: about 1 Mbit/s, or a download that silently stalled.
export const BOOT_TIME_LIMIT_MS = 180000;

export class TimeoutError extends Error {}
export class BootError extends Error {}

const WORKER_URL = new URL("./worker.mjs", import.meta.url);

/** @typedef {["message", Notice | Answer] | ["error", string]} Missed */

// A worker started before the page's scripts have run (demarrage.mjs, from the page's <head>), with what it said
// meanwhile; the first Engine to start adopts it. Python's start-up takes seconds: every one counts.
/** @type {{worker: Worker, missed: Missed[]} | null} */
let early = null;

export function startWorkerEarly() {
  if (early) return;
  const worker = new Worker(WORKER_URL, { type: "module" });
  /** @type {Missed[]} */
  const missed = [];
  worker.onmessage = (event) => missed.push(["message", event.data]);
  worker.onerror = (event) => {
    event.preventDefault();
    missed.push(["error", event.message]);
  };
  early = { worker, missed };
}

/** @typedef {{resolve: (answer: Answer) => void, reject: (error: Error) => void, timer: number}} Pending */

export class Engine {
  /**
   * @param {(state: EngineState, stage: EngineStage) => void} onState called at each change of state or stage
   * @param {{timeLimit?: number, bootTimeLimit?: number}} [limits] milliseconds
   */
  constructor(onState, { timeLimit = CHECK_TIME_LIMIT_MS, bootTimeLimit = BOOT_TIME_LIMIT_MS } = {}) {
    this.onState = onState;
    this.timeLimit = timeLimit;
    this.bootTimeLimit = bootTimeLimit;
    this.nextId = 1;
    /** @type {Map<number, Pending>} */
    this.pending = new Map();
    /** @type {"idle" | EngineState} */
    this.state = "idle";
    /** @type {Promise<void>} resolves once the worker said ready; rejects when its start failed */
    this.ready = Promise.resolve();
    /** @type {() => void} */
    this.markReady = () => {};
    /** @type {(error: Error) => void} */
    this.markFailed = () => {};
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {number | undefined} */
    this.bootTimer = undefined;
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
    const worker = adopted ? adopted.worker : new Worker(WORKER_URL, { type: "module" });
    this.worker = worker;
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new BootError(event.message || "worker error"));
    };
    clearTimeout(this.bootTimer);
    this.bootTimer = setTimeout(() => {
      if (this.state === "loading") this.fail(new BootError("boot time limit"));
    }, this.bootTimeLimit);
    for (const missed of adopted ? adopted.missed : []) {
      if (missed[0] === "message") this.receive(missed[1]);
      else this.fail(new BootError(missed[1] || "worker error"));
    }
  }

  /** @param {Notice | Answer} message */
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

  /** @param {Error} error */
  fail(error) {
    if (this.state === "error") return;
    this.state = "error";
    this.worker?.terminate();
    this.markFailed(error);
    this.rejectAll(error);
    this.onState("error", "error");
  }

  /** @param {Error} error */
  rejectAll(error) {
    for (const request of this.pending.values()) {
      clearTimeout(request.timer);
      request.reject(error);
    }
    this.pending.clear();
  }

  restart() {
    this.worker?.terminate();
    this.start();
  }

  /**
   * A quote's report: resolves with {ok: true, view} or {ok: false, error}; rejects with TimeoutError or BootError.
   * @param {QuoteRequest} request
   * @param {Transferable[]} [transfer] a file's bytes, moved to the worker rather than copied
   * @returns {Promise<QuoteAnswer>}
   */
  async check(request, transfer = []) {
    // The worker answers a quote with its view (segur_devis.web): the protocol's types say which answer is whose.
    return /** @type {QuoteAnswer} */ (await this.request(request, transfer));
  }

  /**
   * A tool's computation (outils/): resolves with {ok: true, result} or {ok: false, error, fields}; rejects as
   * check() does.
   * @template {ToolKind} K
   * @param {K} kind
   * @param {Record<string, unknown>} payload the form's values
   * @returns {Promise<ToolAnswer<K>>}
   */
  async compute(kind, payload) {
    return /** @type {ToolAnswer<K>} */ (await this.request({ kind, payload }));
  }

  /**
   * One round trip to the worker, once it is ready (restarted first after a failed boot), within the time limit.
   * @param {Request} request
   * @param {Transferable[]} [transfer]
   * @returns {Promise<Answer>}
   */
  async request(request, transfer = []) {
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
      this.worker?.postMessage({ id, ...request }, transfer);
    });
  }
}
