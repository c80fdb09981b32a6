import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { billingEventOf } from "@/e2e/fal-simulator/billing-events";
import { createTraffic } from "@/e2e/fal-simulator/data";
import { falLatency } from "@/e2e/fal-simulator/insights";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";
import { requestsInWindow } from "@/e2e/fal-simulator/requests";
import { FIXED_NOW, qs, simulatorForSuite } from "@/e2e/fal-simulator/testing";
import type { UsageResponse } from "@/e2e/fal-simulator/usage";
import { ENDPOINT_BY_ID } from "@/e2e/fal-simulator/world";
import type { RequestRow } from "@/lib/contracts/model-detail";

/**
 * The model page's reports against the simulator over loopback HTTP: requests with their costs, the
 * latency comparison, and the reconciliation. Expected values come from the simulator's pure modules
 * (or its own answers), never from the code under test.
 */

const sim = simulatorForSuite();
let keyFile: string;
let requests: typeof import("@/lib/ai/requests");
let insights: typeof import("@/lib/ai/insights");
let reconciliation: typeof import("@/lib/ai/reconciliation");
let cache: typeof import("@/lib/fal/cache");
let resolveRange: typeof import("@/lib/time/range").resolveRange;

const FLUX = "fal-ai/flux/dev";
const traffic = createTraffic(42);
const setKey = (key: string) => writeFileSync(keyFile, `${key}\n`);
const range = (start: string, end: string, timeframe: "hour" | "day" = "hour") =>
  resolveRange({ start, end, timeframe }, { defaultTimezone: "UTC", now: FIXED_NOW });

beforeAll(async () => {
  keyFile = path.join(mkdtempSync(path.join(tmpdir(), "fal-key-")), "admin.key");
  setKey(SIM_KEYS.admin);
  process.env.FAL_API_BASE_URL = `${sim.url}/v1`;
  process.env.FAL_ADMIN_KEY_FILE = keyFile;
  process.env.FAL_TIMEOUT_MS = "20000";
  requests = await import("@/lib/ai/requests");
  insights = await import("@/lib/ai/insights");
  reconciliation = await import("@/lib/ai/reconciliation");
  cache = await import("@/lib/fal/cache");
  resolveRange = (await import("@/lib/time/range")).resolveRange;
});

beforeEach(async () => {
  setKey(SIM_KEYS.admin);
  cache.clearFalCache();
  await sim.control("POST", "/_sim/reset");
});

async function allRows(r: ReturnType<typeof range>, query: Parameters<typeof requests.requestsPage>[1]) {
  const rows: RequestRow[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await requests.requestsPage(r, { ...query, cursor });
    rows.push(...page.items);
    cursor = page.next_cursor ?? undefined;
    pages++;
  } while (cursor);
  return { rows, pages };
}

