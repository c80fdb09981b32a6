import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { NextRequest } from "next/server";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/e2e/fal-simulator/server";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";
import {
  balanceResponse,
  costPerOutcomeResponse,
  keyInventoryResponse,
  performanceResponse,
  usageResponse,
} from "@/lib/contracts/ai";
import { errorBody } from "@/lib/contracts/errors";
import { anomaliesResponse, forecastResponse } from "@/lib/contracts/watch";
import { MAX_BODY_BYTES, eventMetricsResponse, ingestResult } from "@/lib/contracts/events";
import type { EventStore } from "@/lib/events/db";
import { getHandlers } from "@/lib/testing/routes";

/**
 * Bad input everywhere: hostile query strings against every GET route and hostile
 * bodies, headers, content types and sizes against POST /api/ingest. Whatever arrives, a route answers
 * 2xx or 4xx — never 5xx — every 4xx is `{"error":{"code","message",…}}` naming the parameter it refuses
 * (`error.field`, or `error.issues[].field` for ingest), and every 2xx matches the route's contract.
 *
 * The AI routes run against the in-process fal simulator, the event routes against an in-memory PGlite
 * store. Counterexamples are shrunk by fast-check and printed with the seed, so a failure is a repro.
 */

const RUNS = 200;
const TOKEN = "fuzz-ingest-token-0123456789";
const DAY_MS = 86_400_000;
const TODAY = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Fixed by default so CI is reproducible; FUZZ_SEED=<n> replays a run, FUZZ_SEED=random explores. */
const SEED =
  process.env.FUZZ_SEED === "random" ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20_261_122);

// --- query strings ------------------------------------------------------------------------------------

const near = fc.integer({ min: -45, max: 3 }).map((d) => ymd(TODAY + d * DAY_MS));
const edgeDates = fc.constantFrom(
  "2026-02-30",
  "2026-02-29",
  "2024-02-29",
  "2026-04-31",
  "2026-13-01",
  "2026-00-10",
  "2026-11-00",
  "0000-01-01",
  "0001-01-01",
  "1000-06-15",
  "1969-12-31",
  "1970-01-01",
  "1999-12-31",
  "2100-01-01",
  "9999-12-25",
  "9999-12-31",
);
const offset = fc.constantFrom(
  "Z",
  "z",
  "+00:00",
  "-00:00",
  "+24:00",
  "+25:00",
  "-25:00",
  "+14:00",
  "-12:00",
  "+05:45",
  "+0530",
  "+2400",
  "-99:99",
  "+23:59",
  "+00:60",
);
const clock = fc
  .tuple(
    fc.integer({ min: 0, max: 29 }),
    fc.integer({ min: 0, max: 69 }),
    fc.integer({ min: 0, max: 69 }),
    fc.option(fc.stringMatching(/^\d{1,10}$/)),
  )
  .map(
    ([h, m, s, frac]) =>
      `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}${frac === null ? "" : `.${frac}`}`,
  );
const dateTime = fc.tuple(fc.oneof(near, edgeDates), clock, offset).map(([d, t, o]) => `${d}T${t}${o}`);
const instant = fc.oneof(
  { weight: 3, arbitrary: near },
  { weight: 2, arbitrary: edgeDates },
  { weight: 3, arbitrary: dateTime },
);

