import type { APIRequestContext, Locator, Page, Route } from "@playwright/test";
import { expectAccessible } from "../support/axe";
import { expect, screenshot, test } from "../support/fixtures";
import { paintsDark } from "../support/theme";

/**
 * The charts are drawn by the server: with no JavaScript at all every chart already shows its marks, and
 * once React hydrates the page not one mark has moved. Hover and keyboard then add a tooltip whose
 * numbers are checked against the chart's own data table (and, for totals, added up here).
 */

const DASHBOARD_CHARTS = ["Event metrics", "Cost over time", "Requests and errors", "Latency percentiles"];
const MODEL = "/models/fal-ai/flux/dev?range=30d";
const MARKS = "svg[data-chart-plot] [data-mark]";
const CHUNK = /\/_next\/static\/chunks\/.+\.js(\?|$)/;

/** The page's scripts answer empty: the HTML and CSS arrive, no JavaScript runs (and nothing logs an error). */
async function withoutJavaScript(page: Page) {
  await page.route(CHUNK, (route) =>
    route.fulfill({ status: 200, contentType: "application/javascript", body: "" }),
  );
}

/**
 * Loads `path` until the page holds `charts` plots: a load on a cold cache leaves a panel whose fal answer
 * missed the page's one-second budget to the browser; the answers it started are then cached.
 */
async function loadWarm(page: Page, path: string, charts: number) {
  await expect
    .poll(
      async () => {
        await page.goto(path);
        return page.locator("svg[data-chart-plot]").count();
      },
      { timeout: 90_000 },
    )
    .toBeGreaterThanOrEqual(charts);
}

/** The chart of a section: its region by name, then the figure inside. */
const chartIn = (page: Page, name: string) =>
  page.getByRole("region", { name }).locator("figure[role=figure]").first();

type Box = { x: number; y: number; width: number; height: number };

/** Every mark's box relative to its figure, and each figure's size, read in one browser task. */
async function markBoxes(page: Page): Promise<Record<string, { figure: Box; marks: Box[] }>> {
  return page.evaluate((selector) => {
    const out: Record<string, { figure: Box; marks: Box[] }> = {};
    document.querySelectorAll("figure[role=figure]").forEach((figure) => {
      const f = figure.getBoundingClientRect();
      const marks = [...figure.querySelectorAll(selector)].map((m) => {
        const r = m.getBoundingClientRect();
        return { x: r.x - f.x, y: r.y - f.y, width: r.width, height: r.height };
      });
      out[figure.getAttribute("aria-label") ?? ""] = {
        figure: { x: 0, y: 0, width: f.width, height: f.height },
        marks,
      };
    });
    return out;
  }, MARKS);
}

/** React has hydrated the chart: its plot element carries React's fiber. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const plots = [...document.querySelectorAll("[data-chart-plot]")].map((svg) => svg.parentElement!);
    return plots.length > 0 && plots.every((p) => Object.keys(p).some((k) => k.startsWith("__reactFiber")));
  });
}

async function expectDrawn(figure: Locator, name: string) {
  await expect(figure.locator(MARKS).first(), `${name}: marks drawn`).toBeAttached();
  const marks = await figure.locator(MARKS).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { tag: el.tagName, width: r.width, height: r.height };
    }),
  );
  expect(marks.length, `${name}: marks drawn`).toBeGreaterThan(0);
  for (const m of marks) {
    // A bar has an area; a line at least a length (a flat one has no height).
    if (m.tag === "path") expect(Math.max(m.width, m.height), `${name}: line`).toBeGreaterThan(0);
    else expect(m.width * m.height, `${name}: ${m.tag}`).toBeGreaterThan(0);
  }
}

/**
 * Asks the server for `path` until its HTML holds `charts` plots: fal's answers are then cached (the page
 * gives fal a second before leaving a panel to the browser), so the next load is drawn by the server.
 */
