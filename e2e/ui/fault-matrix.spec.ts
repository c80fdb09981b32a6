import type { Page } from "@playwright/test";
import { MSG_INVALID_KEY } from "../fal-simulator/errors";
import { expect, refreshApp, screenshot, sim, test, unexpectedConsoleErrors } from "../support/fixtures";

/**
 * The fault matrix in the browser: each way fal can fail, once on usage (spend) and once on analytics
 * (requests and latency). In every cell the event metrics render, the banner names the diagnosis
 * (docs/fal-api-notes.md, "Errors and diagnosis"), the other half of the AI panel keeps its chart,
 * nothing unexpected reaches the console, and once fal recovers the next request to each affected route
 * answers 200. Every endpoint × fault, connection refused included, runs in-process in
 * lib/fal/fault-matrix.test.ts; this is the representative subset (connection refused needs the app
 * pointed at a closed port, so it is not here).
 */

// The app's own timeout (playwright.config.ts leaves FAL_TIMEOUT_MS to the environment; 15 s by default).
const FAL_TIMEOUT_MS = Number(process.env.FAL_TIMEOUT_MS ?? 15_000);
const CANARY = "fal-internal-7c1e";

type Fault = { name: string; fault: Record<string, unknown>; diagnosis: string; slow?: boolean };
const FAULTS: readonly Fault[] = [
  { name: "401 bad key", fault: { status: 401, message: MSG_INVALID_KEY }, diagnosis: "key_rejected" },
  {
    name: "401 missing Key prefix",
    fault: { status: 401, message: `API key must be prefixed with "Key " ${CANARY}` },
    diagnosis: "key_rejected",
  },
  {
    name: "403 scope",
    fault: { status: 403, message: `Access denied ${CANARY}` },
    diagnosis: "scope_insufficient",
  },
  {
    name: "404",
    fault: { status: 404, message: `Resource not found ${CANARY}` },
    diagnosis: "upstream_request",
  },
  {
    name: "429 retry-after",
    fault: { status: 429, headers: { "retry-after": "1" }, message: CANARY },
    diagnosis: "rate_limited",
  },
  {
    name: "429 x-ratelimit-reset",
    fault: { status: 429, headers: { "x-ratelimit-reset": "1" }, message: CANARY },
    diagnosis: "rate_limited",
  },
  { name: "429 no header", fault: { status: 429, message: CANARY }, diagnosis: "rate_limited" },
  { name: "500", fault: { status: 500, message: CANARY }, diagnosis: "upstream_unavailable" },
  { name: "502", fault: { status: 502, message: CANARY }, diagnosis: "upstream_unavailable" },
  {
    name: "timeout",
    fault: { latency_ms: FAL_TIMEOUT_MS + 1_000 },
    diagnosis: "upstream_unavailable",
    slow: true,
  },
  { name: "connection reset", fault: { reset: true }, diagnosis: "upstream_unavailable" },
  { name: "malformed JSON", fault: { malformed: true }, diagnosis: "upstream_contract" },
  { name: "schema drift", fault: { drift: true }, diagnosis: "upstream_contract" },
];

type Endpoint = "usage" | "analytics";
/** One slow cell is enough to show a hung fal does not hang the page; the rest stay a few seconds each. */
const cells = (["usage", "analytics"] as const).flatMap((endpoint) =>
  FAULTS.filter((f) => !(f.slow && endpoint === "analytics")).map((f) => ({ endpoint, ...f })),
);

const aiPanel = (page: Page) => page.getByTestId("ai-panel");
const banner = (page: Page) => aiPanel(page).locator("[data-diagnosis]");
/** The chart each endpoint feeds, and the one that must survive its failure. */
const FIGURE: Record<Endpoint, { lost: RegExp; kept: RegExp }> = {
  usage: { lost: /cost per day/i, kept: /requests per day/i },
  analytics: { lost: /requests per day/i, kept: /cost per day/i },
};

/** The dashboard's routes that call each endpoint. */
const ROUTES: Record<Endpoint, string[]> = {
  usage: ["/api/ai/usage", "/api/ai/cost-per-outcome"],
  analytics: ["/api/ai/performance"],
};

async function expectEventMetrics(page: Page) {
  const panel = page.getByRole("region", { name: "Event metrics" });
  await expect(panel.getByText("Photos generated").first()).toBeVisible();
  await expect(panel.getByRole("figure")).toBeVisible();
  await expect(panel.getByRole("table", { name: /events in this range/i })).toBeVisible();
}

const ran: string[] = [];
test.afterAll(() => {
  console.log(`fault matrix (UI): ${ran.length} cells\n${ran.map((r) => `  ${r}`).join("\n")}`);
});

for (const cell of cells) {
  test(`fal ${cell.endpoint} ${cell.name} → banner ${cell.diagnosis}, event metrics render, next request 200`, async ({
    page,
    consoleErrors,
  }) => {
    if (cell.slow) test.setTimeout(60_000 + 3 * FAL_TIMEOUT_MS);
    const started = Date.now();
    // Cache dropped and key probed while fal is healthy; the fault then meets the page's own requests.
    await refreshApp();
    await sim.fault({ endpoint: cell.endpoint, ...cell.fault });
    await page.goto("/");

    await expectEventMetrics(page);
    const waitForBanner = { timeout: cell.slow ? FAL_TIMEOUT_MS + 15_000 : 10_000 };
    await expect(banner(page)).toHaveAttribute("data-diagnosis", cell.diagnosis, waitForBanner);
    const ai = aiPanel(page);
    await expect(ai.getByRole("figure", { name: FIGURE[cell.endpoint].kept })).toBeVisible();
    await expect(ai.getByRole("figure", { name: FIGURE[cell.endpoint].lost })).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(CANARY);
    await expect(page.locator("body")).not.toContainText(MSG_INVALID_KEY);
    await screenshot(page, `fault-${cell.endpoint}-${cell.name.replace(/\W+/g, "-").toLowerCase()}`);

    // fal recovers: the very next request to each route the fault hit answers 200 — no failure was
    // cached and nothing is wedged (no cache drop, no restart in between).
    await sim.reset();
    for (const route of ROUTES[cell.endpoint]) {
      const res = await page.request.get(route);
      expect(res.status(), `${route} after ${cell.name} on ${cell.endpoint} cleared`).toBe(200);
    }

    expect(unexpectedConsoleErrors(consoleErrors)).toEqual([]);
    ran.push(
      `${cell.endpoint.padEnd(9)} ${cell.name.padEnd(22)} → ${cell.diagnosis.padEnd(20)} ${Date.now() - started} ms`,
    );
  });
}
