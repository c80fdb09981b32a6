import { SIM_KEYS } from "../fal-simulator/keys";
import { expectAccessible } from "../support/axe";
import { expect, screenshot, test, useKey } from "../support/fixtures";

test("keys page: key in use, inventory with age and spend, verify now, rotation checklist", async ({
  page,
}) => {
  await page.goto("/keys");
  await expect(page.getByRole("heading", { level: 1, name: "Keys" })).toBeVisible();
  await expect(page.getByTestId("key-verdict")).toContainText("Every view works");
  await expect(page.getByText("simadmin…4c6f").first()).toBeVisible();
  const inventory = page.getByRole("table", { name: "API keys" });
  await expect(inventory).toBeVisible();
  await expect(inventory.getByText("rotate").first()).toBeVisible();
  await expect(page.getByText("never delete the old key first", { exact: false })).toBeVisible();

  // Rotate to a legacy API-scope key while the page is open; "Verify now" shows the new verdict.
  useKey("api");
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByTestId("key-verdict")).toContainText("Legacy API scope: analytics and prices only");
  await screenshot(page, "keys-page-api-scope");
  await expectAccessible(page, "keys page, API-scope key");
  useKey("admin");
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByTestId("key-verdict")).toContainText("Every view works");
  await screenshot(page, "keys-page");
  await expectAccessible(page, "keys page, ADMIN key");

  const html = await page.content();
  for (const s of Object.values(SIM_KEYS)) expect(html).not.toContain(s);
});
