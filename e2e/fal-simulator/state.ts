import { z } from "zod";
import { DEFAULT_GRANTS, SIM_KEYS, SIM_PRESETS, type Grant } from "./keys";
import type { Spike } from "./spikes";
import type { BillingGap } from "./billing-events";
import type { UsageShape } from "./usage";

/**
 * Mutable simulator state, driven by the `/_sim` control API: the key table, injected faults, the global
 * mode (latency, usage shape) and request statistics. Everything else in the simulator is pure.
 */

export const ENDPOINT_NAMES = [
  "usage",
  "analytics",
  "pricing",
  "models",
  "billing",
  "keys",
  "replicate",
  "requests",
  "billing_events",
  "insights",
] as const;
export type EndpointName = (typeof ENDPOINT_NAMES)[number];
/**
 * A key as the control API and startup options give it: a legacy scope ("ADMIN", "API"), "revoked", a
 * preset, or a custom policy; refusals name the missing permission unless `denial` is "bare".
 */
const denialSchema = z.enum(["named", "bare"]).default("named");
export const keySpecSchema = z.union([
  z.enum(["ADMIN", "API", "revoked"]),
  z.object({ preset: z.enum(SIM_PRESETS), denial: denialSchema }).strict(),
  z
    .object({
      permissions: z.array(z.string().regex(/^[a-z_-]+:[a-z_-]+:(read|write)$/)),
      denial: denialSchema,
    })
    .strict(),
]);
export type KeySpec = z.input<typeof keySpecSchema>;

export function grantOf(spec: KeySpec): Grant {
  const parsed = keySpecSchema.parse(spec);
  if (parsed === "revoked") return { kind: "revoked" };
  if (typeof parsed === "string") return { kind: "legacy", scope: parsed };
  if ("preset" in parsed) return { kind: "preset", preset: parsed.preset, denial: parsed.denial };
  return { kind: "policy", permissions: parsed.permissions, denial: parsed.denial };
}

export const faultSchema = z
  .object({
    endpoint: z.enum([...ENDPOINT_NAMES, "*"]),
    status: z.number().int().min(400).max(599).optional(),
    type: z.string().min(1).optional(),
    message: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    latency_ms: z.number().int().min(0).max(120_000).optional(),
    malformed: z.boolean().optional(),
    drift: z.boolean().optional(),
    reset: z.boolean().optional(),
    times: z.number().int().min(1).optional(),
  })
  .strict()
  .refine(
    (f) => f.status !== undefined || f.latency_ms !== undefined || f.malformed || f.drift || f.reset,
    "a fault needs at least one of status, latency_ms, malformed, drift, reset",
  );
export type Fault = z.infer<typeof faultSchema>;

export const modeSchema = z
  .object({
    usageShape: z.enum(["current", "mixed"]).optional(),
    latency_ms: z.number().int().min(0).max(120_000).optional(),
  })
  .strict();
export type Mode = { usageShape: UsageShape; latency_ms: number };

export const keysSchema = z.record(z.string().min(1), keySpecSchema);

export type RequestRecord = {
  method: string;
  path: string;
  query: string;
  endpoint: EndpointName | "unknown";
  /** 0 when the connection was reset without an answer. */
  status: number;
  at: string;
  /** Bytes of the body the simulator sent (UTF-8); 0 when the connection was reset. */
  bytes: number;
  /** Never the key itself: whether a header was sent and the first 8 characters of the credential. */
  auth: { present: boolean; key_prefix: string | null };
};

const MAX_RECORDS = 1000;

export type StateDefaults = { keys?: Partial<Record<string, KeySpec>>; latencyMs?: number };

export class SimState {
  keys = new Map<string, Grant>();
  faults: Fault[] = [];
  spikes: Spike[] = [];
  mode: Mode = { usageShape: "current", latency_ms: 0 };
  /** Billing events that disagree with usage for one endpoint (see billing-events.ts); null = they agree. */
  billingGap: BillingGap | null = null;
  private total = 0;
  /** Every body byte sent since the last reset: the log below keeps only the last 1,000 calls. */
  private bytes = 0;
  private byEndpoint = new Map<EndpointName, number>();
  private records: RequestRecord[] = [];

  constructor(private readonly defaults: StateDefaults = {}) {
    this.reset();
  }

  /** Back to the startup configuration: default keys (plus startup overrides), no faults, no counters. */
  reset(): void {
    this.keys = new Map<string, Grant>(
      Object.entries(DEFAULT_GRANTS).map(([name, grant]) => [
        SIM_KEYS[name as keyof typeof DEFAULT_GRANTS],
        grant,
      ]),
    );
    this.mergeKeys(this.defaults.keys ?? {});
    this.faults = [];
    this.spikes = [];
    this.billingGap = null;
    this.mode = { usageShape: "current", latency_ms: this.defaults.latencyMs ?? 0 };
    this.total = 0;
    this.bytes = 0;
    this.byEndpoint.clear();
    this.records = [];
  }

  mergeKeys(keys: Partial<Record<string, KeySpec>>): void {
    for (const [key, spec] of Object.entries(keys)) if (spec) this.keys.set(key, grantOf(spec));
  }

  /** A new fault replaces any earlier one for the same endpoint, so tests can re-arm without clearing. */
  addFault(fault: Fault): void {
    this.faults = [...this.faults.filter((f) => f.endpoint !== fault.endpoint), fault];
  }

  /**
   * The fault for this request, if any (an endpoint's own fault wins over "*"). Consumes one of its
   * `times`; it removes itself after the last one.
   */
  takeFault(endpoint: EndpointName | "unknown"): Fault | null {
    const fault =
      this.faults.find((f) => f.endpoint === endpoint) ?? this.faults.find((f) => f.endpoint === "*");
    if (!fault) return null;
    if (fault.times !== undefined) {
      const left = fault.times - 1;
      this.faults =
        left > 0
          ? this.faults.map((f) => (f === fault ? { ...f, times: left } : f))
          : this.faults.filter((f) => f !== fault);
    }
    return fault;
  }

  record(entry: RequestRecord): void {
    this.total++;
    this.bytes += entry.bytes;
    if (entry.endpoint !== "unknown")
      this.byEndpoint.set(entry.endpoint, (this.byEndpoint.get(entry.endpoint) ?? 0) + 1);
    this.records.push(entry);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
  }

  stats() {
    const by_endpoint = Object.fromEntries(
      ENDPOINT_NAMES.map((n) => [n, this.byEndpoint.get(n) ?? 0]),
    ) as Record<EndpointName, number>;
    return { total: this.total, bytes: this.bytes, by_endpoint, requests: [...this.records] };
  }
}
