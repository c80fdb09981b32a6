import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { test as base, type Page } from "@playwright/test";
import { expectAccessible } from "../support/axe";
import { AUTH_APP_PORT, DASHBOARD_PASSWORD, KEY_FILE } from "../support/constants";
import { expect, screenshot, test, unexpectedConsoleErrors, useKey } from "../support/fixtures";
import { paintsDark } from "../support/theme";

/**
 * The pages and behaviours around the dashboard: not found, a failed render, login and setup, the skip
 * link, the theme, sign-out, the view carried between pages, and the model table's size — each checked
 * with axe in the states a reader meets them.
 */

const AUTH = `http://127.0.0.1:${AUTH_APP_PORT}`;
const modelTable = (page: Page) => page.getByRole("table", { name: /billed usage per model/i });

/** Console errors of a plain (non-fixture) test, minus those `expected` matches. */
function collectConsoleErrors(page: Page) {
  const errors: { text: string; url: string }[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push({ text: m.text(), url: m.location().url }));
  page.on("pageerror", (e) => errors.push({ text: `uncaught: ${e.message}`, url: page.url() }));
  return (expected: RegExp) => unexpectedConsoleErrors(errors).filter((e) => !expected.test(e));
}

// Not the auto fixture: a 404 page's own status is logged by the browser as a console error.
for (const scheme of ["light", "dark"] as const) {
  base(
    `not found, login and setup read well and pass axe (${scheme}, desktop and phone)`,
    async ({ page }) => {
      // Three pages at two widths, each through axe: longer than one page's budget on a loaded machine.
      base.setTimeout(180_000);
      const unexpected = collectConsoleErrors(page);
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        const res = await page.goto("/no-such-page");
        expect(res?.status()).toBe(404);
        await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
        await expect(page.getByRole("link", { name: "Back to the dashboard" })).toHaveAttribute("href", "/");
        expect(await paintsDark(page)).toBe(scheme === "dark");
        await expectAccessible(page, `not found, ${scheme}, ${width} px`);
        await screenshot(page, `edges-not-found-${scheme}-${width}`);

        await page.goto(`${AUTH}/login`);
        await expect(page.getByLabel("Password")).toBeVisible();
        expect(await paintsDark(page)).toBe(scheme === "dark");
        await expectAccessible(page, `login, ${scheme}, ${width} px`);
        await page.getByLabel("Password").fill("not-the-password");
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(page.getByText("That password is not right.")).toBeVisible();
        await expectAccessible(page, `login with an error, ${scheme}, ${width} px`);
        await screenshot(page, `edges-login-${scheme}-${width}`);

        await page.goto("/setup");
        await expect(
          page.getByRole("heading", { level: 1, name: "Protect this dashboard first" }),
        ).toBeVisible();
        expect(await paintsDark(page)).toBe(scheme === "dark");
        await expectAccessible(page, `setup, ${scheme}, ${width} px`);
        await screenshot(page, `edges-setup-${scheme}-${width}`);
      }
      expect(unexpected(/status of 404 .*\/no-such-page$/)).toEqual([]);
    },
  );
}

// Not the auto fixture: this test makes the server fail on purpose, and checks the console itself.
base(
  "a page whose server render throws shows our error page with a retry and a way home",
  async ({ page }) => {
    const unexpected = collectConsoleErrors(page);
    // A key file path that is a directory (what a container mount of a missing file creates): reading the
    // key throws while the page renders.
    rmSync(KEY_FILE, { force: true });
    mkdirSync(KEY_FILE);
    try {
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto("/keys");
        await expect(
          page.getByRole("heading", { level: 1, name: "This page could not be shown" }),
        ).toBeVisible();
        await expect(page.getByText("This page couldn't load")).toHaveCount(0);
        await expect(page.getByText(/^Reference: /)).toBeVisible();
        await expect(page.getByRole("link", { name: "Back to the dashboard" })).toHaveAttribute("href", "/");
        expect(await paintsDark(page)).toBe(scheme === "dark");
        await expectAccessible(page, `error page, ${scheme}`);
        await screenshot(page, `edges-error-${scheme}`);
      }
      // Fixed while the page is open: "Try again" renders the page.
      rmSync(KEY_FILE, { recursive: true });
      useKey("admin");
      await page.getByRole("button", { name: "Try again" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Keys" })).toBeVisible();
    } finally {
      rmSync(KEY_FILE, { recursive: true, force: true });
      useKey("admin");
    }
    // What the failure itself logs — the document's 500, or React's production report of a server render
    // error (#441) when the error comes after the response started — and nothing else.
    expect(
      unexpected(/Minified React error #441;|status of 500 \(Internal Server Error\) @ \S+\/keys$/),
    ).toEqual([]);
  },
);

base(
  "the skip link is the first stop on every page, visible on focus, and lands on the content",
  async ({ page }) => {
    const unexpected = collectConsoleErrors(page);
    for (const path of ["/", "/keys", "/setup", "/no-such-page", `${AUTH}/login`]) {
      await page.goto(path);
      // The login page puts the cursor in its only field; the skip link is the one stop before it.
      await page.keyboard.press(path.endsWith("/login") ? "Shift+Tab" : "Tab");
      const skip = page.getByRole("link", { name: "Skip to content" });
      await expect(skip, path).toBeFocused();
      const box = await skip.boundingBox();
      expect(box && box.width > 20 && box.height > 10 && box.y >= 0, `${path}: visible when focused`).toBe(
        true,
      );
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/#content$/);
      await expect(page.locator("main#content")).toHaveCount(1);
    }
    expect(unexpected(/status of 404 .*\/no-such-page$/)).toEqual([]);
  },
);

test("theme: light, dark or system, chosen on any page, rendered by the server without a flash", async ({
  page,
  context,
}) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/keys");
  const theme = page.getByRole("radiogroup", { name: "Theme" });
  await expect(theme.getByRole("radio", { name: "System" })).toHaveAttribute("aria-checked", "true");
  expect(await paintsDark(page)).toBe(true);

  await theme.getByRole("radio", { name: "Light" }).click();
  expect(await paintsDark(page)).toBe(false);
  // The server now renders the choice into the document itself: the first paint is light.
  const cookie = (await context.cookies()).find((c) => c.name === "theme");
  expect(cookie?.value).toBe("light");
  const html = await (await page.request.get("/")).text();
  expect(html).toMatch(/<html[^>]* class="[^"]*\blight\b/);
  await page.goto("/login");
  expect(await paintsDark(page)).toBe(false);

  await page.goto("/");
  await page.getByRole("radiogroup", { name: "Theme" }).getByRole("radio", { name: "Dark" }).click();
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/setup");
  expect(await paintsDark(page)).toBe(true);

  // Back to following the system.
  await page.goto("/keys");
  await page.getByRole("radiogroup", { name: "Theme" }).getByRole("radio", { name: "System" }).click();
  expect(await paintsDark(page)).toBe(false);
  expect((await context.cookies()).find((c) => c.name === "theme")).toBeUndefined();
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await paintsDark(page)).toBe(true);
});

