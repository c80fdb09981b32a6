import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { createTraffic } from "./data";
import { SIM_KEYS } from "./keys";
import { LEGACY_USAGE_FIELDS } from "./openapi";
import {
  ContractViolation,
  FIXED_NOW,
  assertContract,
  qs,
  simulatorForSuite,
  type ErrorEnvelope,
} from "./testing";
import type { UsageResponse, UsageRow } from "./usage";
import {
  ACCOUNT_KEYS,
  BATCH_KEY,
  ENDPOINTS,
  ENDPOINT_BY_ID,
  HIDDEN_UNIT_PRICE,
  LEGACY_KEY,
  PROD_KEY,
} from "./world";

/** GET /v1/models/usage (docs/fal-api-notes.md, "Usage rows"), checked against the pure data module. */

const sim = simulatorForSuite();

const traffic = createTraffic(42); // an independent instance: same seed, own memo
const iso = (s: string) => Date.parse(s);

/** Expected quantity and charged cost per endpoint, summed straight from the generated hours. */
function expected(startMs: number, endMs: number, opts: { endpoints?: string[]; apiKeyId?: string } = {}) {
  const indexes = opts.endpoints?.map((id) => ENDPOINT_BY_ID.get(id)?.index ?? -1).filter((i) => i >= 0);
  const out = new Map<string, { quantity: number; cost: number }>();
  for (const hour of traffic.eventsInRange(startMs, endMs, FIXED_NOW, indexes)) {
    const endpoint = ENDPOINTS[hour.endpointIndex];
    if (!endpoint) throw new Error("endpoint");
    for (const line of hour.usage) {
      const v = endpoint.variants[line.variant];
      if (!v || (opts.apiKeyId && v.api_key_id !== opts.apiKeyId)) continue;
      const acc = out.get(endpoint.endpoint_id) ?? { quantity: 0, cost: 0 };
      acc.quantity += line.quantity;
      acc.cost += line.quantity * v.unit_price * (1 - (v.percent_discount ?? 0) / 100);
      out.set(endpoint.endpoint_id, acc);
    }
  }
  return out;
}

function charged(row: UsageRow): number {
  return row.cost_total ?? row.cost;
}

function totalsOf(rows: readonly UsageRow[]) {
  const out = new Map<string, { quantity: number; cost: number }>();
  for (const r of rows) {
    const acc = out.get(r.endpoint_id) ?? { quantity: 0, cost: 0 };
    acc.quantity += r.quantity;
    acc.cost += charged(r);
    out.set(r.endpoint_id, acc);
  }
  return out;
}

function expectTotalsClose(
  actual: Map<string, { quantity: number; cost: number }>,
  wanted: Map<string, { quantity: number; cost: number }>,
) {
  expect([...actual.keys()].sort()).toEqual([...wanted.keys()].sort());
  for (const [id, w] of wanted) {
    const a = actual.get(id);
    expect(a?.quantity ?? NaN, id).toBeCloseTo(w.quantity, 5);
    // Each row rounds its money to 6 decimals, so sums may differ by a few micro-dollars.
    expect(Math.abs((a?.cost ?? NaN) - w.cost), id).toBeLessThan(1e-4);
  }
}

async function usage(
  params: Record<string, string | number | readonly string[]>,
  opts: { legacyUsage?: boolean } = {},
) {
  return sim.get<UsageResponse>(`/v1/models/usage?${qs(params)}`, opts);
}

/** Every page of a query, following next_cursor. */
async function allPages(params: Record<string, string | number | readonly string[]>) {
  const pages: UsageResponse[] = [];
  let cursor: string | null = null;
  do {
    const res: { body: UsageResponse } = await usage({ ...params, ...(cursor ? { cursor } : {}) });
    pages.push(res.body);
    cursor = res.body.next_cursor;
  } while (cursor);
  return pages;
}

const OCT = { start: "2026-10-01", end: "2026-10-15" };