async function warm(request: APIRequestContext, path: string, charts: number) {
  await expect
    .poll(async () => (await (await request.get(path)).text()).split("data-chart-plot").length - 1, {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(charts);
}

for (const width of [1280, 390]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`without JavaScript every chart is drawn, ${width} px ${scheme}`, async ({ page }) => {
      // The first load after the server starts may need a few tries before fal's answers fit the budget.
      test.setTimeout(150_000);
      await withoutJavaScript(page);
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await loadWarm(page, "/", DASHBOARD_CHARTS.length);
      expect(await paintsDark(page)).toBe(scheme === "dark");
      for (const name of DASHBOARD_CHARTS) await expectDrawn(chartIn(page, name), name);
      await screenshot(page, `charts-no-js-${width}-${scheme}`);

      await loadWarm(page, MODEL, 1);
      await expectDrawn(chartIn(page, "Latency over time"), "Latency over time");
      await screenshot(page, `charts-no-js-model-${width}-${scheme}`);
    });
  }
}

for (const path of ["/", MODEL]) {
  test(`hydration moves no mark: ${path}`, async ({ page, request }) => {
    await warm(request, path, path === "/" ? DASHBOARD_CHARTS.length : 1);
    // The scripts wait until the server's drawing has been measured.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route(CHUNK, async (route: Route) => {
      await gate;
      await route.continue();
    });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(path, { waitUntil: "domcontentloaded" });
    // A streamed section arrives in a hidden container and is moved into place by an inline script:
    // measured before that, its marks have no size at all.
    await page.waitForFunction(() => document.querySelector('div[hidden][id^="S:"]') === null);
    await expect(page.locator(MARKS).first()).toBeVisible();
    const before = await markBoxes(page);
    release();
    await hydrated(page);
    await page.waitForLoadState("networkidle");
    const after = await markBoxes(page);

    // Every chart the server drew is still there; a panel the server left to the browser (fal slower than
    // the page's budget) may add one, which is not what this compares.
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(1);
    for (const name of Object.keys(before)) expect(Object.keys(after), name).toContain(name);
    for (const [name, b] of Object.entries(before)) {
      const a = after[name]!;
      expect(a.marks.length, `${name}: mark count`).toBe(b.marks.length);
      for (const [key, v] of Object.entries(b.figure))
        expect(Math.abs(a.figure[key as keyof Box] - v), `${name}: figure ${key}`).toBeLessThanOrEqual(0.5);
      b.marks.forEach((m, i) => {
        for (const [key, v] of Object.entries(m))
          expect(
            Math.abs(a.marks[i]![key as keyof Box] - v),
            `${name}: mark ${i} ${key}`,
          ).toBeLessThanOrEqual(0.5);
      });
    }
  });
}

/** The screen-reader table of a figure: header row and body rows as text cells. */
async function tableOf(figure: Locator): Promise<{ columns: string[]; rows: string[][] }> {
  return figure.locator("table").evaluate((t) => ({
    columns: [...t.querySelectorAll("thead th")].map((c) => c.textContent ?? ""),
    rows: [...t.querySelectorAll("tbody tr")].map((r) =>
      [...r.querySelectorAll("th, td")].map((c) => c.textContent ?? ""),
    ),
  }));
}

const cents = (money: string) => Math.round(Number(money.replace(/[^0-9.-]/g, "")) * 100);
const count = (n: string) => Number(n.replace(/,/g, ""));

