import { expect, screenshot, test } from "../support/fixtures";

test("the dashboard loads in Chromium", async ({ page }) => {
  const res = await page.goto("/");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/fal analytics/i);
  await screenshot(page, "smoke");
});
