import type { DiagnosisCode } from "@/lib/contracts/codes";
import { permissionViews, presetList } from "@/lib/contracts/permissions";

/**
 * The dashboard's own words for each fal diagnosis (docs/fal-api-notes.md, "Errors and diagnosis"),
 * shared by route error bodies, the key-scope banner, the health endpoint and the doctor. Never fal's
 * body: that is not ours to echo.
 */
export const KEYS_URL = "https://fal.ai/dashboard/keys";

export type DiagnosisCopy = { title: string; message: string; hint: string };

export type DiagnosisContext = {
  variable?: string;
  detail?: string;
  /** `scope_insufficient`: the permission the key lacks and the presets that carry it, least first. */
  permission?: string;
  presets?: readonly string[];
};

/**
 * How a new key takes effect: the key file is read again on the next request, so reloading is enough;
 * a variable is read when the server starts, so it needs a restart.
 */
function putInPlace(variable: string): string {
  return variable === "FAL_ADMIN_KEY_FILE"
    ? "write it to the FAL_ADMIN_KEY_FILE file and reload the page (the file is read on every request)"
    : `set it as ${variable} and restart the server`;
}

/** Which preset to create, least privilege first, and that a legacy ADMIN key works too. */
function presetAdvice(permission: string, presets: readonly string[]): string {
  const views = permissionViews(permission);
  const [first, ...rest] = presets;
  if (!first)
    return `No fal preset is known to include ${permission}: add it to the key's custom policy at ${KEYS_URL}, or use a Full preset or legacy ADMIN key`;
  const also = rest.length > 0 ? ` (${presetList(rest, "and")} ${rest.length > 1 ? "do" : "does"} too)` : "";
  return `The ${presetList([first])} preset covers ${views}${also}, and a legacy ADMIN key works as well. Create one at ${KEYS_URL}`;
}

export function diagnosisCopy(code: DiagnosisCode, ctx: DiagnosisContext = {}): DiagnosisCopy {
  const variable = ctx.variable ?? "FAL_ADMIN_KEY";
  switch (code) {
    case "key_missing":
      return {
        title: "No fal key is configured",
        message: "The server has no fal key, so AI spend and performance cannot be loaded.",
        hint: `Create a key at ${KEYS_URL} (the Read-only preset covers every view but the key inventory; Billing covers that too), then ${putInPlace(variable)}.`,
      };
    case "key_malformed":
      return {
        title: "The fal key is malformed",
        message: `The key in ${variable} does not look like key_id:key_secret${ctx.detail ? ` (${ctx.detail})` : ""}, and fal refused it.`,
        hint: `Copy the full key from ${KEYS_URL} — both halves, joined by a colon, no quotes or spaces — then ${putInPlace(variable)}.`,
      };
    case "key_rejected":
      return {
        title: "fal rejected the key",
        message: `fal answered 401 for the key in ${variable}: it is invalid or has been revoked.`,
        hint: `Create a new key at ${KEYS_URL} (Read-only or Billing preset), then ${putInPlace(variable)}. The header must be "Authorization: Key <key>".`,
      };
    case "scope_insufficient": {
      const permission = ctx.permission;
      if (!permission)
        return {
          title: "The fal key lacks a permission",
          message: `fal refused this view to the key in ${variable}: its preset or policy does not include what the view needs.`,
          hint: `The Read-only preset covers spend and balance, Billing adds the key inventory, and a legacy ADMIN key works as well. Create one at ${KEYS_URL}, then ${putInPlace(variable)}.`,
        };
      return {
        title: `The fal key lacks ${permission}`,
        // The title names the permission; the message says what that costs, so the banner does not repeat.
        message: `fal refuses ${permissionViews(permission)} to the key in ${variable}: its preset or custom policy does not include that permission.`,
        hint: `${presetAdvice(permission, ctx.presets ?? [])}, then ${putInPlace(variable)}.`,
      };
    }
    case "rate_limited":
      return {
        title: "fal is rate-limiting the dashboard",
        message: "fal answered 429. The dashboard retries with backoff.",
        hint: "Nothing to change unless this persists; the cache TTL (FAL_CACHE_TTL_SECONDS) controls how often fal is asked.",
      };
    case "upstream_unavailable":
      return {
        title: "fal is not answering",
        message: `fal's Platform API did not answer in time or answered with a server error${ctx.detail ? ` (${ctx.detail})` : ""}.`,
        hint: "The dashboard keeps retrying. Check https://status.fal.ai.",
      };
    case "upstream_contract":
      return {
        title: "fal's response changed",
        message: `fal answered, but not in the shape the dashboard understands${ctx.detail ? `: ${ctx.detail}` : ""}.`,
        hint: "Upgrade the dashboard; until then the affected view stays hidden.",
      };
    case "upstream_request":
      return {
        title: "fal refused the request",
        message: `fal did not accept the dashboard's request${ctx.detail ? ` (${ctx.detail})` : ""}.`,
        hint: "Try another date range; if it persists, the dashboard may need an update.",
      };
  }
}