test("hover shows a bucket's costs, top of the stack first, adding up to its total", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  await hydrated(page);
  const figure = chartIn(page, "Cost over time");
  await figure.scrollIntoViewIfNeeded();
  const { columns, rows } = await tableOf(figure);
  const plot = figure.locator("[data-chart-plot]");
  const box = (await plot.boundingBox())!;

  // The second bucket: a finished one.
  const i = 1;
  await page.mouse.move(box.x + (box.width * (i + 0.5)) / rows.length, box.y + box.height / 2);
  const tooltip = figure.locator("[role=group] .shadow-md");
  await expect(tooltip).toBeVisible();
  const row = rows[i]!;
  await expect(tooltip.locator("p").first()).toHaveText(row[0]!);
  const models = columns.slice(1, -1);
  const values = row.slice(1, -1);
  const shown = models
    .map((name, k) => ({ name, value: values[k]! }))
    .filter((m) => cents(m.value) !== 0)
    .reverse();
  await expect(tooltip.locator("li")).toHaveText(
    shown.map((m) => new RegExp(`${escape(m.name)}\\s*${escape(m.value)}`)),
  );
  // The total is the sum of the models' amounts, to the cent (each rounded amount within half a cent).
  const total = row[row.length - 1]!;
  await expect(tooltip.getByText("Total").locator("..")).toContainText(total);
  expect(Math.abs(values.reduce((a, v) => a + cents(v), 0) - cents(total))).toBeLessThanOrEqual(
    values.length / 2,
  );

  // The last bucket is today's, still filling, and says so.
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
  await expect(tooltip.locator("p").first()).toHaveText(rows[rows.length - 1]![0]!);
  await expect(tooltip.locator("p").first()).toContainText("(so far)");
  await screenshot(page, "charts-cost-tooltip");
  await expectAccessible(page, "cost tooltip open");

  await page.mouse.move(box.x + box.width / 2, box.y - 60);
  await expect(tooltip).toHaveCount(0);
});

test("the keyboard steps through the requests chart and reads each bucket", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  await hydrated(page);
  const figure = chartIn(page, "Requests and errors");
  const { rows } = await tableOf(figure);
  const plot = figure.getByRole("group", { name: /arrow keys/ });
  const tooltip = figure.locator("[role=group] .shadow-md");
  const live = figure.locator("[aria-live=polite]");

  const expectBucket = async (i: number) => {
    const [label, requests, user, server] = rows[i]!;
    await expect(tooltip.locator("p").first()).toHaveText(label!);
    const r = count(requests!);
    const u = count(user!);
    const s = count(server!);
    // The error rate, computed here: (4xx + 5xx) / requests, to one decimal.
    const rate = `${((100 * (u + s)) / r).toFixed(1).replace(/\.0$/, "")}%`;
    await expect(tooltip.locator("li")).toHaveText([
      new RegExp(`Error rate\\s*${escape(rate)}`),
      new RegExp(`5xx\\s*${escape(server!)}`),
      new RegExp(`4xx\\s*${escape(user!)}`),
      new RegExp(`Successful\\s*${escape((r - u - s).toLocaleString("en-US"))}`),
    ]);
    await expect(tooltip).toContainText(`Requests${requests}`);
    await expect(live).toContainText(`${label}: Error rate ${rate}`);
  };

  await plot.focus();
  await plot.press("Home");
  await expectBucket(0);
  await plot.press("ArrowRight");
  await expectBucket(1);
  await plot.press("End");
  await expectBucket(rows.length - 1);
  await screenshot(page, "charts-requests-keyboard");
  await expectAccessible(page, "requests tooltip open by keyboard");
  await plot.press("Escape");
  await expect(tooltip).toHaveCount(0);
  await expect(live).toHaveText("");
});

test("hover over the latency percentiles names the model and its durations", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  await hydrated(page);
  const figure = chartIn(page, "Latency percentiles");
  await figure.scrollIntoViewIfNeeded();
  const { columns, rows } = await tableOf(figure);
  const box = (await figure.locator("[data-chart-plot]").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / (2 * rows.length));
  const tooltip = figure.locator("[role=group] .shadow-md");
  const [model, ...durations] = rows[0]!;
  await expect(tooltip.locator("p").first()).toHaveText(model!);
  await expect(tooltip.locator("li")).toHaveText(
    columns
      .slice(1)
      .map((c, k) => ({ c, d: durations[k]! }))
      .filter(({ d }) => d !== "—" && d !== "0 ms")
      .map(({ c, d }) => new RegExp(`${escape(c)}\\s*${escape(d)}`)),
  );
  await screenshot(page, "charts-latency-tooltip");
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