describe("shape and expansions", () => {
  it("defaults to time_series only, day buckets for a 2-day window, and no summary", async () => {
    const res = await usage({ start: "2026-11-01", end: "2026-11-03" });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["time_series", "next_cursor", "has_more"]);
    expect(res.body.time_series?.map((b) => b.bucket)).toEqual([
      "2026-11-01T00:00:00+00:00",
      "2026-11-02T00:00:00+00:00",
    ]);
  });

  const SERIES = [["time_series"], ["summary"], ["time_series", "summary"]];
  const AUTH = [[], ["auth_method"], ["auth_method_structured"], ["auth_method", "auth_method_structured"]];
  for (const series of SERIES) {
    for (const auth of AUTH) {
      const expand = [...series, ...auth];
      it(`expand=${expand.join(",")}`, async () => {
        const res = await usage({ ...OCT, expand, limit: 5 });
        expect(res.body.time_series !== undefined).toBe(series.includes("time_series"));
        expect(res.body.summary !== undefined).toBe(series.includes("summary"));
        const rows = [
          ...(res.body.time_series?.flatMap((b) => b.results) ?? []),
          ...(res.body.summary ?? []),
        ];
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row.auth_method !== undefined).toBe(auth.includes("auth_method"));
          expect(row.auth_method_structured !== undefined).toBe(auth.includes("auth_method_structured"));
          expect(row.currency).toBe("USD");
          expect(row.cost).toBe(row.cost_total);
          expect(row.cost_subtotal).toBeCloseTo(row.quantity * row.unit_price, 6);
          expect(row.cost_discount).toBeCloseTo((row.cost_subtotal ?? 0) - (row.cost_total ?? 0), 6);
        }
        if (!series.includes("time_series"))
          expect(res.body).toMatchObject({ next_cursor: null, has_more: false });
      });
    }
  }

  it("splits rows by unit price, discount and key; merges same-price keys when no auth expansion is asked", async () => {
    const byKey = await usage({
      ...OCT,
      endpoint_id: "fal-ai/flux/dev",
      expand: ["summary", "auth_method_structured"],
    });
    const rows = byKey.body.summary ?? [];
    const prod = rows.find((r) => r.auth_method_structured?.api_key_id === PROD_KEY.key_id);
    const batch = rows.find((r) => r.auth_method_structured?.api_key_id === BATCH_KEY.key_id);
    const legacy = rows.find((r) => r.auth_method_structured?.api_key_id === LEGACY_KEY.key_id);
    const playground = rows.find((r) => r.auth_method_structured?.login_username !== undefined);
    expect(prod).toMatchObject({
      unit_price: 0.025,
      percent_discount: null,
      auth_method_structured: { detail: "Production Key" },
    });
    expect(batch).toMatchObject({ unit_price: 0.025, percent_discount: 20 });
    expect(batch?.cost_discount).toBeGreaterThan(0);
    expect(legacy?.unit_price).toBe(0.03); // the older price, still billed to the legacy integration
    expect(playground?.auth_method_structured).toEqual({ detail: "mara", login_username: "mara" });
    const labels = await usage({
      ...OCT,
      endpoint_id: "fal-ai/flux/dev",
      expand: ["summary", "auth_method"],
    });
    expect(new Set(labels.body.summary?.map((r) => r.auth_method))).toEqual(
      new Set(["Production Key", "Batch Jobs", "Staging", "Legacy integration", "User token"]),
    );

    const merged = await usage({ ...OCT, endpoint_id: "fal-ai/flux/dev", expand: "summary" });
    const identities = (merged.body.summary ?? []).map((r) => `${r.unit_price}|${r.percent_discount}`);
    expect(new Set(identities).size).toBe(identities.length);
    expect(identities.sort()).toEqual(["0.025|20", "0.025|null", "0.03|null"]);
    expectTotalsClose(totalsOf(merged.body.summary ?? []), totalsOf(rows));
  });

  it("rows are unique per (endpoint, unit_price, discount, key) within every bucket", async () => {
    const res = await usage({ ...OCT, expand: ["time_series", "auth_method_structured"], limit: 100 });
    for (const bucket of res.body.time_series ?? []) {
      const ids = bucket.results.map(
        (r) =>
          `${r.endpoint_id}|${r.unit_price}|${r.percent_discount}|${r.auth_method_structured?.api_key_id ?? r.auth_method_structured?.login_username}`,
      );
      expect(new Set(ids).size, bucket.bucket).toBe(ids.length);
    }
  });

  it("bills unpriced endpoints at the hidden price and megapixels fractionally", async () => {
    const res = await usage({
      ...OCT,
      endpoint_id: ["acme/photobooth-lora", "fal-ai/flux/schnell"],
      expand: "summary",
    });
    const lora = res.body.summary?.filter((r) => r.endpoint_id === "acme/photobooth-lora") ?? [];
    expect(lora.length).toBeGreaterThan(0);
    expect(lora.some((r) => r.unit_price === HIDDEN_UNIT_PRICE)).toBe(true);
    const schnell = res.body.summary?.filter((r) => r.endpoint_id === "fal-ai/flux/schnell") ?? [];
    expect(schnell.every((r) => r.unit === "megapixel")).toBe(true);
    expect(schnell.some((r) => !Number.isInteger(r.quantity))).toBe(true);
  });

  it("every api_key_id in usage is a key GET /keys lists (spend per key joins to aliases)", async () => {
    const res = await usage({ ...OCT, expand: ["summary", "auth_method_structured"] });
    const keyIds = new Set(ACCOUNT_KEYS.map((k) => k.key_id));
    const used = new Set(
      (res.body.summary ?? []).flatMap((r) =>
        r.auth_method_structured?.api_key_id ? [r.auth_method_structured.api_key_id] : [],
      ),
    );
    expect(used.size).toBeGreaterThanOrEqual(3);
    for (const id of used) expect(keyIds.has(id), id).toBe(true);
  });
});

