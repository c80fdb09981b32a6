/**
 * When a page counts as painted, for every browser figure: one place, so that a change to how the app
 * draws a chart or marks a loading tile is one edit here.
 *
 * A page is painted when all of these hold, and the time is taken one animation frame later (after the
 * frame that shows it):
 * - the document is parsed (streamed Suspense boundaries replace their fallbacks while it is parsed);
 * - each of the page's `requires` selectors matches something: the parts that must have arrived;
 * - inside `within` (the whole document unless narrowed):
 *   - nothing is `[aria-busy="true"]`: panel skeletons, KPI tiles still loading their value, chart
 *     placeholders and figures still showing the previous window all mark themselves busy;
 *   - every `figure[role="figure"]` holds an `svg` with a drawn mark — a rect, path, line, circle,
 *     polyline or polygon whose box is not empty (an axis or a bar is enough, an empty `<svg>` box is not);
 *   - every `table` has a body row (its data, or the one-cell row an empty table shows).
 *
 * The checks are plain JavaScript strings, evaluated in the page by the probe (bench/support/browser.ts).
 */

export type Painted = {
  /** What the figure's details print. */
  describe: string;
  /** Each selector must match at least one element. */
  requires: readonly string[];
  /** Where busy, figure and table checks apply; `null` skips them. */
  within: string | null;
};

const figureIn = (section: string) => `${section} figure[role="figure"]`;
const AI_PANEL = '[aria-labelledby="ai-title"]';
const DASHBOARD_CHARTS = [
  figureIn('[aria-labelledby="event-metrics-title"]'),
  figureIn('section[aria-label="Cost over time"]'),
  figureIn('section[aria-label="Requests and errors"]'),
  figureIn('section[aria-label="Latency percentiles"]'),
];
const GENERIC =
  "nothing [aria-busy=true] (KPI tiles, skeletons, chart placeholders, updating figures), every figure[role=figure] holds an svg with a drawn mark (rect/path/line… with a non-empty box), every table has a body row";

export const PAINTED = {
  /** The dashboard: every KPI tile, chart and table, the four charts required by name. */
  panels: {
    describe: `dashboard: the activity, cost, requests and latency charts present; ${GENERIC}`,
    requires: DASHBOARD_CHARTS,
    within: "body",
  },
  /** The dashboard's AI panel alone (P7's baseline). */
  "ai-panel": {
    describe: `the dashboard's AI panel: its cost, requests and latency charts present; inside it, ${GENERIC}`,
    requires: DASHBOARD_CHARTS.slice(1),
    within: AI_PANEL,
  },
  /** The model page's first page of requests (P7): a row with its row header; the empty table's cell has none. */
  "model-requests": {
    describe:
      "model page: a row of the Requests table with its row header (the empty table's single cell has none)",
    requires: ['section[aria-label="Requests"] tbody tr th[scope="row"]'],
    within: null,
  },
  /** The whole model page: KPIs, the latency chart, the first requests row and the rest. */
  model: {
    describe: `model page: the latency chart and a Requests row (with its row header) present; ${GENERIC}`,
    requires: [
      figureIn('section[aria-label="Latency over time"]'),
      'section[aria-label="Requests"] tbody tr th[scope="row"]',
    ],
    within: "body",
  },
  /** Keys: the inventory table's rows, or the line that replaces it when the key may not list keys. */
  keys: {
    describe: `keys page: the key inventory's rows or its permission note present; ${GENERIC}`,
    requires: ['[aria-labelledby="inventory"] tbody tr, [data-testid="inventory-permission-note"]'],
    within: "body",
  },
  /** Alerts: the rules list (fetched after hydration) or its empty state. */
  alerts: {
    describe: `alerts page: a rule row or the "no rules yet" line present; ${GENERIC}`,
    requires: ['[data-testid="rule-row"], [data-testid="rules-empty"]'],
    within: "body",
  },
} satisfies Record<string, Painted>;

export type PaintedPage = keyof typeof PAINTED;

/** A mark with a box: what the eye can see of a chart. A line may be zero-thick one way. */
const DRAWN = `(svg) => [...svg.querySelectorAll("rect,path,line,circle,polyline,polygon")].some((m) => { const b = m.getBoundingClientRect(); return b.width > 0 || b.height > 0; })`;

/**
 * Every check as `[name, expression]`, cheapest first: the probe stops at the first that fails, and
 * a load that never paints names it.
 */
export function checks(painted: Painted): [string, string][] {
  const out: [string, string][] = [["document parsed", `document.readyState !== "loading"`]];
  for (const s of painted.requires)
    out.push([`present: ${s}`, `document.querySelector(${JSON.stringify(s)}) !== null`]);
  if (painted.within !== null) {
    const scope = `document.querySelectorAll(${JSON.stringify(painted.within)})`;
    const inScope = (selector: string) =>
      `[...${scope}].flatMap((r) => [...r.querySelectorAll(${JSON.stringify(selector)})])`;
    out.push(
      ["nothing aria-busy", `${inScope('[aria-busy="true"]')}.length === 0`],
      [
        "every table has a body row",
        `${inScope("table")}.every((t) => t.querySelector("tbody tr") !== null)`,
      ],
      [
        "every figure drawn",
        `${inScope('figure[role="figure"]')}.every((f) => [...f.querySelectorAll("svg")].some(${DRAWN}))`,
      ],
    );
  }
  return out;
}
