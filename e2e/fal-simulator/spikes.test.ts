import { beforeEach, describe, expect, it } from "vitest";
import { qs, simulatorForSuite } from "./testing";
import type { UsageResponse } from "./usage";
import { ENDPOINTS } from "./world";

/** The `/_sim/spikes` control: usage answers scale inside the window, stay valid, and reset clears them. */

const sim = simulatorForSuite();
const target = ENDPOINTS[0]!.endpoint_id;
const window = { start: "2026-11-09T00:00:00Z", end: "2026-11-09T12:00:00Z" };
const usagePath = `/v1/models/usage?${qs({ ...window, timeframe: "hour", expand: "summary", endpoint_id: target })}`;

async function billed(): Promise<number> {
  // `get` validates the body against fal's OpenAPI document.
  const res = await sim.get<UsageResponse>(usagePath);
  expect(res.status).toBe(200);
  return (res.body.summary ?? []).reduce((sum, r) => sum + (r.cost_total ?? r.cost), 0);
}

beforeEach(() => sim.control("POST", "/_sim/reset"));

describe("/_sim/spikes", () => {
  it("bills the quantities in the window `multiplier` times, and reset clears it", async () => {
    const before = await billed();
    expect(before).toBeGreaterThan(0);
    const added = await sim.control<{ spikes: unknown[] }>("POST", "/_sim/spikes", {
      endpoint_id: target,
      start: "2026-11-08T00:00:00Z",
      end: "2026-11-10T00:00:00Z",
      multiplier: 4,
    });
    expect(added).toEqual({ status: 200, body: { spikes: [expect.objectContaining({ multiplier: 4 })] } });
    expect(await billed()).toBeCloseTo(before * 4, 4);
    await sim.control("POST", "/_sim/reset");
    expect(await billed()).toBeCloseTo(before, 6);
  });

  it("leaves other endpoints and hours alone", async () => {
    const before = await billed();
    await sim.control("POST", "/_sim/spikes", {
      endpoint_id: ENDPOINTS[1]!.endpoint_id,
      start: "2026-11-08T00:00:00Z",
      end: "2026-11-10T00:00:00Z",
      multiplier: 4,
    });
    await sim.control("POST", "/_sim/spikes", {
      endpoint_id: target,
      start: "2026-11-09T12:00:00Z",
      end: "2026-11-10T00:00:00Z",
      multiplier: 4,
    });
    expect(await billed()).toBeCloseTo(before, 6);
  });

  it("refuses a spike that ends before it starts, or without a multiplier", async () => {
    const backwards = await sim.control("POST", "/_sim/spikes", {
      endpoint_id: target,
      start: "2026-11-10T00:00:00Z",
      end: "2026-11-09T00:00:00Z",
      multiplier: 2,
    });
    expect(backwards.status).toBe(400);
    const bare = await sim.control("POST", "/_sim/spikes", { endpoint_id: target, ...window });
    expect(bare.status).toBe(400);
    expect((await sim.control("GET", "/_sim/spikes")).body).toEqual({ spikes: [] });
  });
});
