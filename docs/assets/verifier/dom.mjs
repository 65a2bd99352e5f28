// DOM helpers shared by the checker page and the tool pages. Text from a quote or a report only ever goes
// through textContent / text nodes (never HTML), so nothing pasted can run or restyle the page.

/**
 * @typedef {Record<string, string | number | boolean | null | undefined>} Attributes
 * `text` sets the text content; `true` sets an empty attribute; false, null and undefined are skipped.
 */

/**
 * A new element with its attributes and children (nodes or strings; empty ones are skipped).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes} [attributes]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false && child !== "") node.append(child);
  return node;
}

/**
 * The element with this id (the pages' own markup: a missing one is a bug, said at once).
 * @param {string} id
 * @returns {HTMLElement}
 */
export function $(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node;
}

/**
 * A message box (role="alert" or "status"): empty text hides it.
 * @param {HTMLElement} box
 * @param {string | null | undefined} text
 */
export function showMessage(box, text) {
  box.textContent = text || "";
  box.hidden = !text;
}

/**
 * Copies `text` to the clipboard; when the Clipboard API is refused (permissions, older browsers), selects it in
 * `area` (a read-only text area of the page, or an off-screen one made for the purpose) and uses the older command.
 * @param {string} text
 * @param {HTMLTextAreaElement} [area]
 * @returns {Promise<boolean>} whether the text was copied
 */
export async function copyText(text, area) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // fall through to the older command
  }
  const scratch = area || el("textarea", { readonly: true, class: "verifier-hors-ecran", "aria-hidden": "true" });
  if (!area) {
    scratch.value = text;
    document.body.append(scratch);
  }
  scratch.focus();
  scratch.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  if (!area) scratch.remove();
  return copied;
}

/**
 * The reader's local date and time, ISO 8601 without a zone (what the report's header shows).
 * @param {Date} [now]
 */
export function localIsoDateTime(now = new Date()) {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
}