test("sign-out: shown when a password is set, ends the session; absent on an open dashboard", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "fal analytics" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);

  await page.goto(`${AUTH}/login?next=%2Fkeys`);
  await page.getByLabel("Password").fill(DASHBOARD_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Keys" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto(`${AUTH}/`);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectAccessible(page, "dashboard behind a password, signed in");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${AUTH}/login`);
  await page.goto(`${AUTH}/`);
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
});

test("the Keys link and the way back keep the range, granularity and zone", async ({ page }) => {
  const view = "range=30d&granularity=week&tz=Asia%2FTokyo";
  await page.goto(`/?${view}`);
  await page.getByRole("link", { name: "Keys" }).click();
  await expect(page).toHaveURL(`/keys?${view}`);
  await page.getByRole("link", { name: "← Dashboard" }).click();
  await expect(page).toHaveURL(`/?${view}`);
  await expect(
    page.getByRole("radiogroup", { name: "Date range" }).getByRole("radio", { checked: true }),
  ).toHaveText("30 d");
});

test("cost per model: shows its size, all rows on demand, in print and in the CSV", async ({ page }) => {
  // What fal's usage holds for the default window, from the API rather than the page.
  const usage = (await (await page.request.get("/api/ai/usage?timezone=UTC")).json()) as {
    models: { endpoint_id: string }[];
  };
  const total = usage.models.length;
  expect(total).toBeGreaterThan(6);

  await page.goto("/");
  const table = modelTable(page);
  await expect(table).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(6);
  await expect(page.getByText(`6 of ${total} models`)).toBeVisible();
  await expectAccessible(page, "model table cut short");

  await page.getByRole("button", { name: "Show all" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(total);
  await expect(page.getByText(`All ${total} models`)).toBeVisible();
  // The header stays in view while the rows scroll under it.
  const header = table.locator("thead th").first();
  const before = await header.boundingBox();
  await table.locator("tbody tr").last().scrollIntoViewIfNeeded();
  expect((await header.boundingBox())?.y).toBeCloseTo(before!.y, 0);
  await page.getByRole("button", { name: "Show fewer" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(6);

  // The CSV has every row, and its name ends on the last day the window includes (today: it ends now).
  const download = page.waitForEvent("download");
  await page
    .locator('section[aria-label="Cost per model"]')
    .getByRole("button", { name: "Export CSV" })
    .click();
  const file = await download;
  const today = new Date().toISOString().slice(0, 10);
  expect(file.suggestedFilename()).toMatch(new RegExp(`^fal-usage_\\d{4}-\\d{2}-\\d{2}_${today}\\.csv$`));
  const csv = readFileSync((await file.path())!, "utf8")
    .trim()
    .split("\r\n");
  expect(csv.length - 1).toBe(total);
  // No float noise: no number with more than nine decimals.
  expect(csv.filter((line) => /\d\.\d{10,}/.test(line))).toEqual([]);

  // A printout holds every row too.
  await page.emulateMedia({ media: "print" });
  await expect(table.locator("tbody tr")).toHaveCount(total);
  await page.emulateMedia({ media: "screen" });
});

test("phones: every table's figures are on screen without scrolling sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  for (const [table, column] of [
    [modelTable(page), "Cost (billed)"],
    [page.getByRole("table", { name: /events in this range/i }), "Photos"],
  ] as const) {
    await table.scrollIntoViewIfNeeded();
    const cell = table.getByRole("columnheader", { name: column });
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width, `${column} fits in 390 px`).toBeLessThanOrEqual(390);
    const region = table.locator("xpath=..");
    expect(
      await region.evaluate((el) => el.scrollWidth - el.clientWidth),
      `${column}: no sideways scroll`,
    ).toBe(0);
  }
  await expectAccessible(page, "dashboard at 390 px");

  await page.goto("/keys");
  const keys = page.getByRole("table", { name: "API keys" });
  await expect(keys).toBeVisible();
  const spend = (await keys.getByRole("columnheader", { name: "Spend in range" }).boundingBox())!;
  expect(spend.x + spend.width, "Spend in range fits in 390 px").toBeLessThanOrEqual(390);
  await expectAccessible(page, "keys page at 390 px");
});
