import { expectAccessible } from "../support/axe";
import { expect, screenshot, test } from "../support/fixtures";

test("the dashboard loads in Chromium", async ({ page }) => {
  const res = await page.goto("/");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/fal analytics/i);
  await screenshot(page, "smoke");
});

test("a link with a bad zone or date still opens the dashboard; a notice says what was corrected", async ({
  page,
}) => {
  // The server render of both halves used to fail on such a shared link ("This page couldn't load").
  for (const q of ["?tz=Mars/Olympus", "?range=custom&from=2026-13-45"]) {
    await page.goto(`/${q}`);
    await expect(page.getByRole("heading", { name: "Event metrics" }), q).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("view-notice"), q).toHaveText(/Unknown time zone|not real dates/, {
      timeout: 20_000,
    });
    await expectAccessible(page, `notice for ${q}`);
  }
});
