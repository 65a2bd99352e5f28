// Builds the report's DOM from its view (segur_devis.view.page_view, computed in Python by the worker): every
// word comes from there. Text from the quote goes through text nodes only, never HTML.

import { el } from "./dom.mjs";

/** @typedef {import("./protocole.mjs").ReportView} ReportView */
/** @typedef {import("./protocole.mjs").FindingView} FindingView */

// Rule URLs are root-relative ("/regles/P01/"); the page lives at "verifier/", so go up one level.
// Relative links keep working when the site is served under a sub-path (GitHub Pages project site).
/** @param {string} url */
export function ruleHref(url) {
  return "../" + String(url || "").replace(/^\/+/, "");
}

/**
 * @param {ReportView} view
 * @param {FindingView} finding
 */
function findingItem(view, finding) {
  const labels = view.labels;
  const item = el("li", {
    id: finding.id,
    class: `verifier-constat verifier-constat--${finding.severity}`,
    "data-code": finding.code,
    tabindex: "-1",
  });
  item.append(
    el(
      "h4",
      { class: "verifier-constat__titre" },
      finding.title,
      " ",
      el("span", { class: "verifier-code", text: finding.code }),
    ),
  );
  const several = finding.occurrences.length > 1;
  const places = el("ul", { class: several ? "verifier-occurrences" : "verifier-occurrences verifier-occurrences--une" });
  for (const o of finding.occurrences) {
    const place = el("li", { class: "verifier-occurrence" });
    if (o.message) place.append(el("p", { text: o.message }));
    if (o.excerpt) {
      const quote = el("blockquote", { class: "verifier-extrait" });
      quote.append(el("p", {}, el("span", { class: "verifier-extrait__ligne", text: `${labels.excerpt} (${labels.line} ${o.line}) : ` }), `« ${o.excerpt} »`));
      if (o.mark) quote.append(el("p", { class: "verifier-constat__liens" }, el("a", { href: `#${o.mark}`, text: labels.to_text })));
      place.append(quote);
    }
    if (place.childNodes.length) places.append(place);
  }
  if (places.childNodes.length) item.append(places);
  if (finding.more) item.append(el("p", { class: "verifier-aide", text: finding.more }));
  if (finding.subtotal) item.append(el("p", { class: "verifier-sous-total" }, el("strong", { text: finding.subtotal })));
  const labelled = (/** @type {string} */ label, /** @type {string} */ value) =>
    value ? el("p", {}, el("strong", { text: `${label} : ` }), value) : null;
  item.append(
    labelled(labels.fix, finding.fix) || "",
    labelled(labels.why, finding.why) || "",
    el("p", { class: "verifier-constat__liens" }, el("a", { href: ruleHref(finding.url), text: `${labels.rule_link} ${finding.code}` })),
  );
  return item;
}

/**
 * The analysed text with its highlights; each highlight links to its finding, and the finding back to it.
 * @param {ReportView} view
 */
function analysedText(view) {
  const text = el("pre", { class: "verifier-texte-analyse", id: "texte-analyse", tabindex: "0" });
  for (const segment of view.segments) {
    if (!segment.severity) {
      text.append(document.createTextNode(segment.text));
      continue;
    }
    // A highlight is a link to its finding (the first one, when several cover it); the finding links back.
    const mark = el(
      "a",
      { class: "verifier-surlignage__lien", href: `#${(segment.groups || [])[0]}`, id: segment.id },
      el("mark", {
        class: `verifier-surlignage verifier-surlignage--${segment.severity}`,
        title: (segment.codes || []).join(", "),
        "data-findings": (segment.findings || []).join(" "),
        "data-constats": (segment.groups || []).join(" "),
        text: segment.text,
      }),
    );
    // Other findings starting at the same place: an empty anchor each, inside the link, so their « voir dans le
    // texte » lands on it too.
    for (const also of segment.also || []) mark.prepend(el("span", { id: also }));
    text.append(mark);
  }
  const legend = el("ul", { class: "verifier-legende" });
  for (const entry of view.legend) {
    legend.append(el("li", {}, el("span", { class: `verifier-surlignage verifier-surlignage--${entry.severity}`, "aria-hidden": "true", text: "texte" }), ` ${entry.label}`));
  }
  return el(
    "section",
    { class: "verifier-groupe verifier-groupe--texte", "aria-labelledby": "texte-analyse-titre" },
    el("h3", { id: "texte-analyse-titre", text: view.labels.analysed_text }),
    view.legend.length ? el("p", { class: "verifier-aide", text: view.labels.legend }) : null,
    view.legend.length ? legend : null,
    text,
    view.text_cut ? el("p", { class: "verifier-aide", text: view.text_cut }) : null,
  );
}

