import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page, Response } from "@playwright/test";
import { expectAccessible } from "../support/axe";
import { SCREENSHOT_DIR } from "../support/constants";
import { expect, refreshApp, sim, test } from "../support/fixtures";
import { paintsDark } from "../support/theme";

/**
 * One window at a time. While a new range loads (fal slowed in the simulator), every figure on the page
 * either shows the chosen window or is marked as updating, never a mix passed off as one; a link asking
 * for something impossible renders a corrected view with a notice; presets draw what they say.
 * Figures carry their window in `data-window` and `data-updating` (components/dashboard/data-state.tsx).
 */

/** Where the pictures go: e2e/screenshots, or WINDOW_SHOTS_DIR to keep a set elsewhere. */
const SHOTS = process.env.WINDOW_SHOTS_DIR ?? path.join(SCREENSHOT_DIR, "windows");

type Figure = { window: string; updating: boolean; label: string };

/** Every figure's window, read in one browser task so nothing changes mid-read. */
function figures(page: Page): Promise<Figure[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("[data-window]")].map((el) => ({
      window: el.dataset.window ?? "",
      updating: el.dataset.updating === "true",
      label:
        el.closest("section")?.getAttribute("aria-label") ??
        el.querySelector("p[title]")?.getAttribute("title") ??
        "?",
    })),
  );
}

/** The invariant: the figures not marked as updating all show one window, and it is not an updating one. */
function checkOneWindow(list: Figure[], moment: string): string | null {
  const current = new Set(list.filter((f) => !f.updating).map((f) => f.window));
  expect([...current], `${moment}: figures not marked as updating show one window`).toHaveLength(
    Math.min(1, current.size),
  );
  const shown = [...current][0] ?? null;
  for (const f of list.filter((f) => f.updating)) {
    expect(f.window, `${moment}: ${f.label} is marked updating, so it shows another window`).not.toBe(shown);
  }
  return shown;
}

async function settled(page: Page) {
  await expect(page.locator('[data-updating="true"]')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
}

/** Samples the page every 250 ms until nothing is updating, checking the invariant each time. */
async function watch(page: Page, moment: string): Promise<{ sawUpdating: boolean; final: string | null }> {
  let sawUpdating = false;
  for (let i = 0; i < 120; i++) {
    const list = await figures(page);
    checkOneWindow(list, `${moment} +${i * 250} ms`);
    if (list.some((f) => f.updating)) sawUpdating = true;
    else if (list.length > 0 && i > 0 && (await page.locator('[aria-busy="true"]').count()) === 0) break;
    await page.waitForTimeout(250);
  }
  await settled(page);
  const final = checkOneWindow(await figures(page), `${moment}: settled`);
  return { sawUpdating, final };
}

/** The window id (start ms) of a UTC day range N days long ending today, as the API resolves it. */
function dayWindowStart(days: number): number {
  const today = new Date();
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1));
}

test("switching range and granularity while fal is slow never shows two windows as one", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await settled(page);
  const first = checkOneWindow(await figures(page), "first paint");
  expect(first?.split("/")[0]).toBe(String(dayWindowStart(7)));

  // Every fal call now takes 3 s; the event store still answers at once.
  await sim.fault({ endpoint: "*", latency_ms: 3_000 });
  await refreshApp();

  await page.getByRole("radio", { name: "90 d" }).click();
  await expect(page.getByTestId("window-label")).toContainText("today so far");
  // While fal is slow the AI panel still shows 7 days and says so, in words.
  await expect(
    page
      .getByTestId("ai-panel")
      .getByText(/^Updating — showing /)
      .first(),
  ).toBeVisible();
  const ninety = await watch(page, "7 d → 90 d");
  expect(ninety.sawUpdating).toBe(true);
  expect(ninety.final?.split("/")[0]).toBe(String(dayWindowStart(90)));
  expect(ninety.final?.endsWith("/day")).toBe(true);

  // Hourly over 90 days is more buckets than the API serves: offered disabled, with the reason.
  const hour = page.getByLabel("Granularity").locator('option[value="hour"]');
  await expect(hour).toBeDisabled();
  await expect(hour).toHaveAttribute("title", /Hourly buckets over 90 days would be too many/);

  await page.getByRole("radio", { name: "7 d" }).click();
  await watch(page, "90 d → 7 d");
  await page.getByLabel("Granularity").selectOption("hour");
  const hourly = await watch(page, "day → hour");
  expect(hourly.final?.endsWith("/hour")).toBe(true);
  expect(hourly.final?.split("/")[0]).toBe(String(dayWindowStart(7)));
});

const INVALID = [
  {
    search: "?range=90d&granularity=hour",
    notice: /Hourly buckets over 90 days would be too many.*showing daily/,
  },
  { search: "?range=custom&from=2026-11-20&to=2026-11-10", notice: /“To” was before “From”/ },
  { search: "?range=15d", notice: /Unknown range “15d”; showing the last 7 days/ },
  { search: "?range=custom&from=0002-01-01&to=2026-01-10", notice: /not real dates/ },
  { search: "?tz=Mars%2FOlympus", notice: /Unknown time zone “Mars\/Olympus”/ },
];

