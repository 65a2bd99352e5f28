// The worker protocol's types, for `tsc --checkJs` only (nothing here runs). The Python side, which answers
// every request, is checker/segur_devis/web.py; these types mirror its docstring.

/**
 * A request from a page to the engine's worker: a quote to check (a file's bytes travel beside the JSON,
 * transferred) or a tool's computation.
 * @typedef {(
 *   {kind: "text", text: string, filename?: string, now?: string, today?: string, site?: string} |
 *   {kind: "file", bytes: Uint8Array, filename: string, now?: string, today?: string, site?: string}
 * )} QuoteRequest
 * @typedef {{kind: ToolKind, payload: Record<string, unknown>}} ToolRequest
 * @typedef {QuoteRequest | ToolRequest} Request
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
 * One known date of the deadline calculator (segur_devis.tools.deadline_calculator._dated), with the order's
 * place beside it.
 * @typedef {{kind: string, kind_label: string, date: string, date_fr: string, scope: string | null,
 *   source: string, url: string | null, official: boolean, retained: boolean, note: string | null,
 *   signed_in_time?: boolean}} DatedStep
 */

/**
 * The deadline calculator's answer (segur_devis.tools.deadline_calculator.deadline_summary).
 * @typedef {{
 *   dispositif_label: string, signed_fr: string,
 *   proofs: {date: string, date_fr: string, days: number, source: string, locator: string, message: string},
 *   order: {status: "in_time" | "late" | "unknown", message: string},
 *   dates: DatedStep[]
 * }} DeadlineSummary
 */

/**
 * The multi-year comparison (segur_devis.tools.compare.Comparison.to_dict): exact amounts as strings, French
 * labels, floats for the chart; `cheapest[year - 1]` lists the indexes of that year's cheapest offers.
 * @typedef {{name: string, per_year: string[], per_year_fr: string[], cumulative: string[], cumulative_fr: string[],
 *   cumulative_chart: number[]}} ComparedOffer
 * @typedef {{years: number, offers: ComparedOffer[], cheapest: number[][], conclusions: string[]}} Comparison
 */

/**
 * The text for the ANS (segur_devis.tools.ans_report) and the address of its contact form.
 * @typedef {{text: string, form_url: string}} AnsReport
 */

/**
 * What each tool's request answers when it succeeds.
 * @typedef {{deadline: DeadlineSummary, compare: Comparison, "ans-report": AnsReport}} ToolResults
 * @typedef {keyof ToolResults} ToolKind
 */

/**
 * A failure, for the reader: `error` is a French sentence, `fields` maps a tool's faulty fields to their messages.
 * @typedef {{ok: false, error: string, fields?: Record<string, string>}} Failure
 */

/**
 * The answer to a quote: the report's view, or why there is none.
 * @typedef {{ok: true, view: ReportView} | Failure} QuoteAnswer
 */

/**
 * The worker's answer to a request: a report's view for a quote, a tool's result for a tool.
 * @typedef {{type: "result", id: number} & (QuoteAnswer | {ok: true, result: ToolResults[ToolKind]})} Answer
 */

/**
 * A tool's answer, without the transport's fields.
 * @template {ToolKind} K
 * @typedef {{ok: true, result: ToolResults[K]} | Failure} ToolAnswer
 */

/**
 * How a tool asks the engine: never rejects (a failed start or a time-out is a Failure in French).
 * @typedef {<K extends ToolKind>(kind: K, payload: Record<string, unknown>) => Promise<ToolAnswer<K>>} Ask
 */

/**
 * What the worker says on its own: boot progress, ready (and how Python started), or a failed boot.
 * @typedef {{type: "progress", stage: "runtime" | "checker" | "pdf"} | {type: "ready", boot: "snapshot" | "python"} |
 *   {type: "boot-error", error: string}} Notice
 */

export {};