const timezone = fc.constantFrom(
  "UTC",
  "utc",
  "Etc/UTC",
  "GMT",
  "America/New_York",
  "america/new_york",
  "Europe/Berlin",
  "Europe/Kyiv",
  "Europe/Kiev",
  "Asia/Kathmandu",
  "Asia/Calcutta",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
  "Australia/Lord_Howe",
  "Etc/GMT+12",
  "Etc/GMT-14",
  "EST5EDT",
  "US/Pacific",
  // look valid, are not
  "America/Nowhere",
  "Mars/Olympus",
  "UTC+5",
  "GMT+05:30",
  "+05:00",
  "Europe/Berlin ",
  " UTC",
  "Etc/GMT+15",
  "Local",
  "",
);
const timeframe = fc.constantFrom(
  "minute",
  "hour",
  "day",
  "week",
  "month",
  "Day",
  "DAY",
  "days",
  "year",
  "quarter",
  "",
  " day",
);
const eventIdValue = fc.oneof(
  fc.constantFrom(
    "smith-wedding",
    "expo.2026",
    "a:b_c-d",
    "x".repeat(128),
    "x".repeat(129),
    "a/b",
    "a b",
    "",
    "ünïcode",
    "%00",
  ),
  fc.stringMatching(/^[A-Za-z0-9._:-]{1,20}$/),
);
const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "null",
    "undefined",
    "NaN",
    "Infinity",
    "-0",
    "1e308",
    "99999999999999999999999",
    "0x1F",
    "\u0000",
    "😀",
    "\uD800",
    "' OR 1=1 --",
    "<script>",
  ),
  fc.bigInt().map(String),
  fc.double().map(String),
  fc.string({ minLength: 2_000, maxLength: 4_000 }),
);
const knownKey = fc.constantFrom("start", "end", "timezone", "timeframe", "event_id", "refresh");
const valueFor = (key: string): fc.Arbitrary<string> => {
  switch (key) {
    case "start":
    case "end":
      return fc.oneof({ weight: 4, arbitrary: instant }, { weight: 1, arbitrary: junk });
    case "timezone":
      return fc.oneof({ weight: 4, arbitrary: timezone }, { weight: 1, arbitrary: junk });
    case "timeframe":
      return fc.oneof({ weight: 4, arbitrary: timeframe }, { weight: 1, arbitrary: junk });
    case "event_id":
      return fc.oneof({ weight: 4, arbitrary: eventIdValue }, { weight: 1, arbitrary: junk });
    default:
      return fc.oneof(fc.constant("1"), junk);
  }
};
/**
 * Tight windows around the bucket edges: a start some seconds into a minute or hour and a span near the
 * 2-hour and 2-day limits where the automatic timeframe changes, so snapping is exercised.
 */
const isoAt = (ms: number, offsetMinutes: number) => {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().replace(/Z$/, "");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
};
const tightWindow = fc
  .record({
    day: fc.integer({ min: -30, max: 0 }),
    startMs: fc.integer({ min: 0, max: 86_399_999 }),
    span: fc.oneof(
      fc.integer({ min: 1, max: 7_300_000 }),
      fc.integer({ min: 7_190_000, max: 7_210_000 }),
      fc.integer({ min: 172_700_000, max: 172_900_000 }),
    ),
    offsetMinutes: fc.constantFrom(0, 60, -300, 330, 345, -570, 840),
  })
  .map(({ day, startMs, span, offsetMinutes }): [string, string][] => {
    const start = TODAY + day * DAY_MS + startMs;
    return [
      ["start", isoAt(start, offsetMinutes)],
      ["end", isoAt(start + span, offsetMinutes)],
    ];
  });
/** A mostly plausible query (each parameter present or not), then extra pairs: repeats and random keys. */
const queryPairs: fc.Arbitrary<[string, string][]> = fc
  .tuple(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .subarray(["start", "end", "timezone", "timeframe", "event_id"])
          .chain((keys) => fc.tuple(...keys.map((k) => valueFor(k).map((v): [string, string] => [k, v])))),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(tightWindow, fc.option(timezone), fc.option(timeframe))
          .map(([w, tz, tf]): [string, string][] => [
            ...w,
            ...(tz === null ? [] : [["timezone", tz] as [string, string]]),
            ...(tf === null ? [] : [["timeframe", tf] as [string, string]]),
          ]),
      },
    ),
    fc.array(
      fc
        .oneof(knownKey, fc.string({ maxLength: 12 }))
        .chain((k) => valueFor(k).map((v): [string, string] => [k, v])),
      { maxLength: 3 },
    ),
  )
  .map(([base, extra]) => [...base, ...extra]);
/** Raw fragments URLSearchParams would never produce: bad percent-escapes, bare keys, stray separators. */
const rawTail = fc.option(
  fc.constantFrom(
    "%",
    "%ZZ",
    "%E0%A4%A",
    "&&&",
    "=",
    "==",
    "start",
    "start=",
    "a=b=c",
    "%00=%00",
    "timezone=%F0%9F",
    "end=2026-11-05%00",
  ),
  {
    freq: 4,
  },
);
const query = fc.tuple(queryPairs, rawTail).map(([pairs, tail]) => {
  const qs = new URLSearchParams(pairs).toString();
  return { qs: tail === null ? qs : `${qs}&${tail}` };
});

