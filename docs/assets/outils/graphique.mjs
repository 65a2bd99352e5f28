// An accessible line chart of cumulative costs, as inline SVG built with DOM APIs (no library, no HTML strings).
// The SVG is one image for assistive technologies (role="img", named by its <title>, described by its <desc>);
// the tables next to it hold the same values as text.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 24, bottom: 44, left: 88 };
const MARKERS = ["circle", "square", "triangle", "diamond"]; // shapes, not only colours, tell the lines apart

const euros = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/**
 * An SVG element with its attributes and, optionally, its text.
 * @param {string} tag
 * @param {Record<string, string | number>} [attributes]
 * @param {string} [text]
 * @returns {SVGElement}
 */
function svg(tag, attributes = {}, text) {
  const node = /** @type {SVGElement} */ (document.createElementNS(SVG, tag));
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

// 1, 2 or 5 times a power of ten: round numbers for the axis.
/**
 * @param {number} max
 * @param {number} ticks
 */
function niceStep(max, ticks) {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) || raw;
}

/**
 * @param {string} shape one of MARKERS
 * @param {number} x
 * @param {number} y
 * @param {string} className
 */
function marker(shape, x, y, className) {
  const r = 5;
  if (shape === "circle") return svg("circle", { cx: x, cy: y, r, class: className });
  if (shape === "square") return svg("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, class: className });
  const points =
    shape === "triangle"
      ? [[x, y - r - 1], [x + r + 1, y + r], [x - r - 1, y + r]]
      : [[x, y - r - 1], [x + r + 1, y], [x, y + r + 1], [x - r - 1, y]];
  return svg("polygon", { points: points.map((p) => p.join(",")).join(" "), class: className });
}

/**
 * The line and marker of series `index`, for a legend.
 * @param {number} index
 */
export function markerSwatch(index) {
  const box = svg("svg", { width: 28, height: 14, viewBox: "0 0 28 14", "aria-hidden": "true", focusable: "false" });
  box.append(svg("line", { x1: 1, y1: 7, x2: 27, y2: 7, class: `outils-serie outils-serie--${index + 1}` }));
  box.append(marker(MARKERS[index % MARKERS.length], 14, 7, `outils-point outils-point--${index + 1}`));
  return box;
}

/**
 * The chart of `series` (one value per year each) over `years` years, as an <svg> named by `title`.
 * @param {{id: string, title: string, description: string, series: {name: string, values: number[]}[],
 *   years: number}} chart
 */
export function lineChart({ id, title, description, series, years }) {
  const chart = svg("svg", {
    id,
    class: "outils-graphique",
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    "aria-labelledby": `${id}-titre`,
    "aria-describedby": `${id}-desc`,
    focusable: "false",
  });
  chart.append(svg("title", { id: `${id}-titre` }, title), svg("desc", { id: `${id}-desc` }, description));

  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const step = max > 0 ? niceStep(max, 4) : 1;
  const top = Math.max(step, Math.ceil(max / step) * step);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (/** @type {number} */ year) => MARGIN.left + (years === 1 ? plotW / 2 : ((year - 1) / (years - 1)) * plotW);
  const y = (/** @type {number} */ value) => MARGIN.top + plotH - (value / top) * plotH;

  const axes = svg("g", { class: "outils-axes" });
  for (let value = 0; value <= top + step / 2; value += step) {
    axes.append(
      svg("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value), class: "outils-grille" }),
      svg("text", { x: MARGIN.left - 8, y: y(value) + 4, "text-anchor": "end" }, `${euros.format(value)} €`),
    );
  }
  for (let year = 1; year <= years; year++) {
    axes.append(svg("text", { x: x(year), y: HEIGHT - MARGIN.bottom + 20, "text-anchor": "middle" }, `Année ${year}`));
  }
  axes.append(
    svg("text", { x: MARGIN.left + plotW / 2, y: HEIGHT - 6, "text-anchor": "middle", class: "outils-axe-titre" }, "Coût cumulé, en euros"),
  );
  chart.append(axes);

  series.forEach((s, index) => {
    const group = svg("g", { class: "outils-courbe", "data-offre": s.name });
    const path = s.values.map((v, i) => `${i ? "L" : "M"}${x(i + 1).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    group.append(svg("path", { d: path, class: `outils-serie outils-serie--${index + 1}` }));
    s.values.forEach((v, i) => {
      group.append(marker(MARKERS[index % MARKERS.length], x(i + 1), y(v), `outils-point outils-point--${index + 1}`));
    });
    chart.append(group);
  });
  return chart;
}