/**
 * The JSON report, collapsed « pour les éditeurs » who check their templates: on every report, an unrecognised
 * template included.
 * @param {ReportView} view
 */
function forVendors(view) {
  return el(
    "details",
    { class: "verifier-editeurs", id: "rapport-editeurs" },
    el("summary", { text: view.labels.for_vendors }),
    el("p", { class: "verifier-aide", text: view.labels.for_vendors_help }),
    el("button", { type: "button", class: "md-button", id: "rapport-telecharger", text: "Télécharger le rapport (JSON)" }),
    el("pre", { class: "verifier-json", tabindex: "0", text: view.json }),
  );
}

/**
 * Fills `container` (the #rapport region) and returns the heading to focus. The tool buttons are the page's
 * (verifier.mjs passes them in `tools`): the report has none when there is nothing to print or file.
 * @param {HTMLElement} container
 * @param {ReportView} view
 * @param {HTMLElement | null} tools
 */
export function renderReport(container, view, tools) {
  container.replaceChildren();
  container.dataset.verdict = view.verdict.key;
  const heading = el("h2", { id: "rapport-titre", tabindex: "-1", text: view.labels.heading });
  const header = el("dl", { class: "verifier-entete" });
  for (const [term, value] of view.header) header.append(el("div", {}, el("dt", { text: term }), el("dd", { text: value })));
  container.append(
    heading,
    el(
      "p",
      { class: `verifier-verdict verifier-verdict--${view.verdict.key}` },
      el("span", { class: "verifier-verdict__icone", "aria-hidden": "true", text: view.verdict.icon }),
      el("strong", { text: `${view.labels.verdict} : ${view.verdict.label}` }),
      view.verdict.lead ? el("span", { class: "verifier-verdict__explication", text: view.verdict.lead }) : null,
    ),
    el("p", { class: "verifier-resume", text: view.summary }),
    header,
  );
  if (tools) container.append(tools);
  for (const group of view.groups) {
    const list = el("ol", { class: "verifier-constats" });
    for (const finding of group.findings) list.append(findingItem(view, finding));
    container.append(
      el(
        "section",
        { class: `verifier-groupe verifier-groupe--${group.severity}` },
        el("h3", { text: group.heading }),
        list,
      ),
    );
  }
  if (view.not_checked) {
    const items = el("ul", {});
    for (const sentence of view.not_checked.items) items.append(el("li", { text: sentence }));
    container.append(
      el("section", { class: "verifier-groupe verifier-groupe--limites" }, el("h3", { text: view.not_checked.heading }), items),
    );
  }
  if (view.jargon) {
    const terms = el("dl", { class: "verifier-sigles" });
    for (const t of view.jargon.terms) {
      terms.append(
        el("dt", {}, el("strong", { text: t.term }), t.expansion ? ` (${t.expansion})` : null),
        el("dd", { text: t.definition }),
      );
    }
    container.append(
      el("section", { class: "verifier-groupe verifier-groupe--sigles" }, el("h3", { text: view.jargon.heading }), terms),
    );
  }
  if (view.segments.length) container.append(analysedText(view));
  container.append(forVendors(view));
  container.hidden = false;
  return heading;
}
