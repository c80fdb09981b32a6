import type { Page } from "@playwright/test";
import { expectAccessible } from "../support/axe";
import { expect, refreshApp, screenshot, sim, test, useKey } from "../support/fixtures";
import { paintsDark } from "../support/theme";

/**
 * One spec per state a user can meet, each asserting what they see and saving a screenshot.
 * Event metrics must render in every one of them.
 */
async function expectEventMetrics(page: Page) {
  const panel = page.getByRole("region", { name: "Event metrics" });
  await expect(panel.getByText("Photos generated").first()).toBeVisible();
  await expect(panel.getByRole("figure")).toBeVisible();
  await expect(panel.getByRole("table", { name: /events in this range/i })).toBeVisible();
}

const aiPanel = (page: Page) => page.getByTestId("ai-panel");
const banner = (page: Page) => aiPanel(page).locator("[data-diagnosis]");

test("healthy ADMIN key: every view renders, no banner", async ({ page }) => {
  await page.goto("/");
  await expectEventMetrics(page);
  const ai = aiPanel(page);
  await expect(ai.getByText("Spend", { exact: true })).toBeVisible();
  await expect(ai.getByText(/^\$[\d,]+\.\d\d$/).first()).toBeVisible();
  await expect(ai.getByRole("figure", { name: /cost per day by model/i })).toBeVisible();
  await expect(ai.getByRole("figure", { name: /requests per day/i })).toBeVisible();
  await expect(ai.getByRole("table", { name: /billed usage per model/i })).toBeVisible();
  await expect(ai.getByText("unpriced").first()).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await screenshot(page, "state-healthy");
  await expectAccessible(page, "state-healthy");
});

test("legacy API-scope key: spend steps back, analytics stays, banner names the permission", async ({
  page,
}) => {
  useKey("api");
  await refreshApp();
  await page.goto("/");
  await expect(banner(page)).toHaveAttribute("data-diagnosis", "scope_insufficient");
  await expect(banner(page)).toContainText("The fal key lacks billing:usage:read");
  await expect(banner(page)).toContainText("The Read-only preset covers spend and balance");
  await expect(banner(page)).toContainText("FAL_ADMIN_KEY");
  await expect(banner(page)).toContainText("simapi-0…");
  await expect(banner(page)).toContainText("Event metrics are unaffected");
  const ai = aiPanel(page);
  await expect(ai.getByRole("figure", { name: /requests per day/i })).toBeVisible();
  await expect(ai.getByText(/^Spend/).first()).toBeVisible();
  await expect(ai.getByRole("figure", { name: /cost per day/i })).toHaveCount(0);
  await expectEventMetrics(page);
  await screenshot(page, "state-api-scope");
  await expectAccessible(page, "state-api-scope");
});

test("revoked key: one line under the banner says why; the sections keep their shape", async ({ page }) => {
  useKey("revoked");
  await refreshApp();
  await page.goto("/");
  await expect(banner(page)).toHaveAttribute("data-diagnosis", "key_rejected");
  await expect(aiPanel(page).getByText("AI performance is unavailable")).toBeVisible();
  await expect(aiPanel(page).getByRole("figure")).toHaveCount(0);
  await expectEventMetrics(page);
  await screenshot(page, "state-revoked");
  await expectAccessible(page, "state-revoked");
});

test("no key: the banner says which variable to set", async ({ page }) => {
  useKey("none");
  await refreshApp();
  await page.goto("/");
  await expect(banner(page)).toHaveAttribute("data-diagnosis", "key_missing");
  await expect(banner(page)).toContainText("FAL_ADMIN_KEY");
  await expect(banner(page)).toContainText("fal.ai/dashboard/keys");
  await expectEventMetrics(page);
  await screenshot(page, "state-no-key");
  await expectAccessible(page, "state-no-key");
});

test("fal 500 on usage only: spend steps back, analytics and balance render", async ({ page }) => {
  await sim.fault({ endpoint: "usage", status: 500 });
  await refreshApp();
  await page.goto("/");
  await expect(banner(page)).toHaveAttribute("data-diagnosis", "upstream_unavailable");
  const ai = aiPanel(page);
  await expect(ai.getByText("Credit balance")).toBeVisible();
  await expect(ai.getByRole("figure", { name: /requests per day/i })).toBeVisible();
  await expect(ai.getByRole("figure", { name: /cost per day/i })).toHaveCount(0);
  await expectEventMetrics(page);
  await screenshot(page, "state-usage-500");
  await expectAccessible(page, "state-usage-500");
});

test("fal slow (3 s) on analytics: skeleton first, then the chart, nothing else waits", async ({ page }) => {
  await sim.fault({ endpoint: "analytics", latency_ms: 3_000 });
  await refreshApp();
  await page.goto("/");
  const ai = aiPanel(page);
  await expect(ai.getByRole("status", { name: /loading requests/i })).toBeVisible();
  // Spend does not wait for analytics.
  await expect(ai.getByRole("figure", { name: /cost per day/i })).toBeVisible();
  await screenshot(page, "state-analytics-slow-loading");
  await expectAccessible(page, "state-analytics-slow-loading");
  await expect(ai.getByRole("figure", { name: /requests per day/i })).toBeVisible({ timeout: 15_000 });
  await expect(banner(page)).toHaveCount(0);
  await screenshot(page, "state-analytics-slow-done");
});

test("empty range: both halves say there is nothing, and why", async ({ page }) => {
  await page.goto("/?range=custom&from=2020-01-01&to=2020-01-07");
  await expect(page.getByText("No activity in this range")).toBeVisible();
  await expect(page.getByText("No fal spend in this range")).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await screenshot(page, "state-empty-range");
  await expectAccessible(page, "state-empty-range");
});

test("dark mode on a 390 px phone: nothing overflows sideways, every panel renders", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await expectEventMetrics(page);
  await expect(aiPanel(page).getByRole("figure", { name: /cost per day/i })).toBeVisible();
  // The system theme needs no class: the page is dark from its first paint.
  expect(await paintsDark(page)).toBe(true);
  await screenshot(page, "state-healthy-dark-mobile");
  await expectAccessible(page, "state-healthy-dark-mobile");
  const overflow = await page.evaluate(() => ({
    by: document.documentElement.scrollWidth - window.innerWidth,
    // Named in the failure message: what sticks out (screen-reader-only content is clipped, so not counted).
    offenders: [...document.querySelectorAll("body *")]
      .filter(
        (el) =>
          el.getBoundingClientRect().right > window.innerWidth + 1 &&
          !el.closest(".sr-only, .overflow-x-auto"),
      )
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  }));
  expect(overflow.by, overflow.offenders.join(", ")).toBeLessThanOrEqual(0);
});

test("the banner can be dismissed for the session and comes back when the cause changes", async ({
  page,
}) => {
  useKey("api");
  await refreshApp();
  await page.goto("/");
  await expect(banner(page)).toHaveAttribute("data-diagnosis", "scope_insufficient");
  await banner(page).getByRole("button", { name: "Dismiss for this session" }).click();
  await expect(banner(page)).toHaveCount(0);
  await page.reload();
  await expect(aiPanel(page).getByRole("figure", { name: /requests per day/i })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);

  useKey("revoked");
  await refreshApp();
  await page.reload();
  await expect(banner(page)).toHaveAttribute("data-diagnosis", "key_rejected");
});