// --- harness ------------------------------------------------------------------------------------------

type Get = (req: NextRequest, ctx: unknown) => Promise<Response>;
type Answer = { status: number; text: string; json: unknown };
const answer = async (res: Response): Promise<Answer> => {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
};

let sim: Simulator;
let store: EventStore;
let routes: Record<string, Get>;
let post: Get;
const seen: Record<string, Record<number, number>> = {};
const tally = (route: string, status: number) => {
  const r = (seen[route] ??= {});
  r[status] = (r[status] ?? 0) + 1;
};

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  process.env.FAL_API_BASE_URL = `${sim.url}/v1`;
  process.env.FAL_ADMIN_KEY = SIM_KEYS.admin;
  process.env.REPLICATE_API_BASE_URL = `${sim.url}/replicate/v1`;
  process.env.REPLICATE_API_TOKEN = SIM_KEYS.replicate;
  process.env.FAL_TIMEOUT_MS = "10000";
  // Repeated windows are served from the cache, which keeps 1,400 requests inside the time budget.
  process.env.FAL_CACHE_TTL_SECONDS = "300";
  process.env.DASHBOARD_TIMEZONE = "UTC";

  const { testEngines } = await import("@/lib/events/test-engines");
  store = await testEngines()[0]!.open();
  (await import("@/lib/events/context")).overrideEventsContext({ store, ingestToken: TOKEN });
  const { ingestActivities } = await import("@/lib/events/ingest");
  await ingestActivities(store, {
    activities: Array.from({ length: 30 }, (_, i) => ({
      id: randomUUID(),
      event_id: i % 2 ? "smith-wedding" : "expo.2026",
      type: ["photo.generated", "photo.viewed", "photo.shared"][i % 3],
      occurred_at: new Date(Date.now() - i * 7_200_000).toISOString(),
      endpoint_id: "fal-ai/flux/dev",
    })),
  });
  routes = await getHandlers();
  post = (await import("@/app/api/ingest/route")).POST;
}, 60_000);

afterAll(async () => {
  (await import("@/lib/events/context")).overrideEventsContext({});
  await store?.close();
  await sim?.close();
  console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays it); statuses seen per route:`);
  console.table(seen);
});

/** What a 2xx of each route must look like. */
const CONTRACT: Record<string, z.ZodType> = {
  "/api/ai/usage": usageResponse,
  "/api/ai/performance": performanceResponse,
  "/api/ai/balance": balanceResponse,
  "/api/ai/cost-per-outcome": costPerOutcomeResponse,
  "/api/ai/keys": keyInventoryResponse,
  "/api/ai/forecast": forecastResponse,
  "/api/ai/anomalies": anomaliesResponse,
  "/api/events/metrics": eventMetricsResponse,
};

/**
 * A start/end value no calendar has: Feb 30, month 13, day 0, hour 25, minute 60, an offset of +25:00.
 * Year 0 and year 9999 are real ISO dates, so they are not here (they must only never be a 5xx).
 */
function impossibleInstant(value: string | undefined): boolean {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-](\d{2}):?(\d{2})))?$/.exec(
      value ?? "",
    );
  if (!m) return false;
  const [y, mo, d, h, mi, sec, oh, om] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > new Date(Date.UTC(y!, mo!, 0)).getUTCDate()) return true;
  if (h !== undefined && (h > 24 || mi! > 59 || (sec ?? 0) > 60)) return true;
  return oh !== undefined && (oh > 23 || om! > 59);
}

/** Always run first, whatever the seed: one input per class of problem found so far. */
const TWO_DAYS_AGO = ymd(TODAY - 2 * DAY_MS);
const QUERY_EXAMPLES: [{ qs: string }][] = [
  "end=0000-01-01",
  "start=0000-01-01&end=0000-01-05",
  "start=9999-12-25&end=9999-12-31&timeframe=month",
  "start=2026-11-05T10:00:00%2B25:00",
  "end=2026-11-05T10:00:00-25:00",
  `start=${TWO_DAYS_AGO}T00:00:09.996%2B00:00&end=${TWO_DAYS_AGO}T02:00:00.001%2B00:00`,
  "start=2026-02-30",
  "timezone=Mars%2FOlympus&timeframe=fortnight&timeframe=day",
].map((qs) => [{ qs }]);
const runs = { numRuns: RUNS, seed: SEED, examples: QUERY_EXAMPLES };

const QUERY_ROUTES = [
  "/api/ai/usage",
  "/api/ai/performance",
  "/api/ai/balance",
  "/api/ai/cost-per-outcome",
  "/api/ai/keys",
  "/api/ai/forecast",
  "/api/ai/anomalies",
  "/api/events/metrics",
];

/** Routes whose answer does not depend on a window: start and end mean nothing to them. */
const WINDOWLESS = ["/api/ai/balance", "/api/ai/forecast", "/api/ai/anomalies"];

async function ask(route: string, qs: string): Promise<{ a: Answer; params: URLSearchParams }> {
  const req = new NextRequest(`http://localhost${route}?${qs}`);
  const a = await answer(await routes[route]!(req, undefined));
  tally(route, a.status);
  // What the route itself sees (raw fragments included); a repeated key counts with its last value.
  return { a, params: req.nextUrl.searchParams };
}

