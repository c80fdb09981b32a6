import { readFileSync } from "node:fs";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

/**
 * Validates response bodies against fal's own OpenAPI 3.1 document (a verbatim copy of what fal serves at
 * https://api.fal.ai/v1/openapi.json, vendored next to this file so CI needs nothing outside the repo).
 * OpenAPI 3.1 schemas are JSON Schema 2020-12, so Ajv's 2020 dialect reads them as they are: the whole
 * document is registered under an `$id` and each operation's schema is referenced by JSON pointer.
 * `strict: false` makes Ajv ignore the OpenAPI-only keys (`example`, `paths`, `info`, …).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SPEC_ID = "https://api.fal.ai/v1/openapi.json";
const SPEC = JSON.parse(readFileSync(new URL("./fal-openapi.json", import.meta.url), "utf8")) as JsonObject;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...SPEC, $id: SPEC_ID });

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function child(value: Json | undefined, key: string): Json | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value[key] : undefined;
}

function responseSchemaPointer(path: string, status: number): string {
  return `${SPEC_ID}#/paths/${escapePointer(path)}/get/responses/${status}/content/application~1json/schema`;
}

/**
 * The shared error envelope (identical under every operation); statuses an operation does not list —
 * an injected 500 on /models/usage, say — are checked against it.
 */
const ERROR_ENVELOPE_POINTER = responseSchemaPointer("/models/usage", 400);

const compiled = new Map<string, ValidateFunction>();
function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: pointer });
    compiled.set(pointer, validate);
  }
  return validate;
}

/** Whether the spec lists `status` for GET `path` (path as in the spec, e.g. "/models/usage"). */
export function specListsStatus(path: string, status: number): boolean {
  return child(child(child(child(SPEC.paths, path), "get"), "responses"), String(status)) !== undefined;
}

/** The validator for a GET response: the operation's own schema, or the shared error envelope. */
export function falValidator(path: string, status: number): ValidateFunction {
  if (path === "/models/insights" && status === 200) return insightsValidator;
  return validatorAt(
    specListsStatus(path, status) ? responseSchemaPointer(path, status) : ERROR_ENVELOPE_POINTER,
  );
}

/**
 * The usage 200 schema as it was before 2026-07-21: items carried only `unit_price` and `cost`, so
 * `percent_discount`, `cost_subtotal`, `cost_discount` and `cost_total` are dropped from `required`
 * (the rest of the schema is fal's current one). Used for the simulator's "mixed" usage shape.
 */
export const LEGACY_USAGE_FIELDS = ["percent_discount", "cost_subtotal", "cost_discount", "cost_total"];
let legacyUsage: ValidateFunction | undefined;
export function legacyUsageValidator(): ValidateFunction {
  if (!legacyUsage) {
    const schema = structuredClone(
      child(
        child(
          child(
            child(child(child(child(SPEC.paths, "/models/usage"), "get"), "responses"), "200"),
            "content",
          ),
          "application/json",
        ),
        "schema",
      ),
    );
    const relax = (item: Json | undefined) => {
      const required = child(item, "required");
      if (item && typeof item === "object" && !Array.isArray(item) && Array.isArray(required)) {
        item.required = required.filter((r) => typeof r !== "string" || !LEGACY_USAGE_FIELDS.includes(r));
      }
    };
    const props = child(schema, "properties");
    relax(child(child(child(child(child(props, "time_series"), "items"), "properties"), "results"), "items"));
    relax(child(child(props, "summary"), "items"));
    if (!schema || typeof schema !== "object") throw new Error("usage 200 schema not found in the spec");
    legacyUsage = ajv.compile(schema);
  }
  return legacyUsage;
}

/**
 * `GET /models/insights` (beta) is newer than the vendored document: its 200 body as fal's per-route spec
 * describes it (every key required).
 */
const nullable = (type: string) => ({ type: [type, "null"] });
const strict = (properties: Record<string, object>) => ({
  type: "object",
  required: Object.keys(properties),
  properties,
});
const insightsValidator = ajv.compile(
  strict({
    evidence: strict({
      version: { const: 3 },
      compiled_at: nullable("string"),
      window_start: nullable("string"),
      window_end: nullable("string"),
      evaluated_at: { type: "string" },
      latency_definition: { type: "string" },
      instructions: { type: "string" },
      models: {
        type: "array",
        items: strict({
          endpoint_id: { type: "string" },
          evidence: {
            anyOf: [
              { type: "null" },
              strict({
                endpoint_id: { type: "string" },
                title: { type: "string" },
                category: { type: "string" },
                usage_tier: { enum: ["high", "medium", "low", null] },
                latency: strict({
                  p50_ms: nullable("number"),
                  p90_ms: nullable("number"),
                  sufficient_evidence: { type: "boolean" },
                  latest_request_at: nullable("string"),
                }),
                trending: {
                  anyOf: [
                    { type: "null" },
                    strict({ category_rank: { type: "number" }, computed_at: { type: "string" } }),
                  ],
                },
                published_at: nullable("string"),
                is_new: nullable("boolean"),
              }),
            ],
          },
        }),
      },
    }),
    models: {
      type: "array",
      items: strict({
        endpoint_id: { type: "string" },
        display_name: { type: "string" },
        category: { type: "string" },
        relevance: nullable("number"),
        insights: {
          type: "array",
          items: strict({
            kind: { type: "string" },
            body: { type: "string" },
            source: { type: "string" },
            rank: nullable("number"),
            task: {
              anyOf: [{ type: "null" }, strict({ name: { type: "string" }, category: nullable("string") })],
            },
          }),
        },
      }),
    },
    unavailable_endpoint_ids: { type: "array", items: { type: "string" } },
    stats_available: { type: "boolean" },
    note: { type: "string" },
  }),
);

/** Replicate is not in fal's document; its two shapes (GET /v1/account) are checked here. */
const replicateAccount = ajv.compile({
  type: "object",
  required: ["type", "username", "name", "github_url"],
  properties: {
    type: { enum: ["user", "organization"] },
    username: { type: "string" },
    name: { type: "string" },
    github_url: { type: ["string", "null"] },
  },
});
const replicateProblem = ajv.compile({
  type: "object",
  required: ["detail", "status"],
  properties: { title: { type: "string" }, detail: { type: "string" }, status: { type: "integer" } },
});
export function replicateValidator(status: number): ValidateFunction {
  return status === 200 ? replicateAccount : replicateProblem;
}

export function describeErrors(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors, { separator: "\n" });
}
