import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { falValidator, legacyUsageValidator, specListsStatus } from "./openapi";

/** The validator the contract tests rely on: it accepts fal's own examples and rejects violations. */

type Spec = {
  paths: Record<
    string,
    { get?: { responses: Record<string, { content?: Record<string, { example?: unknown }> }> } }
  >;
};
const spec = JSON.parse(readFileSync(new URL("./fal-openapi.json", import.meta.url), "utf8")) as Spec;

const OPERATIONS = [
  "/models",
  "/models/pricing",
  "/models/usage",
  "/models/analytics",
  "/account/billing",
  "/keys",
  "/models/billing-events",
  "/models/requests/by-endpoint",
];

describe("fal-openapi.json validators", () => {
  it.each(OPERATIONS)("accept the spec's own examples for GET %s", (path) => {
    const responses = spec.paths[path]?.get?.responses ?? {};
    const statuses = Object.keys(responses);
    expect(statuses).toContain("200");
    for (const status of statuses) {
      const example = responses[status]?.content?.["application/json"]?.example;
      if (example === undefined) continue;
      expect(falValidator(path, Number(status))(example), `${path} ${status}`).toBe(true);
    }
  });

  it("knows which statuses an operation lists", () => {
    expect(specListsStatus("/models/usage", 403)).toBe(true);
    expect(specListsStatus("/models/usage", 500)).toBe(false);
    expect(specListsStatus("/models/analytics", 500)).toBe(true);
  });

  it("rejects an error type outside fal's enum and a body without `error`", () => {
    const envelope = falValidator("/models/usage", 503); // not listed → shared envelope
    expect(envelope({ error: { type: "server_error", message: "x" } })).toBe(true);
    expect(envelope({ error: { type: "teapot", message: "x" } })).toBe(false);
    expect(envelope({ detail: "x" })).toBe(false);
  });

  it("rejects a usage row without the 2026-07-21 fields unless the legacy schema is used", () => {
    const legacyRow = {
      endpoint_id: "a",
      unit: "image",
      quantity: 1,
      unit_price: 0.1,
      cost: 0.1,
      currency: "USD",
    };
    const body = {
      time_series: [{ bucket: "2026-01-01T00:00:00+00:00", results: [legacyRow] }],
      next_cursor: null,
      has_more: false,
    };
    expect(falValidator("/models/usage", 200)(body)).toBe(false);
    expect(legacyUsageValidator()(body)).toBe(true);
    expect(
      legacyUsageValidator()({
        ...body,
        time_series: [{ bucket: "x", results: [{ ...legacyRow, unit: undefined }] }],
      }),
    ).toBe(false);
  });

  it("checks insights (absent from the document) against its own shape", () => {
    const validate = falValidator("/models/insights", 200);
    const body = {
      evidence: {
        version: 3,
        compiled_at: null,
        window_start: null,
        window_end: null,
        evaluated_at: "2026-11-10T00:00:00Z",
        latency_definition: "x",
        instructions: "x",
        models: [{ endpoint_id: "a/b", evidence: null }],
      },
      models: [],
      unavailable_endpoint_ids: ["a/b"],
      stats_available: false,
      note: "",
    };
    expect(validate(body)).toBe(true);
    expect(validate({ ...body, evidence: { ...body.evidence, version: 2 } })).toBe(false);
    expect(validate({ ...body, note: undefined })).toBe(false);
  });
});