describe("totals", () => {
  it("summary equals the data module's totals for the window", async () => {
    const res = await usage({ ...OCT, expand: "summary" });
    expectTotalsClose(
      totalsOf(res.body.summary ?? []),
      expected(iso("2026-10-01T00:00:00Z"), iso("2026-10-15T00:00:00Z")),
    );
  });

  it("summary totals equal the sum of time_series rows across all pages", async () => {
    const pages = await allPages({
      ...OCT,
      timeframe: "hour",
      expand: ["time_series", "summary"],
      limit: 100,
    });
    expect(pages.length).toBe(4); // 14 days of hours, 100 buckets a page
    const seriesRows = pages.flatMap((p) => p.time_series?.flatMap((b) => b.results) ?? []);
    expectTotalsClose(totalsOf(seriesRows), totalsOf(pages[0]?.summary ?? []));
  });

  it("endpoint_id and api_key_id filter the rows", async () => {
    const ids = ["fal-ai/flux/dev", "fal-ai/tail-model-03", "fal-ai/not-a-model"];
    const res = await usage({ ...OCT, endpoint_id: ids.join(","), expand: "summary" });
    expectTotalsClose(
      totalsOf(res.body.summary ?? []),
      expected(iso("2026-10-01T00:00:00Z"), iso("2026-10-15T00:00:00Z"), { endpoints: ids }),
    );

    const byKey = await usage({
      ...OCT,
      api_key_id: BATCH_KEY.key_id,
      expand: ["summary", "auth_method_structured"],
    });
    expect(
      byKey.body.summary?.every(
        (r) => r.auth_method_structured?.api_key_id === BATCH_KEY.key_id && r.percent_discount === 20,
      ),
    ).toBe(true);
    expectTotalsClose(
      totalsOf(byKey.body.summary ?? []),
      expected(iso("2026-10-01T00:00:00Z"), iso("2026-10-15T00:00:00Z"), { apiKeyId: BATCH_KEY.key_id }),
    );
  });

  it("an unknown endpoint has no usage (no error)", async () => {
    const res = await usage({
      ...OCT,
      endpoint_id: "fal-ai/not-a-model",
      expand: ["time_series", "summary"],
    });
    expect(res.body).toEqual({ time_series: [], summary: [], next_cursor: null, has_more: false });
  });
});

describe("pagination (limit counts buckets)", () => {
  it("default limit is 25 buckets; the cursor is base64 of the next offset", async () => {
    const res = await usage({ start: "2026-09-01", end: "2026-10-01", timeframe: "day" });
    expect(res.body.time_series).toHaveLength(25);
    expect(res.body.has_more).toBe(true);
    expect(Buffer.from(res.body.next_cursor ?? "", "base64").toString()).toBe("25");
  });

  it("returns every bucket exactly once across pages, summary on the first page only", async () => {
    const params = {
      start: "2026-09-01",
      end: "2026-10-01",
      timeframe: "day",
      expand: ["time_series", "summary"],
      limit: 7,
    };
    const pages = await allPages(params);
    expect(pages).toHaveLength(5);
    expect(pages.map((p) => p.summary !== undefined)).toEqual([true, false, false, false, false]);
    expect(pages.at(-1)).toMatchObject({ next_cursor: null, has_more: false });
    const buckets = pages.flatMap((p) => p.time_series?.map((b) => b.bucket) ?? []);
    expect(buckets).toHaveLength(30);
    expect(new Set(buckets).size).toBe(30);
    const single = await usage({ ...params, limit: 100 });
    expect(pages.flatMap((p) => p.time_series ?? [])).toEqual(single.body.time_series);
  });

  it("a limit above 100 is clamped to 100", async () => {
    const res = await usage({ start: "2026-09-01", end: "2026-11-01", timeframe: "hour", limit: 5000 });
    expect(res.body.time_series).toHaveLength(100);
  });
});

