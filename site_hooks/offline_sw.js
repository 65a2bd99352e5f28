// Service worker of Ségur Devis: after a first visit, the site and the checker work without a network.
//
// Generated at build time by site_hooks/offline.py from site_hooks/offline_sw.js, which fills in VERSION (a hash
// of every cached file's content) and the two lists of files. A new deploy changes VERSION, so the browser
// installs the new worker, fills a new cache, and deletes the old caches of this site when it activates.
//
// Privacy: only the files listed below (the site's own public files) are ever stored. The worker answers GET
// requests for those files and lets everything else through untouched; a quote is never a request (the page
// reads it locally and hands it to the checker's worker), so no quote can ever reach the cache.

const VERSION = "__VERSION__";
// Pages and their assets: cached when the worker installs, on the first visit of any page.
const PAGES = __PAGES__;
// The Python runtime, our wheels and the memory snapshot of the started checker (~19 MB): cached when a page
// running the engine asks for it, once the engine is ready, so that a visitor who only reads the guidance does not
// download it. The engine's worker restores the snapshot from here on the next visits (worker.mjs).
const RUNTIME = __RUNTIME__;

const SCOPE = self.registration.scope; // the site's root, also under a GitHub Pages sub-path
const PREFIX = `segur-devis:${SCOPE}:`; // the engine's worker looks its snapshot up by this prefix (worker.mjs)
const CACHE = PREFIX + VERSION;
const address = (path) => new URL(path, SCOPE).href;
const PAGE_URLS = PAGES.map(address);
const RUNTIME_URLS = RUNTIME.map(address);
const LISTED = new Set([...PAGE_URLS, ...RUNTIME_URLS]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PAGE_URLS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The cache key of a request for one of the listed files, or null: query and fragment are ignored, and
// `dir/index.html` is the same page as `dir/`.
function listedKey(url) {
  const parsed = new URL(url);
  parsed.search = "";
  parsed.hash = "";
  let key = parsed.href;
  if (key.endsWith("/index.html")) key = key.slice(0, -"index.html".length);
  return LISTED.has(key) ? key : null;
}

async function respond(key, request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(key, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const key = listedKey(request.url);
  if (key) event.respondWith(respond(key, request));
});

async function cacheRuntime() {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const url of RUNTIME_URLS) if (!(await cache.match(url))) missing.push(url);
  await cache.addAll(missing);
}

async function status() {
  const cache = await caches.open(CACHE);
  const has = async (urls) => (await Promise.all(urls.map((u) => cache.match(u)))).every(Boolean);
  return { type: "status", version: VERSION, pages: await has(PAGE_URLS), runtime: await has(RUNTIME_URLS) };
}

// {type: "cache-runtime"} from a page whose engine is ready; {type: "status"} from any page. Both are answered
// with the status, so the page can tell the user whether the checker works offline.
self.addEventListener("message", (event) => {
  const kind = event.data && event.data.type;
  if (kind !== "cache-runtime" && kind !== "status") return;
  const work = (kind === "cache-runtime" ? cacheRuntime() : Promise.resolve())
    .catch(() => {}) // offline or interrupted: the status says what is missing
    .then(status)
    .then((answer) => event.source && event.source.postMessage(answer));
  event.waitUntil(work);
});
