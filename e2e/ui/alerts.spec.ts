import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "../../lib/alerts/receiver";
import { APP_PORT, SCREENSHOT_DIR, SIM_URL } from "../support/constants";
import { expectAccessible } from "../support/axe";
import { expect, screenshot, test } from "../support/fixtures";

/**
 * Alerts end to end: the empty page, a signed webhook and a monthly budget set just below this month's
 * spend (one notification, the right numbers, nothing on the next evaluation), a failing channel visible
 * in the history, and the dashboard with the firing line and an anomaly badge from a simulated spike.
 */

const APP = `http://127.0.0.1:${APP_PORT}`;
const SHOTS = process.env.ALERT_SHOTS_DIR;

async function api<T>(method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(APP + p, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (res.status === 204 ? null : await res.json()) as T;
}

async function clearAlerts() {
  const { rules } = await api<{ rules: { id: string }[] }>("GET", "/api/alerts/rules");
  for (const r of rules) await api("DELETE", `/api/alerts/rules/${r.id}`);
  const { channels } = await api<{ channels: { id: string }[] }>("GET", "/api/alerts/channels");
  for (const c of channels) await api("DELETE", `/api/alerts/channels/${c.id}`);
}

async function shot(page: Parameters<typeof screenshot>[0], name: string) {
  await screenshot(page, name);
  await expectAccessible(page, name);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(path.join(SCREENSHOT_DIR, `${name}.png`), path.join(SHOTS, `${name}.png`));
  }
}

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await clearAlerts();
  await receiver.close();
});

test("alerts: a budget just below this month's spend notifies once, signed, with the right numbers", async ({
  page,
}) => {
  await clearAlerts();
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  await expect(page.getByTestId("rules-empty")).toBeVisible();
  await shot(page, "alerts-empty");

  // A signed JSON webhook, added through the form; its secret is shown once.
  const channels = page.getByRole("form", { name: "Add channel" });
  await channels.getByLabel("Name").fill("Ops webhook");
  await channels.getByLabel("URL").fill(receiver.url);
  await channels.getByRole("button", { name: "Add channel" }).click();
  const secret = (await page.getByTestId("channel-secret").locator("code").nth(1).textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByTestId("channel-row")).toContainText("http://127.0.0.1:");
  await expect(page.getByTestId("channel-row")).not.toContainText("/hooks/alerts");

  // The month's spend so far, as the forecast route reports it; the budget is set so that it is 90 %.
  const forecast = await api<{ month: { spent: number } }>("GET", "/api/ai/forecast");
  const spent = forecast.month.spent;
  expect(spent).toBeGreaterThan(1);
  const amount = Math.round((spent / 0.9) * 100) / 100;
  await page.getByRole("button", { name: "Add rule" }).first().click();
  const form = page.getByRole("form", { name: "Add rule" });
  await form.getByLabel("Budget (USD)").fill(String(amount));
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByTestId("rule-row")).toContainText("warn at 80, 100 %");

  await page.getByRole("button", { name: "Evaluate now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Evaluated" })).toContainText("1 fired");
  await expect.poll(() => receiver.received.length).toBe(1);
  const hit = receiver.received[0]!;
  const body = new Webhook(secret).verify(hit.body, {
    "webhook-id": String(hit.headers["webhook-id"]),
    "webhook-timestamp": String(hit.headers["webhook-timestamp"]),
    "webhook-signature": String(hit.headers["webhook-signature"]),
  }) as { type: string; alert: { value: number; threshold: number; kind: string } };
  expect(body.type).toBe("alert.firing");
  expect(body.alert.kind).toBe("spend_budget");
  // Spend keeps growing while the spec runs (the simulator runs on the real clock): at least what was read.
  expect(body.alert.value).toBeGreaterThanOrEqual(spent - 0.005);
  expect(Math.abs(body.alert.threshold - amount * 0.8)).toBeLessThan(0.005);

  await page.getByRole("button", { name: "Evaluate now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Evaluated" })).toContainText("0 fired");
  expect(receiver.received).toHaveLength(1);

  // A channel nobody answers: its test fails, and the page says so.
  await channels.getByLabel("Name").fill("Dead end");
  await channels.getByLabel("URL").fill("http://127.0.0.1:59999/nobody/listens");
  await channels.getByRole("button", { name: "Add channel" }).click();
  await page
    .getByTestId("channel-row")
    .filter({ hasText: "Dead end" })
    .getByRole("button", { name: "Send test" })
    .click();
  await expect(page.getByText(/Test to "Dead end" failed/)).toBeVisible();
  await expect(page.getByTestId("history-row").first()).toContainText("Dead end: pending after 1 attempt");
  await expect(page.getByTestId("rule-row")).toContainText("firing");
  await shot(page, "alerts-firing-failing-channel");

  // Cross-site writes are refused like every other state-changing route.
  const forged = await fetch(`${APP}/api/alerts/rules`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: "https://evil.example" },
    body: JSON.stringify({ kind: "runway", name: "x", min_days: 1 }),
  });
  expect(forged.status).toBe(403);

  // A spike on one model: the dashboard shows the firing line and the anomaly badge.
  const now = Date.now();
  const spike = await fetch(`${SIM_URL}/_sim/spikes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      endpoint_id: "fal-ai/flux/dev",
      start: new Date(now - 30 * 3_600_000).toISOString(),
      end: new Date(now + 3_600_000).toISOString(),
      multiplier: 12,
    }),
  });
  expect(spike.status).toBe(200);
  await page.goto("/");
  await expect(page.getByTestId("firing-line")).toContainText("1 alert firing");
  await expect(page.getByTestId("anomaly-badge").first()).toContainText("× its usual day");
  await expect(page.getByTestId("ai-forecast")).toContainText("days");
  await shot(page, "dashboard-firing-anomaly");
});