describe("time zones and bucket boundaries", () => {
  const offsetOf = (label: string) => label.slice(19);

  it("America/New_York day buckets carry -05:00 before and -04:00 after 2026-03-08", async () => {
    const res = await usage({
      start: "2026-03-07",
      end: "2026-03-10",
      timezone: "America/New_York",
      timeframe: "day",
    });
    expect(res.body.time_series?.map((b) => b.bucket)).toEqual([
      "2026-03-07T00:00:00-05:00",
      "2026-03-08T00:00:00-05:00",
      "2026-03-09T00:00:00-04:00",
    ]);
  });

  it("America/New_York hour buckets skip 02:00 on 2026-03-08 and repeat 01:00 on 2026-11-01", async () => {
    const spring = await usage({
      start: "2026-03-08",
      end: "2026-03-09",
      timezone: "America/New_York",
      timeframe: "hour",
      limit: 100,
    });
    const labels = spring.body.time_series?.map((b) => b.bucket) ?? [];
    expect(labels.some((l) => l.startsWith("2026-03-08T02:"))).toBe(false);
    expect(labels.filter((l) => l.startsWith("2026-03-08T0")).map(offsetOf)).toContain("-04:00");
    for (const l of labels) {
      const dt = DateTime.fromISO(l, { setZone: true });
      expect(DateTime.fromMillis(dt.toMillis(), { zone: "America/New_York" }).offset).toBe(dt.offset);
    }
    const fall = await usage({
      start: "2026-11-01",
      end: "2026-11-02",
      timezone: "America/New_York",
      timeframe: "hour",
      limit: 100,
    });
    const fallLabels = fall.body.time_series?.map((b) => b.bucket) ?? [];
    expect(fallLabels).toContain("2026-11-01T01:00:00-04:00");
    expect(fallLabels).toContain("2026-11-01T01:00:00-05:00");
  });

  it("Europe/Berlin: the 23-hour day of 2026-03-29 holds exactly its own data", async () => {
    const res = await usage({
      start: "2026-03-28",
      end: "2026-03-31",
      timezone: "Europe/Berlin",
      timeframe: "day",
      expand: "time_series",
    });
    expect(res.body.time_series?.map((b) => b.bucket)).toEqual([
      "2026-03-28T00:00:00+01:00",
      "2026-03-29T00:00:00+01:00",
      "2026-03-30T00:00:00+02:00",
    ]);
    const day = res.body.time_series?.[1]?.results ?? [];
    expectTotalsClose(
      totalsOf(day),
      expected(iso("2026-03-29T00:00:00+01:00"), iso("2026-03-30T00:00:00+02:00")),
    );
  });

  it("Asia/Kolkata: buckets fall on local hours and days (+05:30)", async () => {
    const hours = await usage({
      start: "2026-10-05",
      end: "2026-10-06",
      timezone: "Asia/Kolkata",
      timeframe: "hour",
      limit: 100,
    });
    const labels = hours.body.time_series?.map((b) => b.bucket) ?? [];
    expect(labels.length).toBeGreaterThan(12);
    for (const l of labels) expect(l).toMatch(/^2026-10-05T\d\d:00:00\+05:30$/);
    const days = await usage({
      start: "2026-10-05",
      end: "2026-10-07",
      timezone: "Asia/Kolkata",
      timeframe: "day",
    });
    expect(days.body.time_series?.map((b) => b.bucket)).toEqual([
      "2026-10-05T00:00:00+05:30",
      "2026-10-06T00:00:00+05:30",
    ]);
    expectTotalsClose(
      totalsOf(days.body.time_series?.[0]?.results ?? []),
      expected(iso("2026-10-05T00:00:00+05:30"), iso("2026-10-06T00:00:00+05:30")),
    );
  });

  it("week and month buckets, and an auto timeframe of minute for a < 2 hour window", async () => {
    const weeks = await usage({ start: "2026-09-01", end: "2026-10-01", timeframe: "week" });
    expect(weeks.body.time_series?.[0]?.bucket).toBe("2026-08-31T00:00:00+00:00"); // ISO weeks start on Monday
    const months = await usage({
      start: "2026-01-01",
      end: "2026-07-01",
      timezone: "America/New_York",
      timeframe: "month",
    });
    expect(months.body.time_series?.map((b) => b.bucket)).toEqual([
      "2026-01-01T00:00:00-05:00",
      "2026-02-01T00:00:00-05:00",
      "2026-03-01T00:00:00-05:00",
      "2026-04-01T00:00:00-04:00",
      "2026-05-01T00:00:00-04:00",
      "2026-06-01T00:00:00-04:00",
    ]);
    // fal's auto timeframe: 181 days is still weeks, 183 days is months.
    const auto181 = await usage({ start: "2026-01-01", end: "2026-07-01" });
    expect(auto181.body.time_series?.[0]?.bucket).toBe("2025-12-29T00:00:00+00:00");
    const auto183 = await usage({ start: "2026-01-01", end: "2026-07-03" });
    expect(auto183.body.time_series?.at(-1)?.bucket).toBe("2026-07-01T00:00:00+00:00");
    const minutes = await usage({ start: "2026-10-05T12:00:00Z", end: "2026-10-05T13:00:00Z" });
    for (const b of minutes.body.time_series ?? [])
      expect(b.bucket).toMatch(/^2026-10-05T12:\d\d:00\+00:00$/);
  });
});

