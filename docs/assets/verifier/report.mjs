// Renders a checker report (Report.to_dict(include_text=True)) into the page, and as plain French text.
// Every piece of text that comes from the quote goes through textContent / text nodes, never HTML.

export const VERDICTS = {
  conforme: { label: "Conforme", icon: "✓", lead: "Aucune non-conformité relevée." },
  a_verifier: { label: "À vérifier", icon: "!", lead: "Des points sont à vérifier avec votre éditeur." },
  non_conforme: { label: "Non conforme", icon: "✗", lead: "Le devis ne respecte pas les règles Ségur." },
  non_reconnu: { label: "Document non reconnu", icon: "?", lead: "Ce texte ne ressemble pas à un devis Ségur." },
};

export const SEVERITIES = [
  { key: "error", title: "Non-conformités", one: "non-conformité", many: "non-conformités" },
  { key: "warning", title: "Points à vérifier", one: "point à vérifier", many: "points à vérifier" },
  { key: "info", title: "Informations", one: "information", many: "informations" },
];

// A page with thousands of cards helps nobody (and a huge paste can produce them): the rest is in the exports.
const MAX_SHOWN_PER_GROUP = 100;
// Laying out megabytes of highlighted text freezes a browser tab for minutes; a real quote is far shorter.
const MAX_VIEW_CHARS = 200_000;

// Rule URLs are root-relative ("/regles/P01/"); the page lives at "verifier/", so go up one level.
// Relative links keep working when the site is served under a sub-path (GitHub Pages project site).
export function ruleHref(url) {
  return "../" + String(url || "").replace(/^\/+/, "");
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function plural(count, severity) {
  return `${count} ${count > 1 ? severity.many : severity.one}`;
}

export function countsSentence(findings) {
  const parts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s.key).length])
    .filter(([, n]) => n > 0)
    .map(([s, n]) => plural(n, s));
  return parts.length ? parts.join(", ") + "." : "Aucun point relevé.";
}

// Splits the text at every evidence boundary; each piece knows which findings cover it, so overlapping
// evidence is shown once, with every finding it belongs to. One sweep over the cut points: large quotes
// with thousands of findings stay fast.
function highlightedText(text, findings) {
  const clamp = (n) => Math.max(0, Math.min(text.length, n));
  const starts = new Map();
  const ends = new Map();
  const cuts = new Set([0, text.length]);
  findings.forEach((f, index) => {
    if (!f.evidence) return;
    const [start, end] = [clamp(f.evidence.start), clamp(f.evidence.end)];
    if (end <= start) return;
    const range = { index, severity: f.severity };
    if (!starts.has(start)) starts.set(start, []);
    if (!ends.has(end)) ends.set(end, []);
    starts.get(start).push(range);
    ends.get(end).push(range);
    cuts.add(start).add(end);
  });
  const points = [...cuts].sort((a, b) => a - b);
  const view = el("pre", { class: "verifier-texte-analyse", id: "texte-analyse", tabindex: "0" });
  const firstMark = new Map();
  const active = new Set();
  for (let i = 0; i + 1 < points.length; i++) {
    for (const range of ends.get(points[i]) || []) active.delete(range);
    for (const range of starts.get(points[i]) || []) active.add(range);
    const piece = text.slice(points[i], points[i + 1]);
    if (!active.size) {
      view.append(document.createTextNode(piece));
      continue;
    }
    const covering = [...active].sort((a, b) => a.index - b.index);
    const worst = SEVERITIES.find((s) => covering.some((r) => r.severity === s.key)) || SEVERITIES[2];
    const mark = el("mark", {
      class: `verifier-surlignage verifier-surlignage--${worst.key}`,
      "data-findings": covering.map((r) => r.index).join(" "),
      title: covering.map((r) => findings[r.index].code).join(", "),
      text: piece,
    });
    for (const r of covering) {
      if (!firstMark.has(r.index)) {
        mark.id = `extrait-${r.index + 1}`;
        mark.tabIndex = -1;
        firstMark.set(r.index, mark.id);
      }
    }
    view.append(mark);
  }
  return { view, firstMark };
}

function findingItem(finding, index, firstMark) {
  const item = el("li", { class: `verifier-constat verifier-constat--${finding.severity}`, "data-code": finding.code });
  item.append(el("h4", { class: "verifier-constat__titre" }, el("span", { class: "verifier-code", text: finding.code }), ` ${finding.title}`));
  if (finding.message && finding.message !== finding.title) item.append(el("p", { text: finding.message }));
  if (finding.evidence && finding.evidence.text) {
    item.append(el("blockquote", { class: "verifier-extrait" }, el("p", { text: `« ${finding.evidence.text} »` })));
  }
  const labelled = (label, value) =>
    value ? el("p", {}, el("strong", { text: `${label} : ` }), document.createTextNode(value)) : null;
  item.append(labelled("Pourquoi c’est important", finding.why) || "", labelled("Que faire", finding.fix) || "");
  const links = el("p", { class: "verifier-constat__liens" });
  if (finding.url) links.append(el("a", { href: ruleHref(finding.url), text: `Voir la règle ${finding.code}` }));
  if (firstMark.has(index)) {
    links.append(" · ", el("a", { href: `#${firstMark.get(index)}`, text: "Voir dans le texte du devis" }));
  }
  item.append(links);
  return item;
}

