import { chromium, type Browser, type Page, type Request } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../../e2e/support/chromium";
import { onCleanup } from "./cleanup";
import { PAINTED, checks, type PaintedPage } from "./painted";

/** Debian's Chromium, launched exactly as the e2e suite launches it. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  onCleanup("chromium", () => browser.close());
  return browser;
}

/**
 * When a load counts as done: a page painted as bench/support/painted.ts defines it, or `complete`
 * (`document.readyState === "complete"`) for a page that has nothing to fetch afterwards. Either way the
 * time is taken one animation frame after the condition first holds, i.e. after the frame that shows it
 * has been painted.
 */
export type DoneWhen = PaintedPage | "complete";

export type LoadOptions = {
  /**
   * Abort every /_next/static/chunks/ script: what the server's HTML (and its CSS) alone paints. Such a
   * load may never be done; it gives up 3 s after the document is complete and reports `done: -1` and
   * what was missing.
   */
  blockChunks?: boolean;
  /** How long the document and then the done condition may each take; 60 s unless given. */
  timeoutMs?: number;
  /**
   * After done, also wait for hydration (`data-hydrated` on <html>, set by app/providers.tsx) and for the
   * scripts to go quiet (no new one for 1 s, at most 15 s), so `js` holds what the load ended up running.
   */
  settle?: boolean;
};

export type LoadTiming = {
  /** Epoch ms when navigation began; the times below count from here. */
  startedAt: number;
  /** Largest Contentful Paint, ms since navigation start. */
  lcp: number;
  /** The `DoneWhen` condition painted, ms since navigation start; -1 when a blocked load never got there. */
  done: number;
  /** The first check still failing when a load gave up (see painted.ts `checks`), else null. */
  missing: string | null;
  /** The app marked itself hydrated, ms since navigation start; -1 if not (yet). */
  hydrated: number;
  /** Every /api/ request the page made, in order, with start/end (ms since navigation start). */
  api: { url: string; start: number; end: number; status: number }[];
  /** Every script the page fetched (Resource Timing), with when its last byte arrived (ms since navigation start). */
  js: { url: string; end: number }[];
  /** Bytes of the HTML document as decoded by the browser. */
  documentBytes: number;
  /** The document's last byte (Navigation Timing responseEnd): a streamed page's last boundary arrived. */
  responseEnd: number;
};

type Probe = { lcp: number; done: number; hydrated: number; complete: number; missing: string | null };

/**
 * Plain JavaScript, not a function handed to Playwright: tsx compiles functions with esbuild's keepNames,
 * whose `__name` helper does not exist in the page, and the probe would die silently.
 */
function probeScript(doneWhen: DoneWhen): string {
  const list: [string, string][] =
    doneWhen === "complete"
      ? [["complete", `document.readyState === "complete"`]]
      : checks(PAINTED[doneWhen]);
  const fns = list
    .map(([name, expression]) => `[${JSON.stringify(name)}, () => ${expression}]`)
    .join(",\n    ");
  return `(() => {
  const probe = { lcp: -1, done: -1, hydrated: -1, complete: -1, missing: null };
  window.__benchProbe = probe;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.lcp = e.startTime; })
    .observe({ type: "largest-contentful-paint", buffered: true });
  new MutationObserver(() => {
    if (probe.hydrated < 0 && document.documentElement.hasAttribute("data-hydrated")) probe.hydrated = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-hydrated"] });
  const checks = [
    ${fns}
  ];
  let seen = false;
  const frame = () => {
    if (seen) { probe.done = performance.now(); probe.missing = null; return; }
    if (probe.complete < 0 && document.readyState === "complete") probe.complete = performance.now();
    probe.missing = checks.find(([, holds]) => !holds())?.[0] ?? null;
    seen = probe.missing === null;
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
  options: LoadOptions = {},
): Promise<LoadTiming> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addInitScript({ content: probeScript(doneWhen) });
    // Scripts only: Turbopack puts the stylesheets beside them, and a page without its CSS is not the
    // page the server's HTML paints.
    if (options.blockChunks)
      await context.route("**/_next/static/chunks/**", (route) =>
        route.request().resourceType() === "script" ? route.abort() : route.continue(),
      );

    const page = await context.newPage();
    const api: LoadTiming["api"] = [];
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

    origin = Date.now();
    const timeoutMs = options.timeoutMs ?? 60_000;
    const response = await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? "nothing"}`);
    const probe = async () => (await page.evaluate("window.__benchProbe")) as Probe;
    // LCP entries are delivered after the paint they describe, so a fast page can be "done" before its
    // LCP is known: wait for both. Polled from here because the page's CSP forbids eval, which
    // waitForFunction needs for a string predicate; a plain evaluate goes through the debugger protocol.
    const deadline = Date.now() + timeoutMs;
    for (let p = await probe(); !(p.done >= 0 && p.lcp >= 0); p = await probe()) {
      const gaveUp =
        options.blockChunks && p.complete >= 0 && p.lcp >= 0 && (await pageNow(page)) > p.complete + 3_000;
      if (gaveUp) break;
      if (Date.now() > deadline)
        throw new Error(`${url}: not done within ${timeoutMs / 1000} s (missing: ${p.missing})`);
      await page.waitForTimeout(25);
    }
    if (options.settle) await settle(page, deadline);
    // Requests still in flight (the previous-window deltas) finish before the context closes, so a
    // cold load leaves nothing half-fetched behind for the next measurement.
    for (let waited = 0; started.size > 0 && waited < 30_000; waited += 50) await page.waitForTimeout(50);
    const p = await probe();
    const responseEnd = (await page.evaluate(
      'performance.getEntriesByType("navigation")[0]?.responseEnd ?? -1',
    )) as number;
    const documentBytes = (await response.body()).byteLength;
    return {
      startedAt: origin,
      lcp: p.lcp,
      done: p.done,
      missing: p.done >= 0 ? null : p.missing,
      hydrated: p.hydrated,
      api: api.sort((a, b) => a.start - b.start),
      js: await scriptsFetched(page),
      documentBytes,
      responseEnd,
    };
  } finally {
    await context.close();
  }
}

const pageNow = async (page: Page) => (await page.evaluate("performance.now()")) as number;

/** Scripts from Resource Timing: only fetches that completed (a blocked chunk leaves no entry). */
async function scriptsFetched(page: Page): Promise<LoadTiming["js"]> {
  return (await page.evaluate(
    `performance.getEntriesByType("resource")
      .filter((e) => new URL(e.name).pathname.endsWith(".js"))
      .map((e) => ({ url: e.name, end: e.responseEnd }))`,
  )) as LoadTiming["js"];
}

/** Until the app is hydrated and no new script has arrived for a second (or the deadline). */
async function settle(page: Page, deadline: number): Promise<void> {
  let count = -1;
  let quietSince = Date.now();
  const until = Math.min(deadline, Date.now() + 15_000);
  while (Date.now() < until) {
    const hydrated = ((await page.evaluate("window.__benchProbe.hydrated")) as number) >= 0;
    const now = (await scriptsFetched(page)).length;
    if (now !== count) {
      count = now;
      quietSince = Date.now();
    }
    if (hydrated && Date.now() - quietSince >= 1_000) return;
    await page.waitForTimeout(100);
  }
}
