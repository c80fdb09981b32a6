import type { Page } from "@playwright/test";
import { expect, refreshApp, sim, test, useKey } from "../support/fixtures";

/**
 * Nothing moves when data arrives or a request fails: each section's placeholder (skeleton or quiet
 * failure) has the height of the content it stands in for. fal is slowed or broken in the simulator so
 * the page meets each state for real; heights are read in one pass so a state cannot change mid-measure.
 */

const AI_SECTIONS = ["Cost over time", "Requests and errors", "Cost per model", "Latency percentiles"];
const KPIS = ["Spend", "Credit balance", "Cost per photo", "Requests", "Error rate"];

type Measure = {
  /** Height of the whole card, or of each named section and KPI tile. */
  heights: Record<string, number>;
  /** Sections still showing their loading placeholder. */
  loading: string[];
};

/** Reads the heights of the AI panel, its sections and KPI tiles in a single browser task. */
async function measureAi(page: Page): Promise<Measure> {
  return page.getByTestId("ai-panel").evaluate(
    (card, { sections, kpis }) => {
      const heights: Record<string, number> = { card: card.getBoundingClientRect().height };
      const loading: string[] = [];
      for (const name of sections) {
        const el = card.querySelector(`section[aria-label="${name}"]`);
        if (!el) continue;
        heights[name] = el.getBoundingClientRect().height;
        if (el.querySelector('[role="status"]')) loading.push(name);
      }
      const tiles = [...card.querySelectorAll("p[title]")];
      for (const label of kpis) {
        const tile = tiles.find((p) => p.getAttribute("title") === label)?.closest(".rounded-xl");
        if (tile) heights[`kpi ${label}`] = tile.getBoundingClientRect().height;
      }
      return { heights, loading };
    },
    { sections: AI_SECTIONS, kpis: KPIS },
  );
}

test("AI sections keep their height from skeleton to data while fal is slow", async ({ page }) => {
  // Slower than the server's first-paint budget, so the browser meets every AI section loading.
  await sim.fault({ endpoint: "*", latency_ms: 2_500 });
  await page.goto("/");
  const ai = page.getByTestId("ai-panel");
  await expect(ai.getByRole("status", { name: /^loading/i }).first()).toBeVisible();
  const loading = await measureAi(page);
  expect(loading.loading, "every section measured while loading").toEqual(AI_SECTIONS);

  for (const name of ["Cost over time", "Requests and errors", "Latency percentiles"]) {
    await expect(ai.locator(`section[aria-label="${name}"] svg[data-chart-plot]`)).toBeVisible({
      timeout: 30_000,
    });
  }
  await expect(ai.getByRole("table", { name: /billed usage per model/i })).toBeVisible();
  const loaded = await measureAi(page);
  expect(loaded.loading).toEqual([]);

  expect(Object.keys(loaded.heights).sort()).toEqual(Object.keys(loading.heights).sort());
  for (const [name, height] of Object.entries(loaded.heights)) {
    expect(loading.heights[name], `${name}: loading vs loaded`).toBeCloseTo(height, 0);
  }
});

test("a section whose fal call fails keeps the height it has with data", async ({ page }) => {
  await page.goto("/");
  const ai = page.getByTestId("ai-panel");
  for (const name of ["Cost over time", "Requests and errors", "Latency percentiles"]) {
    await expect(ai.locator(`section[aria-label="${name}"] svg[data-chart-plot]`)).toBeVisible();
  }
  const healthy = await measureAi(page);

  // Usage and analytics fail; the balance still answers, so the panel does not collapse as a whole.
  await sim.fault({ endpoint: "usage", status: 500 });
  await sim.fault({ endpoint: "analytics", status: 500 });
  await refreshApp();
  await page.goto("/");
  await expect(ai.locator("[data-diagnosis]")).toHaveAttribute("data-diagnosis", "upstream_unavailable");
  await expect(ai.getByRole("figure")).toHaveCount(0);
  await expect(ai.getByText("Credit balance")).toBeVisible();
  const failed = await measureAi(page);

  for (const name of [...AI_SECTIONS, ...KPIS.map((k) => `kpi ${k}`)]) {
    expect(failed.heights[name], `${name}: failed vs loaded`).toBeCloseTo(healthy.heights[name] ?? -1, 0);
  }
});

test("the key inventory keeps its height from skeleton to table", async ({ page }) => {
  await sim.fault({ endpoint: "keys", latency_ms: 2_500 });
  await page.goto("/keys");
  const inventory = page.getByRole("region", { name: "API keys on this fal account" });
  await expect(inventory.getByRole("status", { name: /loading key/i })).toBeVisible();
  const loading = await inventory.evaluate((el) => ({
    height: el.getBoundingClientRect().height,
    busy: el.querySelector('[aria-busy="true"]') !== null,
  }));
  expect(loading.busy, "measured while loading").toBe(true);

  await expect(inventory.getByRole("table", { name: "API keys" })).toBeVisible({ timeout: 30_000 });
  const loaded = (await inventory.boundingBox())?.height;
  expect(loading.height).toBeCloseTo(loaded ?? -1, 0);
});

test("a hanging fal: the AI sections keep their height from skeleton to the timeout's failure", async ({
  page,
}) => {
  test.setTimeout(90_000);
  // Longer than the app's fal timeout (15 s): every call, the balance included, ends in a failure.
  await sim.fault({ endpoint: "*", latency_ms: 25_000 });
  await refreshApp();
  await page.goto("/");
  const ai = page.getByTestId("ai-panel");
  await expect(ai.getByRole("status", { name: /^loading/i }).first()).toBeVisible();
  const loading = await measureAi(page);
  expect(loading.loading).toEqual(AI_SECTIONS);

  await expect(ai.getByText("AI performance is unavailable")).toBeVisible({ timeout: 60_000 });
  const failed = await measureAi(page);
  expect(failed.loading).toEqual([]);
  for (const name of [...AI_SECTIONS, ...KPIS.map((k) => `kpi ${k}`)]) {
    expect(failed.heights[name], `${name}: failed vs loading`).toBeCloseTo(loading.heights[name] ?? -1, 0);
  }
  // The card never shrinks by a section (it used to collapse to one line); it grows by what explains the
  // failure — the key banner and the one line under it — which no skeleton can know in advance.
  expect(failed.heights.card).toBeGreaterThanOrEqual((loading.heights.card ?? 0) - 1);
});

test("an API-scope key: the banner is in the first paint, so nothing shifts when spend fails", async ({
  page,
  request,
}) => {
  useKey("api");
  await refreshApp();
  // The server already knows usage is refused for this key, and renders the failed state with its banner.
  const html = await (await request.get("/")).text();
  expect(html).toContain('data-diagnosis="scope_insufficient"');

  await page.addInitScript(() => {
    const w = window as unknown as { cls: number };
    w.cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!e.hadRecentInput) w.cls += e.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto("/");
  const ai = page.getByTestId("ai-panel");
  await expect(ai.locator("[data-diagnosis]")).toHaveAttribute("data-diagnosis", "scope_insufficient");
  await expect(ai.locator('section[aria-label="Requests and errors"] svg[data-chart-plot]')).toBeVisible();
  await page.waitForLoadState("networkidle");
  const cls = await page.evaluate(() => (window as unknown as { cls: number }).cls);
  expect(cls).toBeLessThan(0.02);
});