describe("requests of a model", () => {
  const window = ["2026-11-09T06:00:00Z", "2026-11-09T12:00:00Z"] as const;
  const simRequests = () =>
    requestsInWindow(traffic, Date.parse(window[0]), Date.parse(window[1]), FIXED_NOW, [
      ENDPOINT_BY_ID.get(FLUX)?.index ?? -1,
    ]);

  it("lists the simulator's rows for a status filter and a duration sort, across pages, costs joined", async () => {
    const expected = simRequests()
      .filter((r) => r.detail.outcome === "success")
      .sort((a, b) => b.duration - a.duration || a.request_id.localeCompare(b.request_id));
    expect(expected.length).toBeGreaterThan(40);
    const { rows, pages } = await allRows(range(...window), {
      endpoint_id: FLUX,
      status: "success",
      sort_by: "duration",
      limit: 20,
    });
    expect(pages).toBe(Math.ceil(expected.length / 20));
    expect(rows.map((r) => r.request_id)).toEqual(expected.map((r) => r.request_id));
    for (const [i, row] of rows.entries()) {
      const r = expected[i]!;
      expect(row.queue_seconds).toBeCloseTo((r.startedMs - r.sentMs) / 1000, 9);
      expect(row.run_seconds).toBe(r.duration);
      expect(row.status_code).toBe(200);
      expect(row.cost).toBe(billingEventOf(r)?.cost_total);
    }
  });

  it("costs failures nothing, and sorts by end time by default", async () => {
    const expected = simRequests()
      .filter((r) => r.detail.outcome === "user_error")
      .sort((a, b) => b.endedMs - a.endedMs || a.request_id.localeCompare(b.request_id));
    const { rows } = await allRows(range(...window), { endpoint_id: FLUX, status: "user_error" });
    expect(rows.map((r) => r.request_id)).toEqual(expected.map((r) => r.request_id));
    expect(rows.every((r) => r.cost === 0)).toBe(true);
  });

  it("without billing permission still lists requests, with cost null and the reason", async () => {
    setKey(SIM_KEYS.api);
    const page = await requests.requestsPage(range(...window), { endpoint_id: FLUX, limit: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.items.every((r) => r.cost === null)).toBe(true);
    expect(page.cost_unavailable).toBe("scope_insufficient");
  });
});

describe("is it us or fal?", () => {
  it("puts fal's weekly p50/p90 beside the team's own for the same window", async () => {
    const report = await insights.insightsReport([FLUX, "acme/photobooth-lora", "fal-ai/tail-model-01"]);
    const dayStart = Math.floor(FIXED_NOW / 86_400_000) * 86_400_000;
    expect(report.window).toEqual({
      start: new Date(dayStart - 7 * 86_400_000).toISOString(),
      end: new Date(dayStart).toISOString(),
    });
    const own = await sim.get<{
      summary: { endpoint_id: string; p50_duration: number; p90_duration: number }[];
    }>(
      `/v1/models/analytics?${qs({
        endpoint_id: FLUX,
        start: report.window?.start ?? "",
        end: report.window?.end ?? "",
        timeframe: "day",
        expand: ["summary", "p50_duration", "p90_duration"],
      })}`,
    );
    const [flux, lora, tail] = report.models;
    const fal = falLatency(ENDPOINT_BY_ID.get(FLUX)!);
    expect(flux).toEqual({
      endpoint_id: FLUX,
      fal_p50_seconds: fal.p50_ms / 1000,
      fal_p90_seconds: fal.p90_ms / 1000,
      sufficient_evidence: true,
      public: true,
      your_p50_seconds: own.body.summary[0]?.p50_duration,
      your_p90_seconds: own.body.summary[0]?.p90_duration,
    });
    expect(lora).toMatchObject({ public: false, sufficient_evidence: false, fal_p50_seconds: null });
    expect(tail).toMatchObject({ public: true, sufficient_evidence: false, fal_p50_seconds: null });
    expect(report.unavailable).toBeNull();
  });

  it("an outage or a 404 of the beta endpoint only hides the comparison", async () => {
    for (const [status, reason] of [
      [500, "upstream_unavailable"],
      [404, "upstream_request"],
    ] as const) {
      cache.clearFalCache();
      await sim.control("POST", "/_sim/faults", { endpoint: "insights", status });
      const report = await insights.insightsReport([FLUX]);
      expect(report).toMatchObject({ window: null, unavailable: reason });
      expect(report.models[0]?.fal_p50_seconds).toBeNull();
    }
  });
});

describe("reconciliation", () => {
  it("flags exactly the endpoint whose billing events disagree with usage", async () => {
    await sim.control("POST", "/_sim/billing-gap", { endpoint_id: "fal-ai/flux/schnell" });
    const r = range("2026-11-08", "2026-11-10");
    const report = await reconciliation.reconciliationReport(r);
    const usage = await sim.get<UsageResponse>(
      `/v1/models/usage?${qs({ start: "2026-11-08", end: "2026-11-10", expand: "summary" })}`,
    );
    const billed = new Map<string, number>();
    for (const row of usage.body.summary ?? [])
      billed.set(
        row.endpoint_id,
        (billed.get(row.endpoint_id) ?? 0) + Math.round((row.cost_total ?? row.cost) * 1e6),
      );
    expect(report.models.map((m) => m.endpoint_id).sort()).toEqual([...billed.keys()].sort());
    for (const m of report.models) expect(Math.round(m.billed * 1e6)).toBe(billed.get(m.endpoint_id));
    expect(report.models.filter((m) => m.flagged).map((m) => m.endpoint_id)).toEqual(["fal-ai/flux/schnell"]);
    for (const m of report.models.filter((x) => !x.flagged)) expect(m.difference).toBe(0);
    const schnell = report.models.find((m) => m.flagged);
    expect(schnell?.billing_events_total).toBeLessThan(schnell?.billed ?? 0);
    expect(report.totals.flagged).toBe(1);
    // flux/dev bills images at its list price: the list estimate is price × quantity.
    const flux = report.models.find((m) => m.endpoint_id === FLUX);
    expect(flux?.units[0]?.list_unit_price).toBe(0.025);
    expect(flux?.list_estimate).toBeCloseTo((flux?.units[0]?.quantity ?? 0) * 0.025, 9);
    // The private model has no list price: no estimate, never $0.
    expect(report.models.find((m) => m.endpoint_id === "acme/photobooth-lora")?.list_estimate).toBeNull();
  });

  it("splits a window over 90 days into 90-day calls and follows every cursor", async () => {
    const r = range("2026-08-09", "2026-11-09", "day");
    const report = await reconciliation.reconciliationReport(r);
    expect(report.totals.flagged).toBe(0);
    expect(report.totals.difference).toBe(0);
    const { body } = await sim.control<{ requests: { endpoint: string; query: string }[] }>(
      "GET",
      "/_sim/stats",
    );
    const calls = body.requests.filter((q) => q.endpoint === "billing_events");
    const starts = new Set(calls.map((c) => new URLSearchParams(c.query).get("start")));
    expect(starts.size).toBe(2);
    expect(calls.some((c) => new URLSearchParams(c.query).has("cursor"))).toBe(true);
  });
});