describe("hostile query strings", () => {
  for (const route of QUERY_ROUTES) {
    it(`GET ${route}: never 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(query, async ({ qs }) => {
          const { a } = await ask(route, qs);
          expect(a.status, `${a.status} ${a.text.slice(0, 300)}`).toBeLessThan(500);
          expect(a.status, `${a.status} ${a.text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
          expect(a.status >= 300 && a.status < 400).toBe(false);
        }),
        runs,
      );
    }, 90_000);

    it(`GET ${route}: a 4xx is the error envelope naming a parameter that was sent; a 2xx is the contract`, async () => {
      await fc.assert(
        fc.asyncProperty(query, async ({ qs }) => {
          const { a, params } = await ask(route, qs);
          const where = `${a.status} ${a.text.slice(0, 400)}`;
          if (a.status >= 500) return; // the property above owns 5xx
          if (a.status >= 400) {
            const parsed = errorBody.safeParse(a.json);
            expect(parsed.success, where).toBe(true);
            if (!parsed.success) return;
            expect(parsed.data.error.code.length, where).toBeGreaterThan(0);
            expect(parsed.data.error.message.length, where).toBeGreaterThan(0);
            expect(
              [...new Set(params.keys())],
              `${where}\nerror.field must name a parameter that was sent`,
            ).toContain(parsed.data.error.field);
            return;
          }
          const parsed = CONTRACT[route]!.safeParse(a.json);
          expect(parsed.success, `${where}\n${parsed.error?.message ?? ""}`).toBe(true);
          // Balance, forecast and anomalies take no window; every other route must refuse a date no calendar has.
          if (!WINDOWLESS.includes(route)) {
            for (const key of ["start", "end"]) {
              expect(
                impossibleInstant(params.getAll(key).at(-1)),
                `${key}=${params.getAll(key).at(-1)} was accepted: ${where}`,
              ).toBe(false);
            }
          }
        }),
        runs,
      );
    }, 90_000);
  }

  it("GET /api/health/providers ignores any query: the simulator is healthy, so 200", async () => {
    await fc.assert(
      fc.asyncProperty(query, async ({ qs }) => {
        const { a } = await ask("/api/health/providers", qs);
        expect(a.status, `${a.status} ${a.text.slice(0, 300)}`).toBe(200);
        expect(a.json).toMatchObject({ fal: "ok", replicate: "ok", fal_error: null, replicate_error: null });
      }),
      runs,
    );
  }, 90_000);
});

// --- ingest -------------------------------------------------------------------------------------------

