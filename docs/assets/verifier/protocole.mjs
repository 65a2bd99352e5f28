// @ts-check
// The worker protocol's types, for `tsc --checkJs` only (nothing here runs). The Python side, which answers
// every request, is checker/segur_devis/web.py; these types mirror its docstring.

/**
 * A request from a page to the engine's worker. A file's bytes travel beside the JSON (transferred).
 * @typedef {(
 *   {kind: "text", text: string, filename?: string, now?: string, today?: string, site?: string} |
 *   {kind: "file", bytes: Uint8Array, filename: string, now?: string, today?: string, site?: string} |
 *   {kind: "deadline" | "compare" | "ans-report", payload: Record<string, unknown>}
 * )} Request
 */

/**
 * A highlighted (or plain) piece of the analysed text, from segur_devis.view._segments.
 * @typedef {{text: string, severity?: "error" | "warning" | "info", groups?: string[], codes?: string[],
 *   findings?: number[], id?: string, also?: string[]}} Segment
 */

/**
 * @typedef {{index: number, message: string, excerpt?: string, line?: number, mark?: string | null,
 *   amount?: string}} Occurrence
 * @typedef {{id: string, code: string, severity: "error" | "warning" | "info", severity_label: string,
 *   title: string, occurrences: Occurrence[], more: string, subtotal: string, why: string, fix: string,
 *   source: string, url: string}} FindingView
 * @typedef {{severity: string, heading: string, meaning: string, findings: FindingView[]}} GroupView
 */

/**
 * Everything the checker page shows for a report (segur_devis.view.page_view).
 * @typedef {{
 *   verdict: {key: string, label: string, lead: string, icon: string},
 *   summary: string, counts: string, status: string,
 *   header: [string, string][],
 *   groups: GroupView[],
 *   not_checked: {heading: string, items: string[]} | null,
 *   jargon: {heading: string, terms: {term: string, expansion: string, definition: string}[]} | null,
 *   legend: {severity: string, label: string}[],
 *   segments: Segment[], text_cut: string,
 *   tools: boolean, ans_report: boolean,
 *   labels: Record<string, string>,
 *   plain_text: string, json: string, download_name: string
 * }} ReportView
 */

/**
 * The worker's answer to a request.
 * @typedef {(
 *   {type: "result", id: number, ok: true, view?: ReportView,
 *     result?: any} |
 *   {type: "result", id: number, ok: false, error: string, fields?: Record<string, string>}
 * )} Answer
 */

/**
 * What the worker says on its own: boot progress, ready, or a failed boot.
 * @typedef {{type: "progress", stage: "runtime" | "checker" | "pdf"} | {type: "ready"} |
 *   {type: "boot-error", error: string}} Notice
 */

export {};
