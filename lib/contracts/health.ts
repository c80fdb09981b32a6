import { z } from "zod";
import { DIAGNOSIS_CODES } from "@/lib/contracts/codes";
import { KEY_SOURCES } from "@/lib/contracts/key-info";
import { PRESETS } from "@/lib/contracts/permissions";

const preset = z.enum(PRESETS);
/** What the probe found for one permission. */
const permissionState = z.enum(["ok", "missing", "unknown"]);
export type PermissionState = z.infer<typeof permissionState>;

/**
 * `GET /api/health/providers`: the top-level statuses monitors read (`fal`, `replicate`, `*_error`), and
 * `details` for people — present only for a trusted caller (a session, or an open dashboard).
 */
export const providerStatus = z.enum(["ok", "error", "not_configured"]);
export type ProviderStatus = z.infer<typeof providerStatus>;

/**
 * What fal let the key do, as far as the probe could tell (lib/fal/probe.ts): every view, some, none
 * (`api` when fal's refusal names the legacy Admin scope), the key refused, or no telling.
 */
export const keyVerdict = z.enum(["full", "partial", "none", "api", "rejected", "unknown"]);

const endpointVerdict = z.union([z.literal("ok"), z.enum(DIAGNOSIS_CODES)]);

export const replicateCheck = z.discriminatedUnion("status", [
  z.object({ status: z.literal("not_configured") }),
  z.object({
    status: z.enum(["ok", "error"]),
    masked: z.string(),
    format_problem: z.string().nullable(),
    error: z.string().nullable(),
    checked_at: z.string(),
  }),
]);
export type ReplicateCheck = z.infer<typeof replicateCheck>;

export const healthDetails = z.object({
  fal: z.object({
    source: z.enum(KEY_SOURCES).nullable(),
    masked: z.string().nullable(),
    format_problem: z.string().nullable(),
    verdict: keyVerdict.nullable(),
    /** Per permission the dashboard needs (and any other fal named): ok, missing or unknown. */
    permissions: z.record(z.string(), permissionState).nullable(),
    /** The smallest preset with which every view works; null when they already do (or nothing is known). */
    recommended_preset: preset.nullable(),
    matrix: z
      .object({
        pricing: endpointVerdict,
        analytics: endpointVerdict,
        usage: endpointVerdict,
        billing: endpointVerdict,
        keys: endpointVerdict,
      })
      .nullable(),
    request_id: z.string().nullable(),
    checked_at: z.string(),
  }),
  replicate: replicateCheck,
  exposed_variables: z.array(z.string()),
});
export type HealthDetails = z.infer<typeof healthDetails>;

export const healthReport = z.object({
  fal: providerStatus,
  replicate: providerStatus,
  fal_error: z.string().nullable(),
  replicate_error: z.string().nullable(),
  details: healthDetails.optional(),
});
export type HealthReport = z.infer<typeof healthReport>;
