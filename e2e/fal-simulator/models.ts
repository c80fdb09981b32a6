import { SimError, validationError } from "./errors";
import { hashString } from "./hash";
import { expandParam, listParam, pageParams, paginate } from "./params";
import { CURRENCY, ENDPOINTS, ENDPOINT_BY_ID, type SimEndpoint } from "./world";

/** GET /v1/models and GET /v1/models/pricing (docs/fal-api-notes.md, "Pricing"). */

export const MODELS_PAGE = { limit: 50, max: 100 };
const MODELS_EXPAND = ["openapi-3.0", "enterprise_status"] as const;
/** Models the authenticated account has starred (`is_favorited`). */
const FAVORITES = new Set(["fal-ai/flux/dev", "fal-ai/kling-video/v2.1/standard/image-to-video"]);

const TAGS: Record<string, string[]> = {
  "fal-ai/flux/dev": ["popular"],
  "fal-ai/flux-pro/v1.1-ultra": ["pro"],
  "fal-ai/flux/schnell": ["fast", "turbo"],
  "fal-ai/recraft/v3/text-to-image": ["vector"],
  "fal-ai/kling-video/v2.1/standard/image-to-video": ["video", "pro"],
  "acme/photobooth-lora": ["private", "lora"],
};

const DAY_MS = 86_400_000;
const CATALOG_EPOCH = Date.parse("2024-03-01T00:00:00Z");

function isoDay(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

type ModelMetadata = {
  display_name: string;
  category: string;
  description: string;
  status: "active" | "deprecated";
  tags: string[];
  updated_at: string;
  is_favorited: boolean | null;
  thumbnail_url: string;
  model_url: string;
  license_type: "commercial" | "research" | "private";
  date: string;
  group?: { key: string; label: string };
  highlighted: false;
  kind: "inference";
  duration_estimate: number;
  pinned: false;
};

export type ModelItem = {
  endpoint_id: string;
  metadata: ModelMetadata;
  openapi?: Record<string, unknown>;
  enterprise_status?: "ready" | "pending";
};

function isDeprecated(e: SimEndpoint): boolean {
  // Every tenth tail model is deprecated, so the `status` filter has something to do.
  return e.endpoint_id.startsWith("fal-ai/tail-model-") && e.index % 10 === 9;
}

function metadataOf(e: SimEndpoint, authenticated: boolean): ModelMetadata {
  const created = CATALOG_EPOCH + (hashString(e.endpoint_id) % 300) * DAY_MS;
  const slug = e.endpoint_id.replace(/[^a-z0-9]+/gi, "-");
  const metadata: ModelMetadata = {
    display_name: e.model.display_name,
    category: e.model.category,
    description: `${e.model.display_name}: ${e.model.category.replace(/-/g, " ")} (simulated catalog entry).`,
    status: isDeprecated(e) ? "deprecated" : "active",
    tags: TAGS[e.endpoint_id] ?? (e.index % 4 === 0 ? ["beta"] : []),
    updated_at: isoDay(created + 90 * DAY_MS),
    // fal returns null for anonymous callers (the field is "favorited by the authenticated user").
    is_favorited: authenticated ? FAVORITES.has(e.endpoint_id) : null,
    thumbnail_url: `https://fal.media/files/sim/${slug}.jpg`,
    model_url: `https://fal.run/${e.endpoint_id}`,
    license_type:
      e.model.unit_price === null
        ? "private"
        : e.endpoint_id === "fal-ai/flux/dev"
          ? "research"
          : "commercial",
    date: isoDay(created),
    highlighted: false,
    kind: "inference",
    duration_estimate: Math.round((e.profile.medianDuration / 60) * 100) / 100,
    pinned: false,
  };
  if (e.endpoint_id.startsWith("fal-ai/flux")) metadata.group = { key: "flux", label: "FLUX.1" };
  return metadata;
}

export function handleModels(query: URLSearchParams, ctx: { authenticated: boolean }) {
  const ids = listParam(query, "endpoint_id");
  const q = query.get("q")?.trim().toLowerCase();
  const category = query.get("category");
  const status = query.get("status");
  if (status !== null && status !== "active" && status !== "deprecated") {
    throw validationError("status", "expected 'active' or 'deprecated'");
  }
  const expand = expandParam(query, MODELS_EXPAND, []);
  const page = pageParams(query, MODELS_PAGE);

  const matches = ENDPOINTS.filter((e) => {
    if (ids && !ids.includes(e.endpoint_id)) return false; // unknown ids simply do not appear
    const meta = metadataOf(e, ctx.authenticated);
    if (category !== null && meta.category !== category) return false;
    if (status !== null && meta.status !== status) return false;
    if (q) {
      const haystack =
        `${e.endpoint_id} ${meta.display_name} ${meta.description} ${meta.category}`.toLowerCase();
      if (!haystack.includes(q)) return false;
    }
    return true;
  });
  const paged = paginate(matches, page);
  const models: ModelItem[] = paged.items.map((e) => {
    const item: ModelItem = { endpoint_id: e.endpoint_id, metadata: metadataOf(e, ctx.authenticated) };
    if (expand.has("openapi-3.0")) {
      item.openapi = { openapi: "3.0.4", info: { title: e.model.display_name, version: "1.0.0" }, paths: {} };
    }
    if (expand.has("enterprise_status"))
      item.enterprise_status = e.model.unit_price === null ? "pending" : "ready";
    return item;
  });
  return { models, next_cursor: paged.next_cursor, has_more: paged.has_more };
}

export function handlePricing(query: URLSearchParams) {
  const ids = listParam(query, "endpoint_id");
  if (!ids) throw validationError("endpoint_id", "is required (1-50 values)");
  const prices: { endpoint_id: string; unit_price: number; unit: string; currency: string }[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const model = ENDPOINT_BY_ID.get(id)?.model;
    if (model && model.unit_price !== null) {
      prices.push({
        endpoint_id: id,
        unit_price: model.unit_price,
        unit: model.pricing_unit ?? model.unit,
        currency: CURRENCY,
      });
    } else {
      missing.push(id);
    }
  }
  // fal 404s the whole request when any one endpoint has no pricing record; clients split the batch to
  // isolate it.
  if (missing.length > 0)
    throw new SimError(404, "not_found", `No pricing found for endpoint(s): ${missing.join(", ")}`);
  return { prices, next_cursor: null, has_more: false };
}
