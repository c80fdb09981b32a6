import { chromium, type Browser, type Request } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../../e2e/support/chromium";
import { onCleanup } from "./cleanup";

/** Debian's Chromium, launched exactly as the e2e suite launches it. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  onCleanup("chromium", () => browser.close());
  return browser;
}

/**
 * When a load counts as done.
 * - `panels`: every chart of the dashboard drawn — the activity chart (event metrics), cost over time,
 *   requests and errors, latency percentiles: each a `figure[role=figure]` holding recharts' drawn
 *   `svg.recharts-surface` — and nothing left `[aria-busy=true]` (panel skeletons and KPI tiles both
 *   mark themselves busy while loading).
 * - `ai-panel`: the dashboard's AI panel drawn — its three charts (cost, requests, latency) as above and
 *   nothing inside it `[aria-busy=true]`.
 * - `model-requests`: the model page's first page of requests painted — a row of the Requests table with
 *   its row header (the empty table's single cell has none).
 * - `complete`: `document.readyState === "complete"`, for a page that has nothing to fetch afterwards.
 * Either way the time is taken one animation frame after the condition first holds, i.e. after the
 * frame that shows it has been painted.
 */
export type DoneWhen = "panels" | "ai-panel" | "model-requests" | "complete";

export type LoadTiming = {
  /** Epoch ms when navigation began; the times below count from here. */
  startedAt: number;
  /** Largest Contentful Paint, ms since navigation start. */
  lcp: number;
  /** The `DoneWhen` condition painted, ms since navigation start. */
  done: number;
  /** Every /api/ request the page made, in order, with start/end (ms since navigation start). */
  api: { url: string; start: number; end: number; status: number }[];
  /** Absolute URLs of every script the page fetched. */
  scripts: string[];
  /** Bytes of the HTML document as decoded by the browser. */
  documentBytes: number;
  /** The document's last byte (Navigation Timing responseEnd): a streamed page's last boundary arrived. */
  responseEnd: number;
};

type Probe = { lcp: number; done: number };

const CHARTS = [
  '[aria-labelledby="event-metrics-title"] figure[role="figure"] svg.recharts-surface',
  'section[aria-label="Cost over time"] figure[role="figure"] svg.recharts-surface',
  'section[aria-label="Requests and errors"] figure[role="figure"] svg.recharts-surface',
  'section[aria-label="Latency percentiles"] figure[role="figure"] svg.recharts-surface',
];

const AI_PANEL = '[aria-labelledby="ai-title"]';
const AI_CHARTS = CHARTS.filter((s) => !s.startsWith('[aria-labelledby="event-metrics-title"]'));

const loaded = `document.readyState !== "loading"`;
const all = (selectors: string[]) =>
  `${JSON.stringify(selectors)}.every((s) => document.querySelector(s) !== null)`;
const READY: Record<DoneWhen, string> = {
  complete: `document.readyState === "complete"`,
  panels: `${loaded} && ${all(CHARTS)} && document.querySelector('[aria-busy="true"]') === null`,
  "ai-panel": `${loaded} && ${all(AI_CHARTS)} && document.querySelector('${AI_PANEL} [aria-busy="true"]') === null`,
  "model-requests": `${loaded} && document.querySelector('section[aria-label="Requests"] tbody tr th[scope="row"]') !== null`,
};

/**
 * Plain JavaScript, not a function handed to Playwright: tsx compiles functions with esbuild's keepNames,
 * whose `__name` helper does not exist in the page, and the probe would die silently.
 */
function probeScript(doneWhen: DoneWhen): string {
  const ready = READY[doneWhen];
  return `(() => {
  const probe = { lcp: -1, done: -1 };
  window.__benchProbe = probe;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.lcp = e.startTime; })
    .observe({ type: "largest-contentful-paint", buffered: true });
  let seen = false;
  const frame = () => {
    if (seen) { probe.done = performance.now(); return; }
    seen = ${ready};
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;
}

/** One load in a fresh browser context: no HTTP cache, no cookies, nothing carried over from a previous load. */
export async function timedLoad(
  browser: Browser,
  url: string,
  doneWhen: DoneWhen,
  /** How long the document and then the done condition may each take. */
  timeoutMs = 60_000,
): Promise<LoadTiming> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addInitScript({ content: probeScript(doneWhen) });

    const page = await context.newPage();
    const api: LoadTiming["api"] = [];
    const scripts: string[] = [];
    const started = new Map<Request, number>();
    let origin = 0;
    const since = () => Date.now() - origin;
    page.on("request", (req) => {
      if (new URL(req.url()).pathname.startsWith("/api/")) started.set(req, since());
    });
    const finish = (req: Request, status: number) => {
      const start = started.get(req);
      if (start === undefined) return;
      started.delete(req);
      api.push({ url: req.url(), start, end: since(), status });
    };
    page.on("requestfinished", (req) => {
      // A request that ends as the context closes has no response to read any more: not an error.
      req.response().then(
        (res) => finish(req, res?.status() ?? 0),
        () => finish(req, 0),
      );
    });
    page.on("requestfailed", (req) => finish(req, 0));
    page.on("response", (res) => {
      if (res.request().resourceType() === "script") scripts.push(res.url());
    });

    origin = Date.now();
    const response = await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? "nothing"}`);
    // LCP entries are delivered after the paint they describe, so a fast page can be "done" before its
    // LCP is known: wait for both. Polled from here because the page's CSP forbids eval, which
    // waitForFunction needs for a string predicate; a plain evaluate goes through the debugger protocol.
    const deadline = Date.now() + timeoutMs;
    while (!(await page.evaluate("(window.__benchProbe?.done ?? -1) >= 0 && window.__benchProbe.lcp >= 0"))) {
      if (Date.now() > deadline) throw new Error(`${url}: not done within ${timeoutMs / 1000} s`);
      await page.waitForTimeout(25);
    }
    // Requests still in flight (the previous-window deltas) finish before the context closes, so a
    // cold load leaves nothing half-fetched behind for the next measurement.
    for (let waited = 0; started.size > 0 && waited < 30_000; waited += 50) await page.waitForTimeout(50);
    const probe = (await page.evaluate("window.__benchProbe")) as Probe;
    const responseEnd = (await page.evaluate(
      'performance.getEntriesByType("navigation")[0]?.responseEnd ?? -1',
    )) as number;
    const documentBytes = (await response.body()).byteLength;
    return {
      startedAt: origin,
      lcp: probe.lcp,
      done: probe.done,
      api: api.sort((a, b) => a.start - b.start),
      scripts,
      documentBytes,
      responseEnd,
    };
  } finally {
    await context.close();
  }
}
