import { DEMO_ALL_MODELS, type DemoModel } from "@/lib/demo/catalog";
import { hashString, unitHash } from "./hash";
import { SIM_KEYS } from "./keys";

/**
 * The simulated account: who it is, its API keys, and the endpoints it calls with their traffic and
 * latency profiles. Everything here is static; `data.ts` turns it into hourly traffic.
 */

export const ACCOUNT_USERNAME = "sim-team";
export const CURRENCY = "USD";
/** Price billed for endpoints whose catalog price is null: fal bills them, but its pricing API has no record. */
export const HIDDEN_UNIT_PRICE = 0.03;
/** Percentage discount negotiated for the batch key's traffic (fal's own usage example uses 20). */
export const BATCH_DISCOUNT_PERCENT = 20;
/** The legacy integration is still billed at the price before the last price cut. */
export const LEGACY_PRICE_FACTOR = 1.2;

export type AccountKey = {
  key_id: string;
  alias: string;
  created_at: string;
  creator_nickname: string;
  creator_email: string;
};

/** The part before ':' of a `key_id:key_secret` key. */
function keyIdOf(fullKey: string): string {
  return fullKey.split(":")[0] ?? fullKey;
}

/**
 * The keys `GET /keys` lists: only keys on the API preset or the legacy API scope (fal: "keys on other
 * presets or custom policies are not listed"); their ids are the `api_key_id`s of usage rows. The
 * dashboard's own keys (Read-only, Billing, Full, legacy ADMIN, custom policies) and the revoked key
 * never appear.
 */
export const ACCOUNT_KEYS: readonly AccountKey[] = [
  {
    key_id: "7c1e4a92-53d1-4b0e-9d3f-2a6c8e1b5f70",
    alias: "Production Key",
    created_at: "2025-06-03T09:12:44Z",
    creator_nickname: "mara",
    creator_email: "mara@sim-team.example",
  },
  {
    key_id: "e5b83d10-b7a2-4f6a-8c21-9d7e0a3b6c15",
    alias: "Batch Jobs",
    created_at: "2025-10-20T14:03:10Z",
    creator_nickname: "devon",
    creator_email: "devon@sim-team.example",
  },
  {
    key_id: "0a9f6c37-2e84-41d8-b5e2-7f3c1e8d4a26",
    alias: "Staging",
    created_at: "2026-09-28T08:45:00Z",
    creator_nickname: "devon",
    creator_email: "devon@sim-team.example",
  },
  {
    key_id: "b2d47e08-9c16-4a93-8e6f-1c5b9d2a7e31",
    alias: "Legacy integration",
    created_at: "2025-02-11T17:30:21Z",
    creator_nickname: "mara",
    creator_email: "mara@sim-team.example",
  },
  {
    key_id: keyIdOf(SIM_KEYS.api),
    alias: "Reporting script (legacy API scope)",
    created_at: "2026-10-30T11:00:00Z",
    creator_nickname: "mara",
    creator_email: "mara@sim-team.example",
  },
  {
    key_id: keyIdOf(SIM_KEYS.apiPreset),
    alias: "Website",
    created_at: "2026-11-20T16:20:00Z",
    creator_nickname: "devon",
    creator_email: "devon@sim-team.example",
  },
];

function accountKey(alias: string): AccountKey {
  const key = ACCOUNT_KEYS.find((k) => k.alias === alias);
  if (!key) throw new Error(`no account key ${alias}`);
  return key;
}

export const PROD_KEY = accountKey("Production Key");
export const BATCH_KEY = accountKey("Batch Jobs");
export const STAGING_KEY = accountKey("Staging");
export const LEGACY_KEY = accountKey("Legacy integration");
/** Playground traffic from a team member: usage rows with a login username and no api_key_id. */
export const PLAYGROUND_LOGIN = "mara";

/**
 * One billing line variant of an endpoint: who called (key or login), at which unit price and discount.
 * Usage rows are split along these, exactly as fal splits rows per price, discount and auth method.
 */
export type Variant = {
  id: number;
  api_key_id: string | null;
  login_username: string | null;
  /** `auth_method` label: the key alias, or "User token" for a login (fal's documented labels). */
  label: string;
  /** `auth_method_structured.detail`: the key alias or the login username. */
  detail: string;
  unit_price: number;
  percent_discount: number | null;
};

export const VARIANT_PROD = 0;
export const VARIANT_BATCH = 1;
export const VARIANT_STAGING = 2;
export const VARIANT_LEGACY = 3;
export const VARIANT_PLAYGROUND = 4;

export type Profile = {
  /** Peak requests per hour (before day/night, weekday and noise factors). */
  peakRate: number;
  medianDuration: number;
  durationSigma: number;
  /** Share of requests that needed a cold start (rare models start cold more often). */
  coldBootRate: number;
  userErrorRate: number;
  errorRate: number;
  /** Megapixel-billed endpoints bill a fractional quantity per request. */
  fractionalUnits: boolean;
};

export type SimEndpoint = {
  index: number;
  endpoint_id: string;
  model: DemoModel;
  /** The list price usage bills at (catalog price, or the hidden one for unpriced endpoints). */
  billedUnitPrice: number;
  profile: Profile;
  variants: Variant[];
  /** Only the busiest models see playground traffic. */
  hasPlayground: boolean;
};

