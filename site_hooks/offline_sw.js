// Service worker of Ségur Devis: after a first visit, the site and the checker work without a network.
//
// Generated at build time by site_hooks/offline.py from site_hooks/offline_sw.js, which fills in VERSION (a hash
// of every cached file's content) and the two lists of files, each with the integrity of its content. A new
// deploy changes VERSION, so the browser installs the new worker, fills a new cache, and deletes the old caches of
// this site when it activates.
//
// Freshness: the site is served with `Cache-Control: max-age=600` (GitHub Pages), so for ten minutes after a
// deploy the browser's HTTP cache may still hold the previous deploy's files. A new version's copy is never filled
// from there: each file is asked of the server again and checked against the integrity this deploy gave it, so the
// copy holds this deploy's files or nothing (a new page never runs with an old checker).
//
// Privacy: only the files listed below (the site's own public files) are ever stored. The worker answers GET
// requests for those files and lets everything else through untouched; a quote is never a request (the page
// reads it locally and hands it to the checker's worker), so no quote can ever reach the cache.
//
// Type-checked with a worker's library (tsconfig.workers.json; offline_sw_lists.d.ts declares the lists).

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

const VERSION = "__VERSION__";
// Pages and their assets: cached when the worker installs, on the first visit of any page.
const PAGES = __PAGES__;
// The Python runtime, our wheels and the memory snapshot of the started checker (~19 MB): cached when a page
// running the engine asks for it, once the engine is ready, so that a visitor who only reads the guidance does not
// download it. The engine's worker restores the snapshot from here on the next visits (worker.mjs).
const RUNTIME = __RUNTIME__;

const SCOPE = sw.registration.scope; // the site's root, also under a GitHub Pages sub-path
const PREFIX = `segur-devis:${SCOPE}:`; // the engine's worker looks its snapshot up by this prefix (worker.mjs)
const CACHE = PREFIX + VERSION;
/** @param {Record<string, string>} files @returns {[string, string][]} (absolute address, integrity) */
const addresses = (files) => Object.entries(files).map(([path, integrity]) => [new URL(path, SCOPE).href, integrity]);
const INTEGRITY = new Map([...addresses(PAGES), ...addresses(RUNTIME)]);
const PAGE_URLS = addresses(PAGES).map(([url]) => url);
const RUNTIME_URLS = addresses(RUNTIME).map(([url]) => url);

/**
 * A listed file as this deploy has it. The request revalidates with the server ("no-cache": a file the browser
 * already holds and that has not changed costs a 304, not its bytes, so the runtime a first visit just downloaded
 * is not downloaded again); the integrity check refuses any other content (a stale copy, a cut download), and then
 * the file is asked once more past every cache ("reload"). Rejects when neither gives this deploy's file.
 * @param {string} url one of the listed addresses
 */
async function fetchFresh(url) {
  const integrity = INTEGRITY.get(url);
  try {
    return await fetch(url, { cache: "no-cache", integrity });
  } catch {
    return fetch(url, { cache: "reload", integrity });
  }
}

/**
 * Stores this deploy's `urls` in `cache`, all of them or (when one cannot be had) none of those still missing.
 * @param {Cache} cache
 * @param {string[]} urls
 */
async function store(cache, urls) {
  const responses = await Promise.all(urls.map(fetchFresh));
  await Promise.all(responses.map((response, index) => cache.put(urls[index], response)));
}

sw.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      try {
        await store(await caches.open(CACHE), PAGE_URLS);
      } catch (error) {
        await caches.delete(CACHE); // the browser tries again later; meanwhile the previous copy keeps serving
        throw error;
      }
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

/**
 * The cache key of a request for one of the listed files, or null: query and fragment are ignored, and
 * `dir/index.html` is the same page as `dir/`.
 * @param {string} url
 */
function listedKey(url) {
  const parsed = new URL(url);
  parsed.search = "";
  parsed.hash = "";
  let key = parsed.href;
  if (key.endsWith("/index.html")) key = key.slice(0, -"index.html".length);
  return INTEGRITY.has(key) ? key : null;
}

/**
 * From the copy; a listed file not there yet (the runtime before it is cached) is fetched fresh and kept, unless
 * this worker's copy is gone (a newer version replaced it). When the fresh file cannot be had (offline, or the
 * server already has another deploy), the network's own answer, never stored.
 * @param {string} key
 * @param {Request} request
 */
async function respond(key, request) {
  const cached = await caches.match(key, { cacheName: CACHE }); // never re-creates a deleted copy
  if (cached) return cached;
  let response;
  try {
    response = await fetchFresh(key);
  } catch {
    return fetch(request);
  }
  if (await caches.has(CACHE)) await (await caches.open(CACHE)).put(key, response.clone());
  return response;
}

sw.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const key = listedKey(request.url);
  if (key) event.respondWith(respond(key, request));
});

async function cacheRuntime() {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const url of RUNTIME_URLS) if (!(await cache.match(url))) missing.push(url);
  await store(cache, missing);
}

async function status() {
  const cache = await caches.open(CACHE);
  const has = async (/** @type {string[]} */ urls) => (await Promise.all(urls.map((u) => cache.match(u)))).every(Boolean);
  return { type: "status", version: VERSION, pages: await has(PAGE_URLS), runtime: await has(RUNTIME_URLS) };
}

// {type: "cache-runtime"} from a page whose engine is ready; {type: "status"} from any page. Both are answered
// with the status, so the page can tell the user whether the checker works offline.
sw.addEventListener("message", (event) => {
  const kind = event.data && event.data.type;
  if (kind !== "cache-runtime" && kind !== "status") return;
  const work = (kind === "cache-runtime" ? cacheRuntime() : Promise.resolve())
    .catch(() => {}) // offline or interrupted: the status says what is missing
    .then(status)
    .then((answer) => event.source && event.source.postMessage(answer));
  event.waitUntil(work);
});