// Fills `container` (the #rapport region) and returns the heading to focus.
export function renderReport(container, report) {
  const verdict = VERDICTS[report.verdict] || VERDICTS.non_reconnu;
  const findings = report.findings || [];
  const fullText = report.text || "";
  const { view, firstMark } = highlightedText(fullText.slice(0, MAX_VIEW_CHARS), findings);

  container.replaceChildren();
  container.dataset.verdict = report.verdict;
  const heading = el("h2", { id: "rapport-titre", tabindex: "-1", text: "Résultat de la vérification" });
  container.append(
    heading,
    el(
      "p",
      { class: `verifier-verdict verifier-verdict--${report.verdict}` },
      el("span", { class: "verifier-verdict__icone", "aria-hidden": "true", text: verdict.icon }),
      el("strong", { text: `Verdict : ${verdict.label}` }),
      el("span", { text: ` — ${verdict.lead}` }),
    ),
    el("p", { class: "verifier-resume", text: report.summary || "" }),
    el("p", { class: "verifier-source", text: `Document : ${report.source} — ${countsSentence(findings)}` }),
    el(
      "div",
      { class: "verifier-outils" },
      el("button", { type: "button", class: "md-button", id: "rapport-imprimer", text: "Imprimer le rapport" }),
      el("button", { type: "button", class: "md-button", id: "rapport-copier", text: "Copier le rapport" }),
      el("button", { type: "button", class: "md-button", id: "rapport-telecharger", text: "Télécharger (JSON)" }),
      el("button", { type: "button", class: "md-button", id: "rapport-signalement", text: "Préparer un signalement à l’ANS" }),
      el("span", { id: "rapport-outils-etat", class: "verifier-outils__etat", role: "status", "aria-live": "polite" }),
    ),
    // Filled by docs/assets/outils/signalement.mjs when « Préparer un signalement à l’ANS » is clicked.
    el("section", { id: "signalement", class: "verifier-signalement", "aria-labelledby": "signalement-titre", hidden: "" }),
  );
  for (const severity of SEVERITIES) {
    const group = findings.map((f, i) => [f, i]).filter(([f]) => f.severity === severity.key);
    if (!group.length) continue;
    const list = el("ol", { class: "verifier-constats" });
    for (const [finding, index] of group.slice(0, MAX_SHOWN_PER_GROUP)) {
      list.append(findingItem(finding, index, firstMark));
    }
    const hidden = group.length - MAX_SHOWN_PER_GROUP;
    const more = hidden > 0 ? el("p", { class: "verifier-aide", text: `… et ${hidden} autres, non affichés ici : ` +
      "ils figurent dans le rapport copié ou téléchargé." }) : null;
    container.append(
      el("section", { class: `verifier-groupe verifier-groupe--${severity.key}` },
        el("h3", { text: `${severity.title} (${group.length})` }), list, more),
    );
  }
  if (report.text) {
    container.append(
      el("section", { class: "verifier-groupe verifier-groupe--texte" },
        el("h3", { text: "Texte analysé" }),
        el("p", { class: "verifier-aide", text: "Les passages relevés sont surlignés." }),
        view,
        fullText.length > MAX_VIEW_CHARS
          ? el("p", { class: "verifier-aide", text: `Seuls les ${MAX_VIEW_CHARS.toLocaleString("fr-FR")} premiers ` +
            `caractères sont affichés (le texte en compte ${fullText.length.toLocaleString("fr-FR")}).` })
          : null),
    );
  }
  container.hidden = false;
  return heading;
}

// The report as plain French text, for the clipboard (rule links made absolute so they work elsewhere).
export function reportAsText(report, pageUrl) {
  const verdict = VERDICTS[report.verdict] || VERDICTS.non_reconnu;
  const findings = report.findings || [];
  const lines = [
    "Vérification d’un devis Ségur (Ségur Devis)",
    `Document : ${report.source}`,
    `Verdict : ${verdict.label}`,
    report.summary || "",
    countsSentence(findings),
  ];
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity.key);
    if (!group.length) continue;
    lines.push("", `${severity.title} (${group.length})`);
    for (const f of group) {
      lines.push(`- ${f.code} — ${f.title}`);
      if (f.message && f.message !== f.title) lines.push(`  ${f.message}`);
      if (f.evidence && f.evidence.text) lines.push(`  Extrait : « ${f.evidence.text} »`);
      if (f.why) lines.push(`  Pourquoi c’est important : ${f.why}`);
      if (f.fix) lines.push(`  Que faire : ${f.fix}`);
      if (f.url) lines.push(`  Règle : ${new URL(ruleHref(f.url), pageUrl).href}`);
    }
  }
  lines.push("", "Vérification faite dans le navigateur : le devis n’a été envoyé nulle part.");
  return lines.join("\n");
}

// The JSON report of the CLI (CONTRACT.md): the analysed text is a page-only extra, left out.
export function reportAsJson(report) {
  const { text: _text, ...contract } = report;
  return JSON.stringify(contract, null, 2) + "\n";
}