const ACTIVITY_FIELDS = [
  "id",
  "event_id",
  "event_name",
  "type",
  "occurred_at",
  "endpoint_id",
  "fal_request_id",
  "properties",
] as const;
const validActivity = () => ({
  id: randomUUID(),
  event_id: "smith-wedding",
  event_name: "Smith wedding",
  type: "photo.generated",
  occurred_at: new Date(Date.now() - 60_000).toISOString(),
  endpoint_id: "fal-ai/flux/dev",
  fal_request_id: "req_1",
  properties: { style: "neon" },
});
const anyJson = fc.jsonValue({ maxDepth: 3 });
/** An activity with some fields replaced by hostile values, some dropped, maybe an unknown one added. */
const activity = fc
  .record({
    replace: fc.dictionary(
      fc.constantFrom(...ACTIVITY_FIELDS),
      fc.oneof(
        anyJson,
        instant,
        junk,
        fc.dictionary(
          fc.string({ unit: "binary", maxLength: 5 }),
          fc.string({ unit: "binary", maxLength: 10 }),
          { maxKeys: 3 },
        ),
        fc.constantFrom(
          null,
          0,
          -1,
          1e21,
          true,
          [],
          {},
          "2026-02-30T00:00:00Z",
          "2026-11-05T10:00:00+25:00",
          "ffffffff-ffff-ffff-ffff-ffffffffffff",
        ),
      ),
      { maxKeys: 3 },
    ),
    drop: fc.subarray([...ACTIVITY_FIELDS], { maxLength: 2 }),
    extra: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), anyJson)),
    bigProperties: fc.option(fc.integer({ min: 4_000, max: 5_000 }), { freq: 8 }),
  })
  .map(({ replace, drop, extra, bigProperties }) => {
    const a: Record<string, unknown> = { ...validActivity(), ...replace };
    for (const f of drop) delete a[f];
    if (extra) a[extra[0]] = extra[1];
    if (bigProperties !== null) a.properties = { blob: "x".repeat(bigProperties) };
    return a;
  });
/** The body as bytes: well-formed batches, arbitrary JSON, broken JSON, invalid UTF-8, oversize. */
const ingestBody = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .array(fc.oneof({ weight: 3, arbitrary: activity }, { weight: 1, arbitrary: anyJson }), {
        maxLength: 6,
      })
      .map((activities) => JSON.stringify({ activities })),
  },
  { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
  {
    weight: 1,
    arbitrary: fc.record({ activities: anyJson, extra: fc.option(anyJson) }).map((v) => JSON.stringify(v)),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      "{",
      '{"activities":[',
      '\uFEFF{"activities":[]}',
      '{"activities":[]}garbage',
      '{"activities":null}',
      '{"activities":{}}',
      '{"__proto__":{"activities":[]}}',
      '{"activities":[],"activities":[1]}',
      "null",
      "[]",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => new Uint8Array([0x7b, 0xff, 0xfe, ...bytes])),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(1001, 1500)
      .map((n) => JSON.stringify({ activities: Array.from({ length: n }, () => ({})) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(MAX_BODY_BYTES - 1, MAX_BODY_BYTES + 1, 2 * MAX_BODY_BYTES)
      .map((n) => `{"activities":[],"pad":"${"p".repeat(Math.max(0, n - 30))}"}`),
  },
);
/** Mostly the right token and media type, so most cases reach the body; the rest are refused early. */
const authorization = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `Bearer   ${TOKEN}  `) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      `Bearer ${TOKEN}x`,
      `Key ${TOKEN}`,
      `Basic ${TOKEN}`,
      "Bearer",
      "Bearer ",
      TOKEN,
      "",
      undefined,
    ),
  },
);
const contentType = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "application/json;",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "application/json; charset=latin1",
      "application/jsonx",
      "text/json",
      "text/plain",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
      "",
      undefined,
    ),
  },
);
const contentLength = fc.option(
  fc.constantFrom("0", "-1", "abc", "1e6", "99999999999999", String(MAX_BODY_BYTES + 1), "1048576"),
  { freq: 3 },
);

