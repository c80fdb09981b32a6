import { describe, expect, it } from "vitest";
import { DEMO_ALL_MODELS, DEMO_LONG_TAIL, DEMO_MODELS } from "@/lib/demo/catalog";
import { currentBalance } from "./account";
import { SIM_KEYS } from "./keys";
import { simulatorForSuite, qs, type ErrorEnvelope } from "./testing";
import { ACCOUNT_KEYS } from "./world";

/**
 * GET /models, /models/pricing, /account/billing and /keys (docs/fal-api-notes.md, "Endpoints the
 * dashboard calls").
 */

type ModelsBody = {
  models: {
    endpoint_id: string;
    metadata?: {
      display_name: string;
      category: string;
      status: string;
      is_favorited: boolean | null;
    } & Record<string, unknown>;
    openapi?: unknown;
    enterprise_status?: string;
  }[];
  next_cursor: string | null;
  has_more: boolean;
};
type PricingBody = {
  prices: { endpoint_id: string; unit_price: number; unit: string; currency: string }[];
  next_cursor: null;
  has_more: false;
};
type KeysBody = {
  keys: {
    key_id: string;
    alias: string;
    scope: string;
    created_at: string;
    creator_nickname?: string;
    creator_email?: string;
  }[];
  next_cursor: string | null;
  has_more: boolean;
};

const sim = simulatorForSuite();

describe("GET /models", () => {
  it("lists every catalog endpoint across pages, each exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: ModelsBody } = await sim.get<ModelsBody>(
        `/v1/models?${qs({ limit: 25, ...(cursor ? { cursor } : {}) })}`,
      );
      seen.push(...page.body.models.map((m) => m.endpoint_id));
      expect(page.body.has_more).toBe(page.body.next_cursor !== null);
      cursor = page.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(DEMO_ALL_MODELS.length / 25));
    expect(seen).toEqual(DEMO_ALL_MODELS.map((m) => m.endpoint_id));
  });

  it("default page is 50 and a limit above 100 is clamped", async () => {
    expect((await sim.get<ModelsBody>("/v1/models")).body.models).toHaveLength(50);
    expect((await sim.get<ModelsBody>("/v1/models?limit=1000")).body.models).toHaveLength(
      DEMO_ALL_MODELS.length,
    );
  });

  it("finds by endpoint_id (comma-separated and repeated); unknown ids simply do not appear", async () => {
    const comma = await sim.get<ModelsBody>(
      "/v1/models?endpoint_id=fal-ai/flux/dev,fal-ai/nope,fal-ai/flux/schnell",
    );
    const repeated = await sim.get<ModelsBody>(
      "/v1/models?endpoint_id=fal-ai/flux/dev&endpoint_id=fal-ai/nope&endpoint_id=fal-ai/flux/schnell",
    );
    expect(comma.body.models.map((m) => m.endpoint_id)).toEqual(["fal-ai/flux/dev", "fal-ai/flux/schnell"]);
    expect(repeated.body).toEqual(comma.body);
  });

  it("metadata comes from the catalog; is_favorited is null without a key and boolean with one", async () => {
    const anon = await sim.get<ModelsBody>("/v1/models?endpoint_id=fal-ai/flux/dev", { auth: { key: null } });
    const authed = await sim.get<ModelsBody>("/v1/models?endpoint_id=fal-ai/flux/dev", {
      auth: { key: SIM_KEYS.api },
    });
    const model = DEMO_MODELS[0];
    expect(anon.body.models[0]?.metadata).toMatchObject({
      display_name: model?.display_name,
      category: model?.category,
      is_favorited: null,
      highlighted: false,
      pinned: false,
      model_url: "https://fal.run/fal-ai/flux/dev",
    });
    expect(authed.body.models[0]?.metadata?.is_favorited).toBe(true);
  });

  it("searches with q, category and status", async () => {
    const video = await sim.get<ModelsBody>("/v1/models?category=image-to-video");
    expect(video.body.models.map((m) => m.endpoint_id)).toEqual([
      "fal-ai/kling-video/v2.1/standard/image-to-video",
    ]);
    const q = await sim.get<ModelsBody>("/v1/models?q=FLUX");
    expect(q.body.models.map((m) => m.endpoint_id)).toEqual([
      "fal-ai/flux/dev",
      "fal-ai/flux-pro/v1.1-ultra",
      "fal-ai/flux/schnell",
    ]);
    const deprecated = await sim.get<ModelsBody>("/v1/models?status=deprecated&limit=100");
    expect(deprecated.body.models.length).toBeGreaterThan(0);
    expect(deprecated.body.models.every((m) => m.metadata?.status === "deprecated")).toBe(true);
    const active = await sim.get<ModelsBody>("/v1/models?status=active&limit=100");
    expect(active.body.models.length + deprecated.body.models.length).toBe(DEMO_ALL_MODELS.length);
  });

  it("expands openapi-3.0 and enterprise_status", async () => {
    const res = await sim.get<ModelsBody>(
      "/v1/models?endpoint_id=fal-ai/flux/dev&expand=openapi-3.0&expand=enterprise_status",
    );
    expect(res.body.models[0]?.openapi).toMatchObject({ openapi: "3.0.4" });
    expect(res.body.models[0]?.enterprise_status).toBe("ready");
  });

  it.each([
    ["status=retired", "status"],
    ["limit=0", "limit"],
    ["limit=abc", "limit"],
    ["cursor=!!!", "cursor"],
    ["cursor=bm90LWEtbnVtYmVy", "cursor"], // base64 of "not-a-number"
    ["expand=everything", "expand"],
    [`endpoint_id=${Array.from({ length: 51 }, (_, i) => `m${i}`).join(",")}`, "endpoint_id"],
  ])("400 for %s", async (query, param) => {
    const res = await sim.get<ErrorEnvelope>(`/v1/models?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe("validation_error");
    expect(res.body.error.message).toContain(param);
  });
});

describe("GET /models/pricing", () => {
  it("prices up to 50 endpoints in request order, with the pricing unit where it differs", async () => {
    const ids = DEMO_MODELS.filter((m) => m.unit_price !== null).map((m) => m.endpoint_id);
    const res = await sim.get<PricingBody>(`/v1/models/pricing?endpoint_id=${ids.join(",")}`, {
      auth: { key: SIM_KEYS.api },
    });
    expect(res.body.has_more).toBe(false);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.prices.map((p) => p.endpoint_id)).toEqual(ids);
    const kling = res.body.prices.find((p) => p.endpoint_id.includes("kling"));
    expect(kling).toEqual({
      endpoint_id: "fal-ai/kling-video/v2.1/standard/image-to-video",
      unit_price: 0.25,
      unit: "second",
      currency: "USD",
    });
    const fifty = DEMO_LONG_TAIL.slice(0, 50).map((m) => m.endpoint_id);
    const many = await sim.get<PricingBody>(`/v1/models/pricing?${qs({ endpoint_id: fifty })}`);
    expect(many.body.prices).toHaveLength(50);
  });

  it.each([
    ["an unpriced endpoint", "fal-ai/flux/dev,acme/photobooth-lora"],
    ["an unknown endpoint", "fal-ai/flux/dev,fal-ai/not-a-model"],
  ])("404s the whole request when it names %s", async (_label, ids) => {
    const res = await sim.get<ErrorEnvelope>(`/v1/models/pricing?endpoint_id=${ids}`);
    expect(res.status).toBe(404);
    expect(res.body.error.type).toBe("not_found");
  });

  it.each([
    ["", "endpoint_id"],
    ["endpoint_id=", "endpoint_id"],
    [`endpoint_id=${DEMO_LONG_TAIL.map((m) => m.endpoint_id).join(",")}`, "endpoint_id"],
  ])("400 for '%s'", async (query, param) => {
    const res = await sim.get<ErrorEnvelope>(`/v1/models/pricing?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(param);
  });
});