for (const { search, notice } of INVALID) {
  test(`a link asking for the impossible (${search}) renders a corrected view with a notice`, async ({
    page,
  }) => {
    const refused: string[] = [];
    const onResponse = (r: Response) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
    };
    page.on("response", onResponse);
    const res = await page.goto(`/${search}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByTestId("view-notice")).toHaveText(notice);
    await settled(page);
    // The corrected view has data, and nothing on the page was refused or failed.
    await expect(
      page.getByRole("region", { name: "Event metrics" }).locator("svg[data-chart-plot]"),
    ).toBeVisible();
    const html = await page.content();
    expect(html).not.toMatch(/Application error|Internal Server Error|\n\s+at \S+ \(/);
    expect(refused).toEqual([]);
    checkOneWindow(await figures(page), search);
  });
}

test("typing custom dates fetches nothing until Enter, and replaces the history entry", async ({ page }) => {
  await page.goto("/?range=custom&from=2026-11-01&to=2026-11-10");
  await settled(page);
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/events/metrics")) asked.push(r.url());
  });
  const before = await page.evaluate(() => history.length);
  const from = page.getByRole("textbox", { name: "From", exact: true });
  // A year typed digit by digit passes through 0002, 0020 and 0202: each a change event.
  for (const year of ["0002", "0020", "0202", "2026"]) await from.fill(`${year}-11-05`);
  await expect(page.getByTestId("dates-problem")).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(asked, "no request while typing").toEqual([]);
  await from.press("Enter");
  await expect(page).toHaveURL(/from=2026-11-05/);
  await settled(page);
  expect(asked.length).toBeGreaterThan(0);
  // The applied window (and the window before it, for the deltas); none of the half-typed years.
  expect(asked.some((u) => u.includes("start=2026-11-05&end=2026-11-11"))).toBe(true);
  expect(asked.filter((u) => /start=0|start=020/.test(u))).toEqual([]);
  expect(await page.evaluate(() => history.length)).toBe(before);

  // To before From: said, not applied, nothing fetched.
  asked.length = 0;
  await page.getByRole("textbox", { name: "To", exact: true }).fill("2026-11-01");
  await page.getByRole("textbox", { name: "To", exact: true }).press("Enter");
  await expect(page.getByTestId("dates-problem")).toHaveText(/before “From”; not applied/);
  await page.waitForTimeout(300);
  expect(asked).toEqual([]);
  await expect(page).toHaveURL(/to=2026-11-10/);
});

test("the current bucket is marked as partial and buckets that have not begun are not drawn", async ({
  page,
}) => {
  await page.goto("/?range=7d&granularity=hour");
  await settled(page);
  const events = page.getByRole("region", { name: "Event metrics" });
  const activity = events.getByRole("figure", { name: /activity per hour/i });
  await expect(activity.getByText("Still filling (so far)")).toBeVisible();
  // The figure's table has one row per hour begun: six whole days and today's hours so far.
  const rows = activity.locator("tbody tr");
  const now = new Date();
  await expect(rows).toHaveCount(6 * 24 + now.getUTCHours() + 1);
  await expect(rows.last().locator("th")).toHaveText(/\(so far\)$/);
  await expect(rows.nth(-2).locator("th")).not.toHaveText(/so far/);
});

const VARIANTS = [
  { name: "1280-light", width: 1280, height: 800, scheme: "light" },
  { name: "1280-dark", width: 1280, height: 800, scheme: "dark" },
  { name: "390-light", width: 390, height: 844, scheme: "light" },
  { name: "390-dark", width: 390, height: 844, scheme: "dark" },
] as const;

// Pictures for a person to look at, each state also checked by axe.
for (const v of VARIANTS) {
  test(`screenshots ${v.name}: updating, notice, partial buckets, latency`, async ({ page }) => {
    test.setTimeout(120_000);
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize({ width: v.width, height: v.height });
    await page.emulateMedia({ colorScheme: v.scheme });
    const open = async (url: string) => {
      await page.goto("about:blank");
      await page.goto(url);
      expect(await paintsDark(page)).toBe(v.scheme === "dark");
      await settled(page);
    };

    await open("/?range=90d&granularity=hour");
    await expect(page.getByTestId("view-notice")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/notice-${v.name}.png` });
    await expectAccessible(page, `notice, ${v.name}`);

    await open("/?range=24h");
    await page
      .getByRole("region", { name: "Event metrics" })
      .screenshot({ path: `${SHOTS}/partial-events-${v.name}.png` });
    await page.getByTestId("ai-panel").screenshot({ path: `${SHOTS}/partial-ai-${v.name}.png` });

    await open("/");
    await page
      .locator('section[aria-label="Latency percentiles"]')
      .screenshot({ path: `${SHOTS}/latency-${v.name}.png` });

    await sim.fault({ endpoint: "*", latency_ms: 4_000 });
    await refreshApp();
    await page.getByRole("radio", { name: "90 d" }).click();
    await expect(
      page
        .getByTestId("ai-panel")
        .getByText(/^Updating — showing /)
        .first(),
    ).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/updating-${v.name}.png`, fullPage: true });
    await expectAccessible(page, `updating, ${v.name}`);
    await sim.reset();
  });
}