describe("window edges", () => {
  // A flux/dev hour with traffic: its requests all happen at `at`.
  const hourIndex = Math.floor(iso("2026-10-05T14:00:00Z") / 3_600_000);
  const event = traffic.hour(0, hourIndex);
  const quantity = event?.usage.reduce((s, l) => s + l.quantity, 0) ?? 0;
  const at = event?.at ?? 0;
  const z = (ms: number) => new Date(ms).toISOString();

  it("end is exclusive: requests at exactly `end` are not counted", async () => {
    expect(quantity).toBeGreaterThan(0);
    const base = {
      endpoint_id: "fal-ai/flux/dev",
      bound_to_timeframe: "false",
      timeframe: "hour",
      expand: "summary",
    };
    const excluded = await usage({ ...base, start: z(at - 3_600_000), end: z(at) });
    const included = await usage({ ...base, start: z(at - 3_600_000), end: z(at + 1000) });
    const startsAt = await usage({ ...base, start: z(at), end: z(at + 1000) });
    const sum = (b: UsageResponse) => (b.summary ?? []).reduce((s, r) => s + r.quantity, 0);
    const previousHour = traffic.hour(0, hourIndex - 1);
    const carried =
      previousHour && previousHour.at >= at - 3_600_000
        ? previousHour.usage.reduce((s, l) => s + l.quantity, 0)
        : 0;
    expect(sum(excluded.body)).toBeCloseTo(carried, 6);
    expect(sum(included.body)).toBeCloseTo(carried + quantity, 6);
    expect(sum(startsAt.body)).toBeCloseTo(quantity, 6); // start is inclusive
  });

  it("bound_to_timeframe=true snaps to whole periods; false keeps exact instants but cuts the same buckets", async () => {
    const window = {
      start: "2026-10-05T13:45:00Z",
      end: "2026-10-07T02:10:00Z",
      timeframe: "day",
      expand: ["time_series", "summary"],
    };
    const snapped = await usage({ ...window });
    const exact = await usage({ ...window, bound_to_timeframe: "false" });
    const labels = ["2026-10-05T00:00:00+00:00", "2026-10-06T00:00:00+00:00", "2026-10-07T00:00:00+00:00"];
    expect(snapped.body.time_series?.map((b) => b.bucket)).toEqual(labels);
    expect(exact.body.time_series?.map((b) => b.bucket)).toEqual(labels);
    expectTotalsClose(
      totalsOf(snapped.body.summary ?? []),
      expected(iso("2026-10-05T00:00:00Z"), iso("2026-10-08T00:00:00Z")),
    );
    expectTotalsClose(
      totalsOf(exact.body.summary ?? []),
      expected(iso("2026-10-05T13:45:00Z"), iso("2026-10-07T02:10:00Z")),
    );
  });

  it("nothing in the future and nothing older than 400 days", async () => {
    const recent = await usage({ start: "2026-11-10", end: "2026-11-12", timeframe: "hour", limit: 100 });
    const last = recent.body.time_series?.at(-1)?.bucket ?? "";
    expect(Date.parse(last)).toBeLessThanOrEqual(FIXED_NOW);
    expect(Date.parse(last)).toBeGreaterThan(FIXED_NOW - 2 * 3_600_000);
    const ancient = await usage({
      start: "2025-09-01",
      end: "2025-10-01",
      expand: ["time_series", "summary"],
    });
    expect(ancient.body).toEqual({ time_series: [], summary: [], next_cursor: null, has_more: false });
  });

  it("YYYY-MM-DD dates are midnight in the requested time zone", async () => {
    const res = await usage({
      start: "2026-10-05",
      end: "2026-10-06",
      timezone: "Asia/Kolkata",
      bound_to_timeframe: "false",
      expand: "summary",
    });
    expectTotalsClose(
      totalsOf(res.body.summary ?? []),
      expected(iso("2026-10-05T00:00:00+05:30"), iso("2026-10-06T00:00:00+05:30")),
    );
  });
});

