import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";
import { sql } from "drizzle-orm";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTraffic } from "@/e2e/fal-simulator/data";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";
import { FIXED_NOW, simulatorForSuite } from "@/e2e/fal-simulator/testing";
import { ENDPOINTS } from "@/e2e/fal-simulator/world";
import { MAX_ATTEMPTS, deliverDue } from "@/lib/alerts/deliver";
import { evaluateAndDeliver } from "@/lib/alerts/evaluate";
import { startReceiver, type Receiver } from "@/lib/alerts/receiver";
import { createChannel, createRule, listEvents, updateRule } from "@/lib/alerts/store";
import { clearAlerts } from "@/lib/alerts/testing";
import type { WebhookBody } from "@/lib/contracts/alerts";
import { clearFalCache } from "@/lib/fal/cache";
import { storeForSuite, testEngines } from "@/lib/events/test-engines";

/**
 * Evaluation and delivery against the simulator (clock pinned at FIXED_NOW, 2026-11-10T15:20:30Z, UTC
 * dashboard), a real webhook receiver and a real SMTP server, on each engine. The month's spend is summed
 * straight from the simulator's pure data module, so budgets are set around a figure the code did not make.
 */

const sim = simulatorForSuite();
const traffic = createTraffic(42);
const saved = { ...process.env };
let receiver: Receiver;
let smtp: SMTPServer;
const mails: { to: string; subject: string; text: string }[] = [];

/** Billed spend of November up to FIXED_NOW, from the generated hours. */
function monthSpend(): number {
  let total = 0;
  for (const hour of traffic.eventsInRange(Date.parse("2026-11-01T00:00:00Z"), FIXED_NOW + 1, FIXED_NOW)) {
    const endpoint = ENDPOINTS[hour.endpointIndex]!;
    for (const line of hour.usage) {
      const v = endpoint.variants[line.variant]!;
      total += line.quantity * v.unit_price * (1 - (v.percent_discount ?? 0) / 100);
    }
  }
  return total;
}

