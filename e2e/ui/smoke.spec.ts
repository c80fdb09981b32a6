import { expect, screenshot, test, unexpectedConsoleErrors } from "../support/fixtures";

test("the dashboard loads in Chromium", async ({ page, consoleErrors }) => {
  const res = await page.goto("/");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/fal analytics/i);
  await screenshot(page, "smoke");
  expect(unexpectedConsoleErrors(consoleErrors)).toEqual([]);
});