const TOP_DURATIONS: Record<string, { median: number; sigma: number }> = {
  "fal-ai/flux/dev": { median: 2.8, sigma: 0.35 },
  "fal-ai/flux-pro/v1.1-ultra": { median: 6.5, sigma: 0.3 },
  "fal-ai/flux/schnell": { median: 0.9, sigma: 0.3 },
  "fal-ai/recraft/v3/text-to-image": { median: 4.2, sigma: 0.35 },
  "fal-ai/kling-video/v2.1/standard/image-to-video": { median: 95, sigma: 0.25 },
  "acme/photobooth-lora": { median: 12, sigma: 0.4 },
};

/** Money is kept to 6 decimals, like a ledger (fal's own examples carry up to 6). */
export function roundMoney(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function profileFor(model: DemoModel, isTail: boolean): Profile {
  const h = hashString(model.endpoint_id);
  if (isTail) {
    // The long tail: mostly-empty hours (peak well under one request per hour), slower cold starts.
    return {
      peakRate: 0.04 + 0.35 * unitHash(h, 1),
      medianDuration: 1.5 + 18 * unitHash(h, 2),
      durationSigma: 0.3 + 0.2 * unitHash(h, 3),
      coldBootRate: 0.3,
      userErrorRate: 0.03,
      errorRate: 0.02,
      fractionalUnits: false,
    };
  }
  const d = TOP_DURATIONS[model.endpoint_id] ?? { median: 3, sigma: 0.35 };
  return {
    // 110 requests per peak hour across the app, shared by photo weight.
    peakRate: 110 * model.photo_weight,
    medianDuration: d.median,
    durationSigma: d.sigma,
    coldBootRate: model.unit_price === null ? 0.08 : 0.01,
    userErrorRate: 0.02,
    errorRate: model.unit === "video" ? 0.025 : 0.008,
    fractionalUnits: model.unit === "megapixel",
  };
}

function variantsFor(billedUnitPrice: number): Variant[] {
  return [
    {
      id: VARIANT_PROD,
      api_key_id: PROD_KEY.key_id,
      login_username: null,
      label: PROD_KEY.alias,
      detail: PROD_KEY.alias,
      unit_price: billedUnitPrice,
      percent_discount: null,
    },
    {
      id: VARIANT_BATCH,
      api_key_id: BATCH_KEY.key_id,
      login_username: null,
      label: BATCH_KEY.alias,
      detail: BATCH_KEY.alias,
      unit_price: billedUnitPrice,
      percent_discount: BATCH_DISCOUNT_PERCENT,
    },
    {
      id: VARIANT_STAGING,
      api_key_id: STAGING_KEY.key_id,
      login_username: null,
      label: STAGING_KEY.alias,
      detail: STAGING_KEY.alias,
      unit_price: billedUnitPrice,
      percent_discount: null,
    },
    {
      id: VARIANT_LEGACY,
      api_key_id: LEGACY_KEY.key_id,
      login_username: null,
      label: LEGACY_KEY.alias,
      detail: LEGACY_KEY.alias,
      unit_price: roundMoney(billedUnitPrice * LEGACY_PRICE_FACTOR),
      percent_discount: null,
    },
    {
      id: VARIANT_PLAYGROUND,
      api_key_id: null,
      login_username: PLAYGROUND_LOGIN,
      label: "User token",
      detail: PLAYGROUND_LOGIN,
      unit_price: billedUnitPrice,
      percent_discount: null,
    },
  ];
}

const TAIL_START = DEMO_ALL_MODELS.findIndex((m) => m.endpoint_id.startsWith("fal-ai/tail-model-"));

/**
 * `SIM_ENDPOINTS=400` makes the account call that many endpoints: the demo catalog, then busy models
 * of its own (traffic every hour, priced), so a bench can load what an account with hundreds of models
 * sends. Unset, the world is exactly the demo catalog, which the tests compute expected values from.
 */
const EXTRA_MODELS: DemoModel[] = Array.from(
  { length: Math.max(0, Number(process.env.SIM_ENDPOINTS ?? 0) - DEMO_ALL_MODELS.length) },
  (_, i) => ({
    endpoint_id: `acme/busy-model-${String(i + 1).padStart(3, "0")}`,
    display_name: `Busy model ${i + 1}`,
    category: "text-to-image",
    unit: "image",
    unit_price: 0.02 + (i % 5) * 0.01,
    units_per_photo: 1,
    photo_weight: 0.1,
  }),
);

export const ENDPOINTS: readonly SimEndpoint[] = [...DEMO_ALL_MODELS, ...EXTRA_MODELS].map((model, index) => {
  const isTail = TAIL_START >= 0 && index >= TAIL_START && index < DEMO_ALL_MODELS.length;
  const billedUnitPrice = model.unit_price ?? HIDDEN_UNIT_PRICE;
  return {
    index,
    endpoint_id: model.endpoint_id,
    model,
    billedUnitPrice,
    profile: profileFor(model, isTail),
    variants: variantsFor(billedUnitPrice),
    hasPlayground: !isTail && index < 4,
  };
});

export const ENDPOINT_BY_ID: ReadonlyMap<string, SimEndpoint> = new Map(
  ENDPOINTS.map((e) => [e.endpoint_id, e]),
);

export function endpointAt(index: number): SimEndpoint {
  const e = ENDPOINTS[index];
  if (!e) throw new Error(`no endpoint #${index}`);
  return e;
}

export function variantOf(endpoint: SimEndpoint, id: number): Variant {
  const v = endpoint.variants[id];
  if (!v) throw new Error(`no variant #${id} for ${endpoint.endpoint_id}`);
  return v;
}