describe("GET /account/billing", () => {
  it("username only, credits with expand=credits", async () => {
    expect((await sim.get("/v1/account/billing")).body).toEqual({ username: "sim-team" });
    const res = await sim.get("/v1/account/billing?expand=credits");
    expect(res.body).toEqual({
      username: "sim-team",
      credits: { current_balance: currentBalance(42), currency: "USD" },
    });
  });
  it("400 for an unknown expand", async () => {
    expect((await sim.get("/v1/account/billing?expand=invoices")).status).toBe(400);
  });
});

describe("GET /keys", () => {
  it("lists the account's API keys, some older than 90 days", async () => {
    const res = await sim.get<KeysBody>("/v1/keys");
    expect(res.body.keys.map((k) => k.key_id)).toEqual(ACCOUNT_KEYS.map((k) => k.key_id));
    expect(res.body.keys.every((k) => k.scope === "API" && k.creator_email === undefined)).toBe(true);
    const ninetyDaysAgo = Date.parse("2026-11-10T00:00:00Z") - 90 * 86_400_000;
    expect(
      res.body.keys.filter((k) => Date.parse(k.created_at) < ninetyDaysAgo).length,
    ).toBeGreaterThanOrEqual(2);
  });
  it("pages with limit/cursor and expands creator_info", async () => {
    const first = await sim.get<KeysBody>("/v1/keys?limit=2&expand=creator_info");
    expect(first.body.keys).toHaveLength(2);
    expect(first.body.has_more).toBe(true);
    expect(first.body.keys[0]).toMatchObject({
      creator_nickname: "mara",
      creator_email: "mara@sim-team.example",
    });
    const ids = first.body.keys.map((k) => k.key_id);
    let cursor = first.body.next_cursor;
    while (cursor) {
      const page: { body: KeysBody } = await sim.get<KeysBody>(`/v1/keys?limit=2&cursor=${cursor}`);
      ids.push(...page.body.keys.map((k) => k.key_id));
      cursor = page.body.next_cursor;
    }
    expect(ids).toEqual(ACCOUNT_KEYS.map((k) => k.key_id));
  });
  it("400 for limit=0", async () => {
    expect((await sim.get("/v1/keys?limit=0")).status).toBe(400);
  });
});
