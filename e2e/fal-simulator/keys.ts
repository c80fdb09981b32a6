/**
 * The simulator's credentials and what each may do, in fal's model (docs/fal-api-notes.md, "Keys and
 * permissions"): keys are made from a preset or a custom policy of permissions; the old ADMIN and API
 * scopes are legacy and keep working. Dummy values: they open nothing but the simulator.
 */
export const SIM_KEYS = {
  /** Legacy ADMIN scope: every endpoint. */
  admin: "simadmin-0001:sk_sim_admin_7f3c9a1e5b2d4c6f",
  /** Legacy API scope: what any key reads; refused with fal's old "Admin API key" message elsewhere. */
  api: "simapi-0002:sk_sim_api_2b8e4d6f1a3c5e7b",
  revoked: "simrevoked-0003:sk_sim_revoked_9d1f3b5a7c2e4f6a",
  replicate: "r8_SimulatorToken0123456789abcdefABCDEF",
  apiPreset: "simapip-0004:sk_sim_apipreset_5c7e9a1b3d5f7a9c",
  readonly: "simread-0005:sk_sim_readonly_8a2c4e6f0b1d3f5a",
  billing: "simbill-0006:sk_sim_billing_3e5a7c9b1d2f4a6c",
  full: "simfull-0007:sk_sim_full_6b8d0f2a4c6e8a1b",
  compute: "simcomp-0008:sk_sim_compute_1f3b5d7a9c2e4b6d",
  serverless: "simsrvl-0009:sk_sim_serverless_4d6f8b0a2c4e6a8c",
  deploy: "simdepl-0010:sk_sim_deploy_7a9c1e3b5d7f9b2a",
  /** A custom policy that can list keys but not read spend; its refusals name the missing permission. */
  customNamed: "simcust-0011:sk_sim_custom_named_2c4e6a8b0d2f4b6e",
  /** The same policy, refused with fal's bare "Access denied". */
  customBare: "simcust-0012:sk_sim_custom_bare_9e1a3c5b7d9f1a3c",
} as const;

export const SIM_PRESETS = ["API", "READONLY", "COMPUTE", "SERVERLESS", "DEPLOY", "BILLING", "FULL"] as const;
export type SimPreset = (typeof SIM_PRESETS)[number];

/**
 * The permissions each preset carries, as far as fal's reference and MCP guide list them; COMPUTE,
 * SERVERLESS and DEPLOY carry none the dashboard's endpoints ask for.
 */
export const PRESET_PERMISSIONS: Record<SimPreset, readonly string[]> = {
  API: ["models:requests:read"],
  READONLY: ["billing:usage:read", "models:requests:read", "serverless:files:read", "compute:instances:read"],
  COMPUTE: ["compute:instances:read"],
  SERVERLESS: ["serverless:files:read"],
  DEPLOY: ["serverless:files:read"],
  BILLING: ["billing:usage:read", "auth:keys:read"],
  FULL: [
    "billing:usage:read",
    "auth:keys:read",
    "auth:keys:write",
    "models:requests:read",
    "serverless:files:read",
    "compute:instances:read",
  ],
};

/** How a refusal reads: naming the permission, or fal's documented bare "Access denied". */
export type Denial = "named" | "bare";

export type Grant =
  | { kind: "legacy"; scope: "ADMIN" | "API" }
  | { kind: "preset"; preset: SimPreset; denial: Denial }
  | { kind: "policy"; permissions: readonly string[]; denial: Denial }
  | { kind: "revoked" };

const CUSTOM_POLICY = ["auth:keys:read", "models:requests:read"];

/** Which default key carries which grant. */
export const DEFAULT_GRANTS: Record<Exclude<keyof typeof SIM_KEYS, "replicate">, Grant> = {
  admin: { kind: "legacy", scope: "ADMIN" },
  api: { kind: "legacy", scope: "API" },
  revoked: { kind: "revoked" },
  apiPreset: { kind: "preset", preset: "API", denial: "named" },
  readonly: { kind: "preset", preset: "READONLY", denial: "named" },
  billing: { kind: "preset", preset: "BILLING", denial: "named" },
  full: { kind: "preset", preset: "FULL", denial: "named" },
  compute: { kind: "preset", preset: "COMPUTE", denial: "named" },
  serverless: { kind: "preset", preset: "SERVERLESS", denial: "named" },
  deploy: { kind: "preset", preset: "DEPLOY", denial: "named" },
  customNamed: { kind: "policy", permissions: CUSTOM_POLICY, denial: "named" },
  customBare: { kind: "policy", permissions: CUSTOM_POLICY, denial: "bare" },
};

/** What an endpoint asks of a key: nothing, any valid key, or one permission. */
export type Access = "optional" | "any" | { permission: string };

/**
 * null when the grant is enough; otherwise the permission it lacks. Legacy ADMIN holds them all; a legacy
 * API key reads what fal's reference declares for API scope, which the API preset carries today (model
 * request history).
 */
export function missingPermission(grant: Grant, access: Access): string | null {
  if (typeof access === "string") return null;
  if (grant.kind === "legacy") {
    const held = grant.scope === "ADMIN" || PRESET_PERMISSIONS.API.includes(access.permission);
    return held ? null : access.permission;
  }
  if (grant.kind === "revoked") return access.permission;
  const held = grant.kind === "preset" ? PRESET_PERMISSIONS[grant.preset] : grant.permissions;
  return held.includes(access.permission) ? null : access.permission;
}
