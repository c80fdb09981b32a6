import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";
import { startSimulator, type Simulator } from "@/e2e/fal-simulator/server";
import type { UsageResponse as SimUsagePage } from "@/e2e/fal-simulator/usage";
import { usageResponse } from "@/lib/contracts/ai";
import { getHandlers } from "@/lib/testing/routes";

/**
 * `/api/ai/usage`: the compact answer the dashboard draws (the default) and the full series on demand
 * (`series=full`), both checked against the rows the simulator bills for the window.
 */

let sim: Simulator;
let routes: Awaited<ReturnType<typeof getHandlers>>;
const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "usage-route-")), "fal-key");
const WINDOW = { start: "2026-10-01T00:00:00Z", end: "2026-10-03T00:00:00Z", timezone: "UTC" };
const query = new URLSearchParams({ ...WINDOW, timeframe: "hour" }).toString();

/** Money as integer nano-dollars, computed here rather than with the code under test. */
const nano = (x: number) => BigInt(Math.round(x * 1e9));

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  writeFileSync(keyFile, SIM_KEYS.admin);
  process.env.FAL_API_BASE_URL = `${sim.url}/v1`;
  process.env.FAL_ADMIN_KEY_FILE = keyFile;
  process.env.DASHBOARD_TIMEZONE = "UTC";
  process.env.REPLICATE_API_TOKEN = "";
  routes = await getHandlers();
});

afterAll(async () => {
  await sim?.close();
});

async function get(q: string): Promise<{ status: number; body: unknown }> {
  const res = await routes["/api/ai/usage"](
    new NextRequest(`http://localhost/api/ai/usage?${q}`),
    undefined as never,
  );
  return { status: res.status, body: (await res.json()) as unknown };
}

/** Billed nano-dollars per bucket start (ms) and endpoint, every page of the simulator's answer summed. */
async function billed(): Promise<Map<number, Map<string, bigint>>> {
  const out = new Map<number, Map<string, bigint>>();
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...WINDOW, timeframe: "hour", limit: "100" });
    if (cursor) params.set("cursor", cursor);
    const res = await fetch(`${sim.url}/v1/models/usage?${params}`, {
      headers: { authorization: `Key ${SIM_KEYS.admin}` },
    });
    const page = (await res.json()) as SimUsagePage;
    for (const b of page.time_series ?? []) {
      const bucket = out.get(Date.parse(b.bucket)) ?? new Map<string, bigint>();
      for (const r of b.results) {
        bucket.set(r.endpoint_id, (bucket.get(r.endpoint_id) ?? BigInt(0)) + nano(r.cost_total ?? r.cost));
      }
      out.set(Date.parse(b.bucket), bucket);
    }
    cursor = page.has_more ? page.next_cursor : null;
  } while (cursor);
  return out;
}

describe("GET /api/ai/usage", () => {
  it("answers the compact series by default: the named stacks exact, Other the rest to the nano-dollar", async () => {
    const res = await get(query);
    expect(res.status).toBe(200);
    const body = usageResponse.parse(res.body);
    expect(body.series_detail).toBe("top");
    const expected = await billed();
    expect(body.series).toHaveLength(expected.size);

    const named = body.stacks.filter((s) => s.key !== "other").map((s) => s.key);
    const models = new Set([...expected.values()].flatMap((b) => [...b.keys()]));
    expect(named).toHaveLength(5);
    expect(body.stacks.at(-1)).toMatchObject({ key: "other", models: models.size - 5 });
    for (const point of body.series) {
      const rows = expected.get(Date.parse(point.bucket))!;
      const total = [...rows.values()].reduce((s, n) => s + n, BigInt(0));
      let rest = total;
      for (const id of named) {
        expect(nano(point.by_model[id] ?? 0), `${point.bucket} ${id}`).toBe(rows.get(id) ?? BigInt(0));
        rest -= rows.get(id) ?? BigInt(0);
      }
      expect(nano(point.by_model.other ?? 0), point.bucket).toBe(rest);
      expect(Object.keys(point.by_model).every((k) => k === "other" || named.includes(k))).toBe(true);
    }
  });

  it("answers every model in every bucket with series=full, with the same stacks", async () => {
    const compact = usageResponse.parse((await get(query)).body);
    const res = await get(`${query}&series=full`);
    expect(res.status).toBe(200);
    const body = usageResponse.parse(res.body);
    expect(body.series_detail).toBe("full");
    expect(body.stacks).toEqual(compact.stacks);
    expect(body.models).toEqual(compact.models);
    const expected = await billed();
    for (const point of body.series) {
      const rows = expected.get(Date.parse(point.bucket))!;
      const got = new Map(Object.entries(point.by_model).map(([id, cost]) => [id, nano(cost)]));
      expect(got, point.bucket).toEqual(rows);
    }
  });

  it("answers the window's totals without series or stacks for series=none", async () => {
    const res = await get(`${query}&series=none`);
    expect(res.status).toBe(200);
    const body = usageResponse.parse(res.body);
    expect(body.series_detail).toBe("none");
    expect(body.series).toEqual([]);
    expect(body.stacks).toEqual([]);
    const expected = await billed();
    const total = [...expected.values()].flatMap((b) => [...b.values()]).reduce((s, n) => s + n, BigInt(0));
    expect(nano(body.total_cost)).toBe(total);
    expect(body.models).toEqual(usageResponse.parse((await get(query)).body).models);
  });

  it.each(["bogus", "", "FULL", "top,full"])(
    "refuses series=%j with a 400 naming the parameter",
    async (value) => {
      const res = await get(`${query}&series=${encodeURIComponent(value)}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "invalid_request", field: "series" } });
    },
  );
});
