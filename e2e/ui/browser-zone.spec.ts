import { expect, test } from "../support/fixtures";

/**
 * A reader whose browser sits in a zone that is neither the server's nor the dashboard's (UTC here):
 * Asia/Kolkata, a half-hour offset, so a time read in the wrong zone cannot pass by accident. The server
 * and the browser must render the same text (a hydration mismatch is a console error, and the auto
 * fixture fails on any), and every time on screen names the zone it is in.
 */
test.use({ timezoneId: "Asia/Kolkata" });

test("the dashboard and the keys page in another browser zone: no hydration error, times name their zone", async ({
  page,
}) => {
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toMatch(
    // Chromium reports the zone under its older name.
    /^Asia\/(Kolkata|Calcutta)$/,
  );

  for (const [query, zone] of [
    ["", /UTC$/],
    ["?tz=America%2FNew_York", /E[SD]T$/],
  ] as const) {
    await page.goto(`/${query}`);
    const ai = page.getByTestId("ai-panel");
    await expect(ai.getByText(/fetched \d{1,2}:\d{2}\s[AP]M /)).toBeVisible();
    expect(await ai.getByText(/fetched /).textContent()).toMatch(zone);

    const lastActivity = page
      .getByRole("table", { name: /events in this range/i })
      .locator("tbody tr td:last-child");
    await expect(lastActivity.first()).toBeVisible();
    const times = await lastActivity.allTextContents();
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t.trim()).toMatch(zone);

    await page.goto(`/keys${query}`);
    const checked = page.locator("dd").filter({ hasText: /\d{1,2}:\d{2}:\d{2}\s[AP]M/ });
    await expect(checked.first()).toBeVisible();
    expect((await checked.first().textContent())?.trim()).toMatch(zone);
  }
});
