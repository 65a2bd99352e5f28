// The lists site_hooks/offline.py writes into sw.js in place of these names (its template: offline_sw.js), for
// tsc only: each listed file's address, relative to the site's root → the Subresource Integrity of its content in
// this deploy ("sha256-…").
declare const __PAGES__: Record<string, string>;
declare const __RUNTIME__: Record<string, string>;