beforeAll(async () => {
  receiver = await startReceiver();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((m) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(","),
            subject: m.subject ?? "",
            text: m.text ?? "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  process.env.FAL_API_BASE_URL = `${sim.url}/v1`;
  process.env.FAL_ADMIN_KEY = SIM_KEYS.admin;
  process.env.DASHBOARD_TIMEZONE = "UTC";
  process.env.DASHBOARD_URL = "https://dash.example.com";
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.env.ALERTS_FROM = "Dashboard <alerts@example.com>";
});
afterAll(async () => {
  process.env = saved;
  await receiver.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const bodies = () => receiver.received.map((r) => JSON.parse(r.body) as WebhookBody);

// Each case asks fal (the simulator) for a few reports afresh: generous under a loaded CI machine.
describe.each(testEngines())("alert evaluation on $name", { timeout: 120_000 }, (engine) => {
  const store = storeForSuite(engine, { asAppStore: true });
  beforeEach(async () => {
    await clearAlerts(store);
    clearFalCache();
    await sim.control("POST", "/_sim/reset");
    receiver.received.length = 0;
    receiver.status = 200;
    receiver.hang = false;
    mails.length = 0;
  });

  it("a budget just below the month's spend fires once with a valid signature, re-fires at 100 %, resolves", async () => {
    const spent = monthSpend();
    expect(spent).toBeGreaterThan(100);
    const channel = await createChannel({ type: "webhook", name: "Ops", url: receiver.url, format: "json" });
    // Spent is 90 % of the amount: the 80 % threshold is crossed, the 100 % one is not.
    const rule = await createRule({
      kind: "spend_budget",
      name: "November",
      enabled: true,
      channel_ids: [channel.id],
      period: "month",
      amount: spent / 0.9,
      thresholds_percent: [80, 100],
      forecast: false,
    });

    const first = await evaluateAndDeliver(FIXED_NOW);
    expect(first.errors).toEqual([]);
    expect(first.fired).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    // The receiver checks what any Standard Webhooks consumer checks, with the secret shown at creation.
    const verified = new Webhook(channel.secret!).verify(hit!.body, {
      "webhook-id": String(hit!.headers["webhook-id"]),
      "webhook-timestamp": String(hit!.headers["webhook-timestamp"]),
      "webhook-signature": String(hit!.headers["webhook-signature"]),
    }) as WebhookBody;
    expect(String(hit!.headers["webhook-signature"])).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(verified.type).toBe("alert.firing");
    expect(verified.alert).toMatchObject({
      rule_id: rule.id,
      rule_name: "November",
      kind: "spend_budget",
      state: "firing",
      period: { start: "2026-11-01T00:00:00+00:00", end: "2026-12-01T00:00:00+00:00" },
      dashboard_url: "https://dash.example.com/alerts",
    });
    expect(Math.abs(verified.alert.value! - spent)).toBeLessThan(0.005);
    expect(Math.abs(verified.alert.threshold! - (spent / 0.9) * 0.8)).toBeLessThan(0.005);
    expect(() =>
      new Webhook(channel.secret!).verify(hit!.body.replace("November", "Octobre"), {
        "webhook-id": String(hit!.headers["webhook-id"]),
        "webhook-timestamp": String(hit!.headers["webhook-timestamp"]),
        "webhook-signature": String(hit!.headers["webhook-signature"]),
      }),
    ).toThrow();

    // Nothing new: nothing sent.
    const again = await evaluateAndDeliver(FIXED_NOW);
    expect(again).toMatchObject({ fired: [], resolved: [], ran: true });
    expect(receiver.received).toHaveLength(1);

    // A lower amount puts the spend at 105 %: the 100 % threshold is a new crossing.
    await updateRule(rule.id, { amount: spent / 1.05 });
    await evaluateAndDeliver(FIXED_NOW);
    expect(
      bodies().map((b) => [b.type, b.alert.threshold !== null && Math.round(b.alert.threshold * 100)]),
    ).toEqual([
      ["alert.firing", Math.round((spent / 0.9) * 0.8 * 100)],
      ["alert.firing", Math.round((spent / 1.05) * 100)],
    ]);
    await evaluateAndDeliver(FIXED_NOW);
    expect(receiver.received).toHaveLength(2);

    // Twice the spend: clear, resolved once.
    await updateRule(rule.id, { amount: spent * 2 });
    const resolved = await evaluateAndDeliver(FIXED_NOW);
    expect(resolved.resolved).toHaveLength(1);
    await evaluateAndDeliver(FIXED_NOW);
    expect(bodies().map((b) => b.type)).toEqual(["alert.firing", "alert.firing", "alert.resolved"]);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(3);

    const history = await listEvents(10);
    expect(history.events.map((e) => [e.type, e.deliveries.map((d) => d.status)])).toEqual([
      ["alert.resolved", ["sent"]],
      ["alert.firing", ["sent"]],
      ["alert.firing", ["sent"]],
    ]);
  });

  it("retries a failing webhook with the same webhook-id, shows the error, gives up after the last attempt", async () => {
    const channel = await createChannel({
      type: "webhook",
      name: "Flaky",
      url: receiver.url,
      format: "json",
    });
    await createRule({
      kind: "runway",
      name: "Runway",
      enabled: true,
      channel_ids: [channel.id],
      min_days: 3650,
    });
    receiver.status = 500;
    await evaluateAndDeliver(FIXED_NOW);
    let [event] = (await listEvents(5)).events;
    expect(event!.deliveries).toEqual([
      expect.objectContaining({ status: "pending", attempts: 1, last_error: "the receiver answered 500" }),
    ]);
    // Not due yet: the backoff holds it.
    expect(await deliverDue()).toEqual([]);

    receiver.status = 200;
    await store.db.execute(sql`UPDATE alert_outbox SET next_attempt_at = now()`);
    expect(await deliverDue()).toEqual([expect.objectContaining({ status: "sent" })]);
    const ids = receiver.received.map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);

    // A receiver that keeps failing: after MAX_ATTEMPTS the row stays failed with its last error.
    receiver.status = 503;
    await updateRule((await listEvents(1)).events[0]!.alert.rule_id!, { min_days: 0.0001 });
    await evaluateAndDeliver(FIXED_NOW); // resolved: a new notification
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      await store.db.execute(sql`UPDATE alert_outbox SET next_attempt_at = now() WHERE status = 'pending'`);
      await deliverDue();
    }
    [event] = (await listEvents(1)).events;
    expect(event!.type).toBe("alert.resolved");
    expect(event!.deliveries).toEqual([
      expect.objectContaining({
        status: "failed",
        attempts: MAX_ATTEMPTS,
        last_error: "the receiver answered 503",
      }),
    ]);
    await store.db.execute(sql`UPDATE alert_outbox SET next_attempt_at = now()`);
    expect(await deliverDue()).toEqual([]);
  });

  it("posts Slack's {text, blocks} and sends email through SMTP", async () => {
    const slack = await createChannel({ type: "webhook", name: "Slack", url: receiver.url, format: "slack" });
    const mail = await createChannel({
      type: "email",
      name: "Team",
      to: ["ops@example.com", "cfo@example.com"],
    });
    const spent = monthSpend();
    await createRule({
      kind: "spend_budget",
      name: "Budget",
      enabled: true,
      channel_ids: [slack.id, mail.id],
      period: "month",
      amount: spent / 1.5,
      thresholds_percent: [100],
      forecast: false,
    });
    await evaluateAndDeliver(FIXED_NOW);
    const message = JSON.parse(receiver.received[0]!.body) as { text: string; blocks: { type: string }[] };
    expect(message.text).toContain("Monthly budget 100% reached");
    expect(message.blocks.map((b) => b.type)).toEqual(["section", "context"]);
    expect(receiver.received[0]!.headers["webhook-signature"]).toBeUndefined();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe("ops@example.com,cfo@example.com");
    expect(mails[0]!.subject).toBe("[Firing] Monthly budget 100% reached");
    expect(mails[0]!.text).toContain("https://dash.example.com/alerts");
  });

  it("fires a spend anomaly on the spiked model only, and a monthly forecast before the spend", async () => {
    const channel = await createChannel({ type: "webhook", name: "Ops", url: receiver.url, format: "json" });
    const target = ENDPOINTS[0]!.endpoint_id;
    await sim.control("POST", "/_sim/spikes", {
      endpoint_id: target,
      start: "2026-11-09T15:00:00Z",
      end: "2026-11-10T15:00:00Z",
      multiplier: 5,
    });
    await createRule({ kind: "spend_anomaly", name: "Spikes", enabled: true, channel_ids: [channel.id] });
    const spent = monthSpend();
    await createRule({
      kind: "spend_budget",
      name: "Forecast",
      enabled: true,
      channel_ids: [channel.id],
      period: "month",
      amount: spent * 1.5, // not reached yet, but the month has 20 days to go
      thresholds_percent: [100],
      forecast: true,
    });
    const result = await evaluateAndDeliver(FIXED_NOW);
    expect(result.errors).toEqual([]);
    expect(result.fired.map((a) => [a.kind, a.endpoint_id ?? null, a.title]).sort()).toEqual(
      [
        ["spend_anomaly", target, expect.stringMatching(/^Spend anomaly on .*× its usual day$/)],
        ["spend_budget", null, "Month-end forecast above budget"],
      ].sort(),
    );
    expect(receiver.received).toHaveLength(2);
  });

  it("evaluates key health: a revoked key fires, a good one resolves", async () => {
    const channel = await createChannel({ type: "webhook", name: "Ops", url: receiver.url, format: "json" });
    await createRule({ kind: "key_health", name: "Keys", enabled: true, channel_ids: [channel.id] });
    await sim.control("POST", "/_sim/keys", { [SIM_KEYS.admin]: "revoked" });
    const bad = await evaluateAndDeliver(FIXED_NOW);
    expect(bad.fired.map((a) => a.title)).toEqual([expect.stringMatching(/^fal key: /)]);
    await sim.control("POST", "/_sim/reset");
    const good = await evaluateAndDeliver(FIXED_NOW);
    expect(good.resolved.map((a) => a.title)).toEqual(["fal key healthy again"]);
    expect(JSON.stringify(bodies())).not.toContain(SIM_KEYS.admin);
  });

  it("sends a test notification and reports a failing channel", async () => {
    const { sendTest } = await import("@/lib/alerts/evaluate");
    const ok = await createChannel({ type: "webhook", name: "Ops", url: receiver.url, format: "json" });
    expect(await sendTest(ok.id)).toMatchObject({ status: "sent", error: null });
    expect(bodies()[0]).toMatchObject({ type: "alert.test", alert: { state: "test", rule_id: null } });
    const dead = await createChannel({
      type: "webhook",
      name: "Dead",
      url: "http://127.0.0.1:9/never/secret-path",
      format: "json",
    });
    const failed = await sendTest(dead.id);
    expect(failed.status).toBe("pending");
    expect(failed.error).toBe("fetch failed (bad port)"); // port 9 is one fetch refuses to call
    expect(failed.error).not.toContain("secret-path");
    await expect(sendTest("ch_missing")).rejects.toMatchObject({ code: "not_found" });
  });
});
