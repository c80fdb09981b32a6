import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BillingEventsResponse } from "@/e2e/fal-simulator/billing-events";
import { createTraffic } from "@/e2e/fal-simulator/data";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";
import { requestsInWindow, type SimRequest } from "@/e2e/fal-simulator/requests";
import { FIXED_NOW, qs, simulatorForSuite } from "@/e2e/fal-simulator/testing";
import type { UsageResponse } from "@/e2e/fal-simulator/usage";
import { ENDPOINT_BY_ID } from "@/e2e/fal-simulator/world";
import { eventCosts } from "@/lib/ai/event-costs";
import type { EventCost } from "@/lib/contracts/ai";
import { storeForSuite, testEngines } from "@/lib/events/test-engines";
import { writeActivities, type NewActivity } from "@/lib/events/write";

/**
 * Cost per event: exact from fal's billing events for the request ids photos carry, estimated from usage
 * for photos without, mixed for both. Expected figures are recounted from the simulator's own answers.
 */

const NANO = 1_000_000_000;
const nano = (usd: number) => BigInt(Math.round(usd * NANO));

describe("eventCosts (pure)", () => {
  const photos = (endpoint_id: string, n: number, with_ids: number) => ({ endpoint_id, photos: n, with_ids });
  const usage = new Map([
    ["a/x", nano(10)],
    ["a/y", nano(3)],
  ]);
  const events = [
    {
      event_id: "exact",
      name: "Exact",
      endpoints: [photos("a/x", 3, 3)],
      requests: ["r1", "r2", "r-failed"].map((request_id) => ({ request_id, endpoint_id: "a/x" })),
    },
    { event_id: "est", name: "est", endpoints: [photos("a/x", 2, 0), photos("a/y", 4, 0)], requests: [] },
    {
      event_id: "mix",
      name: "Mix",
      endpoints: [photos("a/y", 2, 1)],
      requests: [{ request_id: "r3", endpoint_id: "a/y" }],
    },
  ];
  const billed = new Map([
    ["r1", nano(0.025)],
    ["r2", nano(0.05)],
    ["r3", nano(0.2)],
  ]);

  it("exact sums billing events per distinct id; estimated shares usage by photos; mixed adds both", () => {
    const [exact, est, mix] = eventCosts(events, usage, billed);
    expect(exact).toEqual<EventCost>({
      event_id: "exact",
      event_name: "Exact",
      photos: 3,
      cost: 0.075,
      cost_per_photo: 0.075 / 3,
      basis: "exact",
      matched_requests: 2,
      unmatched_requests: 1,
    });
    // a/x: 10 × 2 of its 5 photos; a/y: 3 × 4 of its 6 photos.
    expect(est).toMatchObject({ basis: "estimated", photos: 6, cost: 4 + 2, matched_requests: 0 });
    // 0.2 exact + a/y: 3 × 1 of its 6 photos.
    expect(mix).toMatchObject({ basis: "mixed", photos: 2, cost: 0.7, matched_requests: 1 });
  });

  it("without billing events, events with ids have no cost, never a partial one", () => {
    const [exact, est, mix] = eventCosts(events, usage, null);
    expect(exact?.cost).toBeNull();
    expect(mix?.cost).toBeNull();
    expect(est?.cost).toBe(6);
  });
});

// One simulator for every engine: the app reads its settings once per process, so a second simulator
// on another port would never be called.
const sim = simulatorForSuite();
let outcomes: typeof import("@/lib/ai/outcomes");
let cache: typeof import("@/lib/fal/cache");
let resolveRange: typeof import("@/lib/time/range").resolveRange;

beforeAll(async () => {
  const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "fal-key-")), "admin.key");
  writeFileSync(keyFile, `${SIM_KEYS.admin}\n`);
  process.env.FAL_API_BASE_URL = `${sim.url}/v1`;
  process.env.FAL_ADMIN_KEY_FILE = keyFile;
  process.env.FAL_TIMEOUT_MS = "20000";
  outcomes = await import("@/lib/ai/outcomes");
  cache = await import("@/lib/fal/cache");
  resolveRange = (await import("@/lib/time/range")).resolveRange;
});

