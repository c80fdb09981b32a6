import { describe, expect, it } from "vitest";
import type { InsightsResponse } from "./insights";
import { SIM_KEYS } from "./keys";
import { FIXED_NOW, qs, simulatorForSuite, type ErrorEnvelope } from "./testing";
import { ENDPOINT_BY_ID } from "./world";

/** GET /v1/models/insights (beta): bodies validated against the shape in openapi.ts by `sim.get`. */

const sim = simulatorForSuite();
const PATH = "/v1/models/insights";

describe("model insights", () => {
  it("gives weekly fal-wide p50/p90 in ms for public models; none for private or unknown ones", async () => {
    const ids = ["fal-ai/flux/dev", "acme/photobooth-lora", "fal-ai/tail-model-01", "fal-ai/nope"];
    const { status, body } = await sim.get<InsightsResponse>(`${PATH}?${qs({ endpoint_id: ids })}`, {
      auth: { key: SIM_KEYS.api },
    });
    expect(status).toBe(200);
    const dayStart = Math.floor(FIXED_NOW / 86_400_000) * 86_400_000;
    expect(Date.parse(body.evidence.window_end ?? "")).toBe(dayStart);
    expect(Date.parse(body.evidence.window_start ?? "")).toBe(dayStart - 7 * 86_400_000);
    const [flux, lora, tail, nope] = body.evidence.models;
    const profile = ENDPOINT_BY_ID.get("fal-ai/flux/dev")?.profile;
    expect(flux?.evidence?.latency).toMatchObject({
      p50_ms: Math.round((profile?.medianDuration ?? 0) * 1000),
      sufficient_evidence: true,
    });
    expect(flux?.evidence?.latency.p90_ms).toBeGreaterThan(flux?.evidence?.latency.p50_ms ?? Infinity);
    expect(lora?.evidence).toBeNull();
    expect(tail?.evidence?.latency).toMatchObject({ sufficient_evidence: false, p50_ms: null });
    expect(nope?.evidence).toBeNull();
    expect(body.unavailable_endpoint_ids).toEqual(["acme/photobooth-lora", "fal-ai/nope"]);
  });

  it("answers a task query, and refuses bad parameters", async () => {
    const { body } = await sim.get<InsightsResponse>(`${PATH}?${qs({ q: "video", limit: 3 })}`);
    expect(body.models.map((m) => m.endpoint_id)).toEqual([
      "fal-ai/kling-video/v2.1/standard/image-to-video",
    ]);
    for (const [query, field] of [
      [{}, "endpoint_id"],
      [{ endpoint_id: "nope" }, "endpoint_id"],
      [{ endpoint_id: "a/b", q: "x" }, "q"],
      [{ q: "x", limit: 21 }, "limit"],
    ] as const) {
      const res = await sim.get<ErrorEnvelope>(`${PATH}?${qs(query)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
  });
});
