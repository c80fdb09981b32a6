import { expect, refreshApp, screenshot, test } from "../support/fixtures";

/**
 * The page is rendered on the server with every panel's data (lib/prefetch.ts). Once fal's answers are
 * cached, that includes the previous window, so the KPI deltas are in the HTML rather than popping in
 * after a second round of browser requests.
 */
test("a warm load's HTML already holds the KPI figures and their deltas", async ({ request }) => {
  await refreshApp();
  const cold = await request.get("/");
  expect(cold.status()).toBe(200);
  const html = await (await request.get("/")).text();

  for (const label of ["Photos generated", "Views", "Shares", "Spend", "Cost per photo", "Requests"]) {
    expect(html, label).toContain(`title="${label}"`);
  }
  // Events: photos, views, shares; AI: spend, cost per photo — each with its delta line.
  expect(html.match(/ vs previous</g)?.length ?? 0).toBeGreaterThanOrEqual(5);
  expect(html).not.toContain("Loading Photos generated");
  expect(html).not.toContain("Loading Spend");
});

test("a warm load in the browser paints every panel without asking the API again", async ({
  page,
  request,
}) => {
  await refreshApp();
  await request.get("/");
  const asked: string[] = [];
  page.on("request", (req) => {
    const { pathname } = new URL(req.url());
    if (/^\/api\/(ai|events)\//.test(pathname)) asked.push(pathname);
  });
  await page.goto("/");
  for (const name of ["Cost over time", "Requests and errors", "Latency percentiles"]) {
    await expect(page.locator(`section[aria-label="${name}"] svg[data-chart-plot]`)).toBeVisible();
  }
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByText("vs previous").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await screenshot(page, "first-paint-warm");
  expect(asked).toEqual([]);
});
