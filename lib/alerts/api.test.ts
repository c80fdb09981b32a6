import { beforeEach, describe, expect, it } from "vitest";
import * as channelRoute from "@/app/api/alerts/channels/[id]/route";
import * as channelsRoute from "@/app/api/alerts/channels/route";
import * as eventsRoute from "@/app/api/alerts/events/route";
import * as ruleRoute from "@/app/api/alerts/rules/[id]/route";
import * as rulesRoute from "@/app/api/alerts/rules/route";
import { clearAlerts, idParams, jsonRequest } from "@/lib/alerts/testing";
import { storeForSuite, testEngines } from "@/lib/events/test-engines";

/** The alert API in-process on each engine: shapes, defaults, 400s naming the field, 404s, masking. */

type Json = Record<string, unknown> & { error?: { code: string; field?: string } };
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });

const HOOK = "http://127.0.0.1:9/hooks/T000/B000/very-secret-path?token=abc";
const budget = { kind: "spend_budget", name: "Monthly", period: "month", amount: 1500 };

describe.each(testEngines())("alert API on $name", (engine) => {
  const store = storeForSuite(engine, { asAppStore: true });
  beforeEach(() => clearAlerts(store));

  const createChannel = (body: unknown) =>
    channelsRoute.POST(jsonRequest("POST", "/api/alerts/channels", body), undefined).then(json);
  const createRule = (body: unknown) =>
    rulesRoute.POST(jsonRequest("POST", "/api/alerts/rules", body), undefined).then(json);

  it("creates a JSON webhook with a signing secret shown once, and lists it masked", async () => {
    const created = await createChannel({ type: "webhook", name: "Ops", url: HOOK });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: "webhook",
      name: "Ops",
      format: "json",
      url_masked: "http://127.0.0.1:9/…",
    });
    expect(String(created.body.secret)).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    const listed = await json(await channelsRoute.GET(jsonRequest("GET", "/api/alerts/channels"), undefined));
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain("very-secret-path");
    expect(text).not.toContain("whsec_");
    expect(listed.body.channels).toEqual([
      expect.objectContaining({ id: created.body.id, last_delivery: null }),
    ]);
  });

  it("creates Slack webhooks without a secret and email channels", async () => {
    expect(
      (await createChannel({ type: "webhook", name: "S", url: HOOK, format: "slack" })).body.secret,
    ).toBeNull();
    const mail = await createChannel({ type: "email", name: "Team", to: ["ops@example.com"] });
    expect(mail.body).toMatchObject({ type: "email", to: ["ops@example.com"], secret: null });
  });

  it.each([
    [{ type: "webhook", name: "x", url: "ftp://example.com/x" }, "url"],
    [{ type: "webhook", name: "x", url: HOOK, format: "xml" }, "format"],
    [{ type: "email", name: "x", to: ["not-an-address"] }, "to.0"],
    [{ type: "pager", name: "x" }, "type"],
    [{ type: "webhook", url: HOOK }, "name"],
    ["{not json", "body"],
  ])("refuses channel %j naming %s", async (body, field) => {
    const res = await createChannel(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_request", field });
  });

  it("creates a budget with default thresholds and state ok", async () => {
    const res = await createRule(budget);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ...budget,
      enabled: true,
      channel_ids: [],
      thresholds_percent: [80, 100],
      forecast: false,
      state: "ok",
      firing: [],
    });
    expect(String(res.body.id)).toMatch(/^rule_/);
  });

  it.each([
    [{ ...budget, amount: undefined }, "amount"],
    [{ ...budget, amount: -1 }, "amount"],
    [{ ...budget, period: "year" }, "period"],
    [{ ...budget, thresholds_percent: [0] }, "thresholds_percent.0"],
    [{ ...budget, colour: "red" }, ""],
    [{ kind: "latency", name: "p90", percentile: "p90", max_seconds: 5 }, "endpoint_id"],
    [{ kind: "weather", name: "x" }, "kind"],
    [{ ...budget, channel_ids: ["ch_missing"] }, "channel_ids"],
  ])("refuses rule %j naming %s", async (body, field) => {
    const res = await createRule(body);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("invalid_request");
    // An unknown key is reported on the object itself ("body") with the key in the message.
    if (field) expect(res.body.error?.field).toBe(field);
    else expect(JSON.stringify(res.body.error)).toContain("colour");
  });

  it("PATCH merges the fields given, validates the whole, 404s an unknown id", async () => {
    const { body: rule } = await createRule({ ...budget, thresholds_percent: [50, 90] });
    const id = String(rule.id);
    const patched = await json(
      await ruleRoute.PATCH(jsonRequest("PATCH", `/api/alerts/rules/${id}`, { amount: 2000 }), idParams(id)),
    );
    expect(patched.body).toMatchObject({ id, amount: 2000, period: "month", thresholds_percent: [50, 90] });

    const bad = await json(
      await ruleRoute.PATCH(
        jsonRequest("PATCH", `/api/alerts/rules/${id}`, { period: "year" }),
        idParams(id),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.field).toBe("period");

    const missing = await ruleRoute.PATCH(
      jsonRequest("PATCH", "/api/alerts/rules/rule_x", { amount: 1 }),
      idParams("rule_x"),
    );
    expect(missing.status).toBe(404);

    const listed = await json(await rulesRoute.GET(jsonRequest("GET", "/api/alerts/rules"), undefined));
    expect(listed.body.rules).toEqual([expect.objectContaining({ id, amount: 2000 })]);
  });

  it("DELETE answers 204 once, then 404", async () => {
    const { body: rule } = await createRule(budget);
    const id = String(rule.id);
    expect(
      (await ruleRoute.DELETE(jsonRequest("DELETE", `/api/alerts/rules/${id}`), idParams(id))).status,
    ).toBe(204);
    expect(
      (await ruleRoute.DELETE(jsonRequest("DELETE", `/api/alerts/rules/${id}`), idParams(id))).status,
    ).toBe(404);
    const { body: ch } = await createChannel({ type: "email", name: "Team", to: ["a@example.com"] });
    const chId = String(ch.id);
    expect((await channelRoute.DELETE(jsonRequest("DELETE", "/x"), idParams(chId))).status).toBe(204);
    expect((await channelRoute.DELETE(jsonRequest("DELETE", "/x"), idParams(chId))).status).toBe(404);
  });

  it("lists an empty history, and refuses a bad limit", async () => {
    expect(
      await json(await eventsRoute.GET(jsonRequest("GET", "/api/alerts/events?limit=5"), undefined)),
    ).toEqual({
      status: 200,
      body: { events: [] },
    });
    const bad = await json(
      await eventsRoute.GET(jsonRequest("GET", "/api/alerts/events?limit=0"), undefined),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.field).toBe("limit");
  });
});
