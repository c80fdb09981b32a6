import type { DiagnosisCode } from "@/lib/contracts/codes";

/**
 * The dashboard's own words for each fal diagnosis (docs/fal-api-notes.md, "Errors and diagnosis"),
 * shared by route error bodies, the key-scope banner, the health endpoint and the doctor. Never fal's
 * body: that is not ours to echo.
 */
export const KEYS_URL = "https://fal.ai/dashboard/keys";

export type DiagnosisCopy = { title: string; message: string; hint: string };

export function diagnosisCopy(
  code: DiagnosisCode,
  ctx: { variable?: string; detail?: string } = {},
): DiagnosisCopy {
  const variable = ctx.variable ?? "FAL_ADMIN_KEY";
  switch (code) {
    case "key_missing":
      return {
        title: "No fal key is configured",
        message: "The server has no fal key, so AI spend and performance cannot be loaded.",
        hint: `Create a key with ADMIN scope at ${KEYS_URL} and set FAL_ADMIN_KEY (or FAL_ADMIN_KEY_FILE) in .env.local, then reload.`,
      };
    case "key_malformed":
      return {
        title: "The fal key is malformed",
        message: `The key in ${variable} does not look like key_id:key_secret${ctx.detail ? ` (${ctx.detail})` : ""}, and fal refused it.`,
        hint: `Copy the full key from ${KEYS_URL} — both halves, joined by a colon, no quotes or spaces — into ${variable}.`,
      };
    case "key_rejected":
      return {
        title: "fal rejected the key",
        message: `fal answered 401 for the key in ${variable}: it is invalid or has been revoked.`,
        hint: `Create a new key with ADMIN scope at ${KEYS_URL}, put it in ${variable}, and verify on the Keys page. The header must be "Authorization: Key <key>".`,
      };
    case "scope_insufficient":
      return {
        title: "This view needs an ADMIN-scope key",
        message: `The key in ${variable} has API scope: fal serves analytics and prices to it, but not spend, balance or keys.`,
        hint: `Create a key at ${KEYS_URL} selecting ADMIN scope and set it as FAL_ADMIN_KEY. Event metrics are unaffected.`,
      };
    case "rate_limited":
      return {
        title: "fal is rate-limiting the dashboard",
        message:
          "fal answered 429. The dashboard retries with backoff and shows the last good data meanwhile.",
        hint: "Nothing to change unless this persists; the cache TTL (FAL_CACHE_TTL_SECONDS) controls how often fal is asked.",
      };
    case "upstream_unavailable":
      return {
        title: "fal is not answering",
        message: `fal's Platform API did not answer in time or answered with a server error${ctx.detail ? ` (${ctx.detail})` : ""}.`,
        hint: "The dashboard keeps retrying and shows the last good data when it has some. Check https://status.fal.ai.",
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
