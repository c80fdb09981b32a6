import { describe, expect, it } from "vitest";
import { HOUR_MS, createTraffic, generateHour } from "./data";
import { SIM_KEYS } from "./keys";
import type { RequestItem, RequestsResponse } from "./requests";
import { FIXED_NOW, qs, simulatorForSuite, type ErrorEnvelope } from "./testing";
import type { AnalyticsResponse } from "./analytics";
import { ENDPOINT_BY_ID } from "./world";

/**
 * GET /v1/models/requests/by-endpoint: the per-request view of the same traffic analytics and usage
 * aggregate — counts and run time add up to analytics, cursors walk every row once, bodies follow fal's
 * OpenAPI document (checked by `sim.get`).
 */

const sim = simulatorForSuite();
const PATH = "/v1/models/requests/by-endpoint";
const FLUX = "fal-ai/flux/dev";
const START = "2026-11-09T00:00:00Z";
const END = "2026-11-09T06:00:00Z";

async function all(params: Record<string, string | number>): Promise<RequestItem[]> {
  const items: RequestItem[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: RequestsResponse } = await sim.get<RequestsResponse>(
      `${PATH}?${qs({ ...params, limit: 100, ...(cursor ? { cursor } : {}) })}`,
    );
    items.push(...page.body.items);
    expect(page.body.has_more).toBe(page.body.next_cursor !== null);
    cursor = page.body.next_cursor;
  } while (cursor);
  return items;
}

describe("requests by endpoint", () => {
  it("lists exactly the hours' requests: counts, outcomes and run time agree with analytics", async () => {
    const items = await all({ endpoint_id: FLUX, start: START, end: END });
    const traffic = createTraffic(42);
    const index = ENDPOINT_BY_ID.get(FLUX)?.index ?? -1;
    const hours = traffic.eventsInRange(Date.parse(START), Date.parse(END), FIXED_NOW, [index]);
    const expectedCount = hours.reduce((s, h) => s + h.requests, 0);
    expect(expectedCount).toBeGreaterThan(20);
    expect(items).toHaveLength(expectedCount);
    expect(new Set(items.map((i) => i.request_id)).size).toBe(expectedCount);
    expect(items.filter((i) => i.status_code === 200)).toHaveLength(hours.reduce((s, h) => s + h.success, 0));
    expect(
      items.filter((i) => i.status_code !== null && i.status_code >= 400 && i.status_code < 500),
    ).toHaveLength(hours.reduce((s, h) => s + h.userErrors, 0));

    const { body } = await sim.get<AnalyticsResponse>(
      `/v1/models/analytics?${qs({ endpoint_id: FLUX, start: START, end: END, expand: ["summary", "request_count", "total_billable_duration"] })}`,
    );
    const summary = body.summary?.[0];
    expect(summary?.request_count).toBe(items.length);
    const runSeconds = items.reduce((s, i) => s + (i.duration ?? 0), 0);
    // Each duration is rounded to the millisecond, analytics' total to the millisecond once.
    expect(Math.abs(runSeconds - Number(summary?.total_billable_duration))).toBeLessThan(
      0.0005 * items.length + 0.001,
    );

    for (const i of items) {
      const sent = Date.parse(i.sent_at);
      expect(Math.floor(sent / HOUR_MS) * HOUR_MS).toBeGreaterThanOrEqual(Date.parse(START));
      expect(Date.parse(i.started_at)).toBeGreaterThanOrEqual(sent);
      expect(Date.parse(i.ended_at ?? "") - Date.parse(i.started_at)).toBe(
        Math.round((i.duration ?? 0) * 1000),
      );
    }
  });

  it("is deterministic: uuid ids, the same rows from a second simulator with the same seed", async () => {
    const first = await all({ endpoint_id: FLUX, start: START, end: END });
    expect(
      first.every((i) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(i.request_id),
      ),
    ).toBe(true);
    const again = await all({ endpoint_id: FLUX, start: START, end: END });
    expect(again).toEqual(first);
  });

  it("filters by status and sorts by end time or duration, newest/longest first, across pages", async () => {
    const errors = await all({ endpoint_id: FLUX, start: START, end: END, status: "user_error" });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((i) => i.status_code === 422)).toBe(true);

    const byEnd = await all({ endpoint_id: FLUX, start: START, end: END });
    const ends = byEnd.map((i) => Date.parse(i.ended_at ?? ""));
    expect(ends).toEqual([...ends].sort((a, b) => b - a));

    const byDuration = await all({ endpoint_id: FLUX, start: START, end: END, sort_by: "duration" });
    const durations = byDuration.map((i) => i.duration ?? 0);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    expect(new Set(byDuration.map((i) => i.request_id))).toEqual(new Set(byEnd.map((i) => i.request_id)));
  });

  it("pages with limit and an opaque cursor; default limit 50, at most 100", async () => {
    const h = Math.floor(Date.parse("2026-11-09T15:00:00Z") / HOUR_MS);
    const count = [h, h + 1, h + 2].reduce((s, x) => s + (generateHour(42, 0, x)?.requests ?? 0), 0);
    expect(count).toBeGreaterThan(50);
    const window = { endpoint_id: FLUX, start: "2026-11-09T15:00:00Z", end: "2026-11-09T18:00:00Z" };
    const first = await sim.get<RequestsResponse>(`${PATH}?${qs(window)}`);
    expect(first.body.items).toHaveLength(50);
    expect(first.body.has_more).toBe(true);
    const rest = await sim.get<RequestsResponse>(
      `${PATH}?${qs({ ...window, limit: 100, cursor: first.body.next_cursor ?? "" })}`,
    );
    expect(first.body.items.length + rest.body.items.length).toBe(Math.min(count, 150));
    const tooMany = await sim.get<ErrorEnvelope>(`${PATH}?${qs({ ...window, limit: 101 })}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain("limit");
  });

  it("defaults to the last 24 hours, widened to 90 days for a request id lookup", async () => {
    const old = (
      await all({ endpoint_id: FLUX, start: "2026-10-01T10:00:00Z", end: "2026-10-01T11:00:00Z" })
    )[0];
    expect(old).toBeDefined();
    const recent = await sim.get<RequestsResponse>(
      `${PATH}?${qs({ endpoint_id: FLUX, request_id: old?.request_id ?? "" })}`,
    );
    expect(recent.body.items).toEqual([old]);
    const day = await all({ endpoint_id: FLUX });
    expect(day.every((i) => Date.parse(i.sent_at) >= FIXED_NOW - 86_400_000 - 60_000)).toBe(true);
  });

  it("refuses what fal refuses, and any valid key may read it", async () => {
    for (const [query, field] of [
      [{ start: START }, "endpoint_id"],
      [{ endpoint_id: FLUX, status: "failed" }, "status"],
      [{ endpoint_id: FLUX, sort_by: "started_at" }, "sort_by"],
      [{ endpoint_id: FLUX, request_id: "abc" }, "request_id"],
    ] as const) {
      const res = await sim.get<ErrorEnvelope>(`${PATH}?${qs(query)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    const api = await sim.get<RequestsResponse>(`${PATH}?${qs({ endpoint_id: FLUX })}`, {
      auth: { key: SIM_KEYS.api },
    });
    expect(api.status).toBe(200);
    expect(
      (await sim.get(`${PATH}?${qs({ endpoint_id: FLUX })}`, { auth: { key: SIM_KEYS.revoked } })).status,
    ).toBe(401);
  });
});
