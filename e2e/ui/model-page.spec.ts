import { SIM_URL } from "../support/constants";
import { expectAccessible } from "../support/axe";
import { expect, refreshApp, screenshot, sim, test, useKey } from "../support/fixtures";

/**
 * The model page: reached from the dashboard's model table with the dashboard's view, its states (healthy,
 * a key that may not read billing events, fal's insights missing), the way back, and the reconciliation
 * page with its CSV. Screenshots are for a person to look at.
 */

const VIEW = "range=30d&tz=Europe%2FBerlin";
const MODEL = "/models/fal-ai/flux/dev";

test("from the dashboard to a model and back, with the same view", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/?${VIEW}`);
  const link = page.getByRole("link", { name: "FLUX.1 [dev]" }).first();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${MODEL}\\?.*range=30d`));
  await expect(page).toHaveURL(/tz=Europe%2FBerlin/);
  await expect(page.getByRole("heading", { level: 1, name: "FLUX.1 [dev]" })).toBeVisible();

  const requests = page.getByRole("region", { name: "Requests" });
  await expect(requests.getByRole("row")).toHaveCount(26); // header + 25
  // Costs joined, to fal's precision: a succeeded flux/dev request costs $0.025 at list price.
  await expect(requests.getByRole("cell", { name: "$0.025", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Is it us or fal?" }).getByText("fal-wide")).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Latency over time" }).locator("svg[data-chart-plot]"),
  ).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await screenshot(page, "model-healthy");
  await expectAccessible(page, "model-healthy");

  // Filters and fal's cursor.
  await requests.getByRole("radio", { name: "Slowest" }).click();
  await requests.getByRole("button", { name: "Next" }).click();
  await expect(requests.getByText("Page 2")).toBeVisible();
  await expect(requests.getByRole("row")).toHaveCount(26);

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/\\?${VIEW.replace("%2F", "%2F")}$`));
  await expect(page.getByRole("radio", { name: /30/ })).toBeChecked();

  await page.goto(`${MODEL}?${VIEW}`);
  await page.getByRole("link", { name: "← Dashboard" }).click();
  await expect(page).toHaveURL(/\/\?.*range=30d.*tz=Europe%2FBerlin/);
});

test("a model's name on the dashboard's charts leads to its page, with the same view", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/?${VIEW}`);
  // The latency chart's axis label, by keyboard: an SVG link named by the model's full display name.
  const latency = page.getByRole("region", { name: "Latency percentiles" });
  const label = latency.getByRole("link", { name: "FLUX.1 [dev]", exact: true });
  await label.focus();
  await expect(label).toBeFocused();
  await screenshot(page, "chart-label-focused");
  // `press` focuses the label as it is now: the chart may have redrawn its ticks since the screenshot.
  await label.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${MODEL}\\?.*range=30d`));
  await expect(page).toHaveURL(/tz=Europe%2FBerlin/);
  await expect(page.getByRole("heading", { level: 1, name: "FLUX.1 [dev]" })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/\\?${VIEW}$`));
  await expect(page.getByRole("radio", { name: /30/ })).toBeChecked();
  await expect(latency.getByRole("link", { name: "FLUX.1 [dev]", exact: true })).toBeVisible();

  // The cost chart's legend: every model links to its page, the folded "Other" does not.
  const legend = page.getByRole("region", { name: "Cost over time" }).getByRole("listitem");
  await expect(legend.filter({ hasText: /^Other/ }).getByRole("link")).toHaveCount(0);
  await legend.getByRole("link", { name: "FLUX.1 [dev]", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${MODEL}\\?.*range=30d`));
  await expect(page.getByRole("heading", { level: 1, name: "FLUX.1 [dev]" })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/\\?${VIEW}$`));
});

test("a key that may not read billing events: requests listed, the permission named", async ({ page }) => {
  useKey("api");
  await refreshApp();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${MODEL}?${VIEW}`);
  const requests = page.getByRole("region", { name: "Requests" });
  await expect(requests.getByRole("row")).toHaveCount(26);
  await expect(requests.getByRole("note")).toContainText("billing:usage:read");
  await expect(requests.getByRole("note")).toContainText("Read-only, Billing or Full");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await screenshot(page, "model-no-billing-permission");
  await expectAccessible(page, "model-no-billing-permission");
});

test("fal's insights missing only hide the comparison", async ({ page }) => {
  await sim.fault({ endpoint: "insights", status: 404 });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${MODEL}?${VIEW}`);
  await expect(page.getByRole("region", { name: "Is it us or fal?" })).toContainText(
    "No comparison with fal",
  );
  await expect(page.getByRole("region", { name: "Requests" }).getByRole("row")).toHaveCount(26);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await screenshot(page, "model-no-insights");
  await expectAccessible(page, "model-no-insights");
});

test("reconciliation: the injected discrepancy flagged, a FOCUS CSV to download", async ({ page }) => {
  await fetch(`${SIM_URL}/_sim/billing-gap`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ endpoint_id: "fal-ai/flux/schnell" }),
  });
  await refreshApp();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/reconciliation?range=7d`);
  const flagged = page.getByRole("row").filter({ has: page.getByText("flagged", { exact: true }) });
  await expect(flagged).toHaveCount(1);
  await expect(flagged).toContainText("fal-ai/flux/schnell");
  await screenshot(page, "reconciliation");
  await expectAccessible(page, "reconciliation");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export FOCUS CSV" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const csv = readFileSync(file, "utf8");
  expect(csv.split("\r\n")[0]).toContain("BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart");
  expect(csv).toContain("fal-ai/flux/schnell");
});
