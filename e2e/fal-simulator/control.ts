import type { z } from "zod";
import { spikeSchema } from "./spikes";
import { billingGapSchema } from "./billing-events";
import { faultSchema, keysSchema, modeSchema, type SimState } from "./state";

/**
 * The `/_sim` control API (no auth, JSON). Tests and e2e specs use it to inject faults, switch modes,
 * add keys and read request statistics.
 *
 *   GET    /_sim/health  → {"ok":true}
 *   GET    /_sim/stats   → {total, bytes (body bytes sent), by_endpoint{usage,analytics,…,billing_events,insights}, requests[]}
 *   POST   /_sim/reset   → clears faults, counters and mode; restores the default keys → {"ok":true}
 *   GET    /_sim/faults  → {faults:[…]}
 *   POST   /_sim/faults  body Fault → {faults:[…]} (a fault replaces an earlier one for the same endpoint)
 *   DELETE /_sim/faults  → {faults:[]}
 *   GET    /_sim/mode    → {usageShape, latency_ms}
 *   POST   /_sim/mode    body {usageShape?, latency_ms?} → {usageShape, latency_ms}
 *   POST   /_sim/keys    body {"<full key>": "ADMIN"|"API"|"revoked"                (legacy scopes)
 *                                         | {"preset":"READONLY", "denial"?:"named"|"bare"}
 *                                         | {"permissions":["auth:keys:read"], "denial"?:…}}
 *                         → {"ok":true,"keys":<count>}
 *   GET    /_sim/spikes  → {spikes:[…]}
 *   POST   /_sim/spikes  body {endpoint_id, start, end, multiplier} → {spikes:[…]} (spikes.ts)
 *   DELETE /_sim/spikes  → {spikes:[]}
 *   POST   /_sim/billing-gap  body {endpoint_id, every?} → {billing_gap} (billing events drop every `every`-th
 *                              request of that endpoint while usage bills it in full; reset clears it)
 */

export type ControlResult = { status: number; body: unknown };

function invalid(error: z.ZodError): ControlResult {
  return {
    status: 400,
    body: {
      error: {
        type: "validation_error",
        message: error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
      },
    },
  };
}

export function handleControl(state: SimState, method: string, path: string, body: unknown): ControlResult {
  const route = `${method} ${path}`;
  switch (route) {
    case "GET /_sim/health":
      return { status: 200, body: { ok: true } };
    case "GET /_sim/stats":
      return { status: 200, body: state.stats() };
    case "POST /_sim/reset":
      state.reset();
      return { status: 200, body: { ok: true } };
    case "GET /_sim/faults":
      return { status: 200, body: { faults: state.faults } };
    case "POST /_sim/faults": {
      const parsed = faultSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      state.addFault(parsed.data);
      return { status: 200, body: { faults: state.faults } };
    }
    case "DELETE /_sim/faults":
      state.faults = [];
      return { status: 200, body: { faults: [] } };
    case "GET /_sim/mode":
      return { status: 200, body: state.mode };
    case "POST /_sim/mode": {
      const parsed = modeSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      state.mode = {
        usageShape: parsed.data.usageShape ?? state.mode.usageShape,
        latency_ms: parsed.data.latency_ms ?? state.mode.latency_ms,
      };
      return { status: 200, body: state.mode };
    }
    case "POST /_sim/keys": {
      const parsed = keysSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      state.mergeKeys(parsed.data);
      return { status: 200, body: { ok: true, keys: state.keys.size } };
    }
    case "GET /_sim/spikes":
      return { status: 200, body: { spikes: state.spikes } };
    case "POST /_sim/spikes": {
      const parsed = spikeSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      state.spikes = [...state.spikes, parsed.data];
      return { status: 200, body: { spikes: state.spikes } };
    }
    case "DELETE /_sim/spikes":
      state.spikes = [];
      return { status: 200, body: { spikes: [] } };
    case "POST /_sim/billing-gap": {
      const parsed = billingGapSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      state.billingGap = parsed.data;
      return { status: 200, body: { billing_gap: state.billingGap } };
    }
    default:
      return { status: 404, body: { error: { type: "not_found", message: `No control route ${route}` } } };
  }
}
