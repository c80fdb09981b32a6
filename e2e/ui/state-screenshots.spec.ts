import type { Page } from "@playwright/test";
import { expectAccessible } from "../support/axe";
import {
  expect,
  refreshApp,
  screenshot,
  sim,
  test,
  unexpectedConsoleErrors,
  useKey,
} from "../support/fixtures";
import { paintsDark } from "../support/theme";

/**
 * A picture of each state a reader meets — healthy, loading, fal partly down, fal down, no key — at
 * desktop and phone width, in light and dark, for a person to look at. The assertions only make sure
 * each picture shows the state it is named after.
 */
const VARIANTS = [
  { name: "desktop-light", width: 1280, height: 800, scheme: "light" },
  { name: "desktop-dark", width: 1280, height: 800, scheme: "dark" },
  { name: "phone-light", width: 390, height: 844, scheme: "light" },
  { name: "phone-dark", width: 390, height: 844, scheme: "dark" },
] as const;

const aiPanel = (page: Page) => page.getByTestId("ai-panel");
const banner = (page: Page) => aiPanel(page).locator("[data-diagnosis]");

for (const v of VARIANTS) {
  test(`screenshots, ${v.name}: healthy, loading, usage down, fal down, no key`, async ({
    page,
    consoleErrors,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: v.width, height: v.height });
    await page.emulateMedia({ colorScheme: v.scheme });
    const load = async () => {
      // A fresh document each time: a reload of the same URL would restore the previous state's scroll.
      await page.goto("about:blank");
      await page.goto("/");
      // The system theme is CSS alone: the very first paint already has the scheme's colours.
      expect(await paintsDark(page)).toBe(v.scheme === "dark");
      // Event metrics render in every state, their chart drawn in the server's HTML.
      const events = page.getByRole("region", { name: "Event metrics" });
      await expect(events.locator("svg[data-chart-plot]")).toBeVisible();
    };

    await load();
    await expect(aiPanel(page).locator("svg[data-chart-plot]").first()).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await screenshot(page, `ui-healthy-${v.name}`);
    await expectAccessible(page, `healthy, ${v.name}`);

    // Cached answers dropped first: the slow fal then meets the page's own requests.
    await refreshApp();
    await sim.fault({ endpoint: "*", latency_ms: 4_000 });
    await load();
    await expect(
      aiPanel(page)
        .getByRole("status", { name: /^loading/i })
        .first(),
    ).toBeVisible();
    await screenshot(page, `ui-loading-${v.name}`);
    await expectAccessible(page, `loading, ${v.name}`);
    await sim.reset();

    await sim.fault({ endpoint: "usage", status: 500 });
    await refreshApp();
    await load();
    await expect(banner(page)).toHaveAttribute("data-diagnosis", "upstream_unavailable");
    await expect(aiPanel(page).getByRole("figure", { name: /requests per day/i })).toBeVisible();
    await screenshot(page, `ui-usage-down-${v.name}`);
    await expectAccessible(page, `usage-down, ${v.name}`);
    await sim.reset();

    await sim.fault({ endpoint: "*", status: 503 });
    await refreshApp();
    await load();
    await expect(banner(page)).toHaveAttribute("data-diagnosis", "upstream_unavailable");
    await expect(aiPanel(page).getByText("AI performance is unavailable")).toBeVisible();
    await screenshot(page, `ui-fal-down-${v.name}`);
    await expectAccessible(page, `fal-down, ${v.name}`);
    await sim.reset();

    useKey("none");
    await refreshApp();
    await load();
    await expect(banner(page)).toHaveAttribute("data-diagnosis", "key_missing");
    await screenshot(page, `ui-no-key-${v.name}`);
    await expectAccessible(page, `no-key, ${v.name}`);

    expect(unexpectedConsoleErrors(consoleErrors)).toEqual([]);
  });
}