type IngestCase = [
  body: string | Uint8Array<ArrayBuffer>,
  auth: string | undefined,
  type: string | undefined,
  length: string | null,
];
const ingestCase = fc.tuple(ingestBody, authorization, contentType, contentLength);
const batch = (...activities: Record<string, unknown>[]) => JSON.stringify({ activities });
const INGEST_EXAMPLES: [IngestCase][] = (
  [
    [batch(validActivity()), undefined, "application/json", null],
    [batch(validActivity()), `Bearer ${TOKEN}`, "text/plain", null],
    [
      batch({ ...validActivity(), occurred_at: "0000-01-01T00:00:00Z" }),
      `Bearer ${TOKEN}`,
      "application/json",
      null,
    ],
    [
      batch({ ...validActivity(), occurred_at: "2026-11-05T10:00:00+25:00" }),
      `Bearer ${TOKEN}`,
      "application/json",
      null,
    ],
    [batch({ ...validActivity(), properties: { a: "\u0000" } }), `Bearer ${TOKEN}`, "application/json", null],
    [batch({ ...validActivity(), event_name: "a\u0000b" }), `Bearer ${TOKEN}`, "application/json", null],
    [batch({ ...validActivity(), properties: { a: "\uD800" } }), `Bearer ${TOKEN}`, "application/json", null],
    ['{"activities":[]}', `Bearer ${TOKEN}`, "application/json", String(MAX_BODY_BYTES + 1)],
  ] satisfies IngestCase[]
).map((c) => [c]);
const ingestRuns = { numRuns: RUNS, seed: SEED, examples: INGEST_EXAMPLES };

async function ingest([body, auth, type, length]: IngestCase): Promise<Answer> {
  const headers = new Headers();
  if (auth !== undefined) headers.set("authorization", auth);
  if (type !== undefined) headers.set("content-type", type);
  if (length !== null) headers.set("content-length", length);
  const a = await answer(
    await post(new NextRequest("http://localhost/api/ingest", { method: "POST", headers, body }), undefined),
  );
  tally("/api/ingest", a.status);
  return a;
}

describe("hostile POST /api/ingest", () => {
  it("never 5xx; a 2xx is the ingest result, a 4xx the error envelope", async () => {
    await fc.assert(
      fc.asyncProperty(ingestCase, async (c) => {
        const a = await ingest(c);
        const where = `${a.status} ${a.text.slice(0, 400)}`;
        expect(a.status, where).toBeGreaterThanOrEqual(200);
        expect(a.status, where).toBeLessThan(500);
        if (a.status < 300) expect(ingestResult.safeParse(a.json).success, where).toBe(true);
        else {
          const parsed = errorBody.safeParse(a.json);
          expect(parsed.success, where).toBe(true);
          expect(parsed.data?.error.code.length, where).toBeGreaterThan(0);
          expect(parsed.data?.error.message.length, where).toBeGreaterThan(0);
        }
      }),
      ingestRuns,
    );
  }, 90_000);

  it("a refused body (400, 413) names the field: error.field and every error.issues[].field", async () => {
    await fc.assert(
      fc.asyncProperty(ingestCase, async (c) => {
        const a = await ingest(c);
        if (a.status !== 400 && a.status !== 413) return;
        const where = `${a.status} ${a.text.slice(0, 400)}`;
        const { error } = errorBody.parse(a.json);
        expect(error.field, where).toEqual(expect.any(String));
        // An unknown key is named as sent, even "" or " "; every other issue names a real field.
        for (const issue of error.issues ?? []) {
          expect(issue.field, where).toEqual(expect.any(String));
          if (issue.message !== "unknown field") expect(issue.field, where).toMatch(/\S/);
        }
        const named = (error.issues ?? []).map((i) => i.field);
        if (named.length > 0) expect(named, where).toContain(error.field);
      }),
      ingestRuns,
    );
  }, 90_000);

  it("a refused request (401, 415) names what it refused in error.field", async () => {
    await fc.assert(
      fc.asyncProperty(ingestCase, async (c) => {
        const a = await ingest(c);
        if (a.status !== 401 && a.status !== 415) return;
        const { error } = errorBody.parse(a.json);
        // The "parameter" of a header-level refusal is the header: authorization or content-type.
        expect(error.field, `${a.status} ${a.text}`).toBe(
          a.status === 401 ? "authorization" : "content-type",
        );
      }),
      ingestRuns,
    );
  }, 90_000);
});