describe.each(testEngines())("cost per event against the simulator on $name", (engine) => {
  storeForSuite(engine, { asAppStore: true, resetEach: true });

  beforeEach(async () => {
    cache.clearFalCache();
    await sim.control("POST", "/_sim/reset");
  });

  const START = "2026-11-09T00:00:00Z";
  const END = "2026-11-10T00:00:00Z";
  const FLUX = "fal-ai/flux/dev";
  const SCHNELL = "fal-ai/flux/schnell";
  const simRequests = (endpoint: string) =>
    requestsInWindow(createTraffic(42), Date.parse(START), Date.parse(END), FIXED_NOW, [
      ENDPOINT_BY_ID.get(endpoint)?.index ?? -1,
    ]);
  const photo = (event: string, endpoint: string, r?: SimRequest): NewActivity => ({
    id: randomUUID(),
    eventId: event,
    eventName: event,
    type: "photo.generated",
    occurredAt: (r?.endedMs ?? Date.parse("2026-11-09T12:00:00Z")) + 5_000,
    endpointId: endpoint,
    falRequestId: r?.request_id,
  });

  /** The simulator's billing events for these ids, summed in nano-USD. */
  async function recount(ids: string[]): Promise<bigint> {
    const { body } = await sim.get<BillingEventsResponse>(
      `/v1/models/billing-events?${qs({ start: START, end: END, request_id: ids, limit: 100 })}`,
    );
    return body.billing_events.reduce((s, e) => s + nano(e.cost_total), BigInt(0));
  }
  async function usageOf(endpoint: string): Promise<bigint> {
    const { body } = await sim.get<UsageResponse>(
      `/v1/models/usage?${qs({ start: START, end: END, endpoint_id: endpoint, expand: "summary" })}`,
    );
    return (body.summary ?? []).reduce((s, r) => s + nano(r.cost_total ?? r.cost), BigInt(0));
  }

  it("exact for photos that all name requests, estimated without, mixed for both", async () => {
    const store = await (await import("@/lib/events/context")).eventStore();
    const flux = simRequests(FLUX);
    const schnell = simRequests(SCHNELL);
    const fluxOk = flux.filter((r) => r.status_code === 200).slice(0, 4);
    const fluxFailed = flux.find((r) => r.status_code !== 200)!;
    const schnellOk = schnell.filter((r) => r.status_code === 200).slice(0, 2);
    await writeActivities(store, [
      // Two photos of one request, one photo of a failed request.
      ...fluxOk.map((r) => photo("wedding", FLUX, r)),
      photo("wedding", FLUX, fluxOk[0]),
      photo("wedding", FLUX, fluxFailed),
      ...Array.from({ length: 4 }, () => photo("kiosk", FLUX)),
      ...schnellOk.map((r) => photo("expo", SCHNELL, r)),
      ...Array.from({ length: 3 }, () => photo("expo", SCHNELL)),
    ]);

    const range = resolveRange({ start: START, end: END }, { defaultTimezone: "UTC", now: FIXED_NOW });
    const report = await outcomes.costPerOutcome(range);
    expect(report.events_exact_unavailable).toBeNull();
    const byId = new Map(report.events.map((e) => [e.event_id, e]));

    const weddingExact = await recount([...fluxOk, fluxFailed].map((r) => r.request_id));
    expect(byId.get("wedding")).toEqual({
      event_id: "wedding",
      event_name: "wedding",
      photos: 6,
      cost: Number(weddingExact) / NANO,
      cost_per_photo: Number(weddingExact) / NANO / 6,
      basis: "exact",
      matched_requests: 4,
      unmatched_requests: 1,
    });

    // kiosk: flux usage × its 4 of flux's 10 photos.
    const kiosk = (Number(await usageOf(FLUX)) / NANO) * (4 / 10);
    expect(byId.get("kiosk")).toMatchObject({ basis: "estimated", photos: 4, matched_requests: 0 });
    expect(byId.get("kiosk")?.cost).toBeCloseTo(kiosk, 9);

    const expo =
      Number(await recount(schnellOk.map((r) => r.request_id))) / NANO +
      (Number(await usageOf(SCHNELL)) / NANO) * (3 / 5);
    expect(byId.get("expo")).toMatchObject({ basis: "mixed", photos: 5, matched_requests: 2 });
    expect(byId.get("expo")?.cost).toBeCloseTo(expo, 9);
    // The existing fields are still there for older clients.
    expect(report.photos).toBe(15);
    expect(report.by_endpoint[FLUX]).toBeGreaterThan(0);
  });

  it("names why exact costs are missing when billing events are refused", async () => {
    const { eventStore } = await import("@/lib/events/context");
    const r = simRequests(FLUX).find((x) => x.status_code === 200)!;
    await writeActivities(await eventStore(), [photo("wedding", FLUX, r), photo("kiosk", FLUX)]);
    await sim.control("POST", "/_sim/faults", { endpoint: "billing_events", status: 403 });
    const range = resolveRange({ start: START, end: END }, { defaultTimezone: "UTC", now: FIXED_NOW });
    const report = await outcomes.costPerOutcome(range);
    expect(report.events_exact_unavailable).toBe("scope_insufficient");
    expect(report.events.find((e) => e.event_id === "wedding")?.cost).toBeNull();
    expect(report.events.find((e) => e.event_id === "kiosk")?.cost).toBeGreaterThan(0);
  });
});