describe("400 validation_error names the parameter", () => {
  it.each([
    [{ start: "05/10/2026" }, "start"],
    [{ start: "2026-10-05T10:00:00" }, "start"], // no offset
    [{ end: "yesterday" }, "end"],
    [{ start: "2026-10-06", end: "2026-10-05" }, "start"],
    [{ start: "2026-10-05", end: "2026-10-05" }, "start"],
    [{ timeframe: "year" }, "timeframe"],
    [{ bound_to_timeframe: "yes" }, "bound_to_timeframe"],
    [{ timezone: "Mars/Olympus_Mons" }, "timezone"],
    [{ endpoint_id: Array.from({ length: 51 }, (_, i) => `fal-ai/m${i}`).join(",") }, "endpoint_id"],
    [{ api_key_id: "" }, "api_key_id"],
    [{ expand: "auth_method" }, "expand"],
    [{ expand: "bogus" }, "expand"],
    [{ limit: 0 }, "limit"],
    [{ limit: -3 }, "limit"],
    [{ cursor: "%%%" }, "cursor"],
  ] as [Record<string, string | number>, string][])("%j", async (params, parameter) => {
    const res = await sim.get<ErrorEnvelope>(`/v1/models/usage?${qs(params)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe("validation_error");
    expect(res.body.error.message).toContain(parameter);
  });

  it("auth is checked before parameters", async () => {
    const res = await sim.get<ErrorEnvelope>("/v1/models/usage?limit=0", { auth: { key: SIM_KEYS.api } });
    expect(res.status).toBe(403);
  });
});

describe('usageShape "mixed" (pre-2026-07-21 legacy rows)', () => {
  afterEach(async () => {
    await sim.control("POST", "/_sim/mode", { usageShape: "current" });
  });

  it("about a third of the rows are legacy; they validate only against the legacy schema; totals are unchanged", async () => {
    const params = { ...OCT, expand: ["time_series", "summary"], limit: 100 };
    const current = await usage(params);
    await sim.control("POST", "/_sim/mode", { usageShape: "mixed" });
    // The legacy schema is fal's usage schema with percent_discount, cost_subtotal, cost_discount and
    // cost_total removed from `required` (the shape before 2026-07-21).
    const mixed = await usage(params, { legacyUsage: true });
    expect(() => assertContract("/v1/models/usage", 200, mixed.body)).toThrow(ContractViolation);

    const rows = [
      ...(mixed.body.time_series?.flatMap((b) => b.results) ?? []),
      ...(mixed.body.summary ?? []),
    ];
    const legacy = rows.filter((r) => r.cost_total === undefined);
    expect(legacy.length / rows.length).toBeGreaterThan(0.25);
    expect(legacy.length / rows.length).toBeLessThan(0.42);
    for (const r of legacy) {
      for (const field of LEGACY_USAGE_FIELDS) expect(r).not.toHaveProperty(field);
      expect(r).toHaveProperty("cost");
    }
    const flat = (b: UsageResponse) => b.time_series?.flatMap((x) => x.results) ?? [];
    expectTotalsClose(totalsOf(flat(mixed.body)), totalsOf(flat(current.body)));
    expectTotalsClose(totalsOf(mixed.body.summary ?? []), totalsOf(current.body.summary ?? []));
  });
});
