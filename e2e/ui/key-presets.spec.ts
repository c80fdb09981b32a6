import type { Page } from "@playwright/test";
import { expect, refreshApp, screenshot, test, useKey } from "../support/fixtures";

/**
 * The dashboard and the Keys page under each kind of fal key (docs/fal-api-notes.md, "Keys and
 * permissions"): legacy ADMIN, the Read-only, Billing and API presets, and a custom policy whose refusal
 * names the permission or is a bare "Access denied". What works renders; what does not names the
 * missing permission and the least-privileged preset that grants it, once.
 */
const aiPanel = (page: Page) => page.getByTestId("ai-panel");
const banner = (page: Page) => aiPanel(page).locator("[data-diagnosis]");
const inventory = (page: Page) => page.getByRole("region", { name: "API keys on this fal account" });

async function expectSpendViews(page: Page) {
  const ai = aiPanel(page);
  await expect(ai.getByRole("figure", { name: /cost per day by model/i })).toBeVisible();
  await expect(ai.getByRole("figure", { name: /requests per day/i })).toBeVisible();
  await expect(ai.getByRole("table", { name: /billed usage per model/i })).toBeVisible();
}

/** The words a user reads, each exactly once in the banner. */
async function expectOnce(page: Page, phrases: string[]) {
  const text = (await banner(page).innerText()).replace(/\s+/g, " ");
  for (const p of phrases) expect(text.split(p).length - 1, `"${p}" in: ${text}`).toBe(1);
}

for (const [key, title] of [
  ["admin", "legacy ADMIN"],
  ["billing", "Billing preset"],
  ["full", "Full preset"],
] as const) {
  test(`${title}: every view, the inventory, no banner`, async ({ page }) => {
    useKey(key);
    await refreshApp();
    await page.goto("/");
    await expectSpendViews(page);
    await expect(banner(page)).toHaveCount(0);
    await screenshot(page, `preset-${key}-dashboard`);
    await page.goto("/keys");
    await expect(page.getByTestId("key-verdict")).toContainText("Every view works");
    await expect(inventory(page).getByRole("table", { name: "API keys" })).toBeVisible();
    // fal's list holds only API-preset keys: the page says the one in use is not among them.
    await expect(page.getByTestId("inventory-scope-note")).toContainText("is never among them");
    await screenshot(page, `preset-${key}-keys`);
  });
}

test("Read-only preset: every dashboard view; on the Keys page one note on the inventory", async ({
  page,
}) => {
  useKey("readonly");
  await refreshApp();
  await page.goto("/");
  await expectSpendViews(page);
  await expect(aiPanel(page).getByText("Credit balance")).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await screenshot(page, "preset-readonly-dashboard");

  await page.goto("/keys");
  await expect(page.getByTestId("key-verdict")).toContainText(
    "Partial: the key inventory needs auth:keys:read. The Billing preset makes every view work.",
  );
  await expect(page.getByTestId("key-permissions")).toContainText("billing:usage:read: granted");
  await expect(page.getByTestId("key-permissions")).toContainText("auth:keys:read: missing");
  await expect(page.getByTestId("inventory-permission-note")).toHaveText(
    "The key inventory needs auth:keys:read: Billing or Full preset, or a legacy ADMIN key. Spend, balance and analytics do not depend on it.",
  );
  await expect(inventory(page).getByRole("table")).toHaveCount(0);
  // No warning box, no machine codes: human words only.
  await expect(page.locator("main")).not.toContainText("scope_insufficient");
  await screenshot(page, "preset-readonly-keys");

  const res = await page.request.get("/api/ai/keys");
  expect(res.status()).toBe(502);
  expect((await res.json()).error).toMatchObject({
    code: "scope_insufficient",
    required_permission: "auth:keys:read",
    presets: ["BILLING", "FULL"],
  });
});

const REFUSED_SPEND = [
  ["apiPreset", "API preset"],
  ["customNamed", "custom policy whose refusal names the permission"],
  ["customBare", "custom policy refused with a bare Access denied"],
] as const;

for (const [key, title] of REFUSED_SPEND) {
  test(`${title}: spend, balance and cost per photo step back naming billing:usage:read; analytics render`, async ({
    page,
  }) => {
    useKey(key);
    await refreshApp();
    await page.goto("/");
    await expect(banner(page)).toHaveAttribute("data-permission", "billing:usage:read");
    // The list grows as each refused answer arrives (a prefetch that missed its budget is fetched again).
    await expect(banner(page)).toContainText(
      "Affected: spend and per-model costs, credit balance, cost per photo.",
    );
    await expectOnce(page, [
      "The fal key lacks billing:usage:read",
      "The Read-only preset covers spend and balance (Billing and Full do too)",
      "a legacy ADMIN key works as well",
      "Event metrics are unaffected.",
      "Affected: spend and per-model costs, credit balance, cost per photo.",
    ]);
    // Nothing on screen is stale, so the banner does not claim to show the last good data.
    await expect(banner(page)).not.toContainText("last good data");
    // The key file is read on every request: the banner says reload, not restart, for it.
    await expect(banner(page)).toContainText("write it to the FAL_ADMIN_KEY_FILE file and reload the page");
    await expect(banner(page)).not.toContainText("restart");
    const ai = aiPanel(page);
    await expect(ai.getByRole("figure", { name: /requests per day/i })).toBeVisible();
    await expect(ai.getByRole("figure", { name: /cost per day/i })).toHaveCount(0);
    await expect(ai.getByText("the fal key lacks billing:usage:read").first()).toBeVisible();
    await screenshot(page, `preset-${key}-dashboard`);
  });
}

test("keyboard: Dismiss moves focus to the panel heading; Verify now to its result or, once fixed, the heading", async ({
  page,
}) => {
  useKey("apiPreset");
  await refreshApp();
  await page.goto("/");
  const verify = banner(page).getByRole("button", { name: "Verify now" });
  await verify.focus();
  await page.keyboard.press("Enter");
  const result = banner(page).getByTestId("banner-result");
  await expect(result).toBeFocused();
  await expect(result).toHaveText("Checked just now: the fal key lacks billing:usage:read.");
  await screenshot(page, "banner-verify-still-refused");

  // The key is fixed (the file is rewritten): Verify now reloads the views and focus lands on the heading.
  useKey("readonly");
  await verify.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "AI performance" })).toBeFocused();
  await expect(banner(page)).toHaveCount(0);
  await expect(aiPanel(page).getByRole("figure", { name: /cost per day/i })).toBeVisible();

  useKey("apiPreset");
  await refreshApp();
  await page.reload();
  await banner(page).getByRole("button", { name: "Dismiss for this session" }).focus();
  await page.keyboard.press("Enter");
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "AI performance" })).toBeFocused();
});

test("keyboard: the Keys page's Verify now moves focus to its result line", async ({ page }) => {
  await page.goto("/keys");
  await expect(page.getByTestId("key-verdict")).toContainText("Every view works");
  useKey("readonly");
  await page.getByRole("button", { name: "Verify now" }).focus();
  await page.keyboard.press("Enter");
  const result = page.getByTestId("verify-result");
  await expect(result).toBeFocused();
  await expect(result).toHaveText(
    "Checked just now: Partial: the key inventory needs auth:keys:read. The Billing preset makes every view work.",
  );
});
