import "server-only";
import ky, { HTTPError, TimeoutError } from "ky";
import type { z } from "zod";
import { env } from "@/lib/env";
import type { FalCredential } from "@/lib/fal/credentials";
import { FalError, diagnoseHttp, type FalEndpoint } from "@/lib/fal/errors";
import { logAuthFailure } from "@/lib/fal/log";
import { processSingleton } from "@/lib/process-singleton";

export type Params = Record<string, string | number | string[] | undefined>;

/** Repeated keys for lists (`expand=a&expand=b`), the form fal documents for every multi-value param. */
export function toSearchParams(params: Params): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params).sort(([a], [b]) => a.localeCompare(b))) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) sp.append(k, String(item));
  }
  return sp;
}

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];

let http: typeof ky | undefined;
function client(): typeof ky {
  http ??= ky.create({
    timeout: env().FAL_TIMEOUT_MS,
    retry: {
      limit: 2,
      methods: ["get"],
      statusCodes: RETRY_STATUS,
      // Retry-After / x-ratelimit-reset are honoured (ky reads both) but never waited on for long:
      // a dashboard request that hangs for a minute is worse than a banner and the last good data.
      afterStatusCodes: [429, 503],
      maxRetryAfter: 5_000,
      backoffLimit: 2_000,
      jitter: true,
    },
  });
  return http;
}

/** Keys that have answered successfully: a lone 401 after a success is confirmed once before it counts. */
const recentlyOk = processSingleton("fal-recently-ok", () => new Set<string>());

/**
 * One GET to fal with `credential` (none: an anonymous call, for `/models`, which fal serves to anyone):
 * timeout, bounded retries with backoff, and every failure turned into a FalError carrying its
 * diagnosis. Whether a key is required is the caller's decision, made once per call. `bytes` is the
 * length of the body fal sent, so a cache can weigh the answer without serialising it again.
 */
export async function falGet<S extends z.ZodType>(
  endpoint: FalEndpoint,
  path: string,
  params: Params,
  schema: S,
  opts: { credential: FalCredential | undefined; signal?: AbortSignal },
): Promise<{ data: z.infer<S>; bytes: number }> {
  const { credential } = opts;
  const url = `${env().FAL_API_BASE_URL}${path}?${toSearchParams(params)}`;
  const headers: Record<string, string> = { accept: "application/json" };
  if (credential) headers.authorization = `Key ${credential.key}`;

  const attempt = async (): Promise<{ data: z.infer<S>; bytes: number }> => {
    let text: string;
    try {
      text = await client().get(url, { headers, signal: opts.signal }).text();
    } catch (error) {
      throw await toFalError(error, endpoint, credential);
    }
    return { data: parseBody(text, schema, endpoint), bytes: text.length };
  };

  try {
    const answer = await attempt();
    if (credential) recentlyOk.add(credential.fingerprint);
    return answer;
  } catch (error) {
    if (
      error instanceof FalError &&
      error.diagnosis === "key_rejected" &&
      credential &&
      recentlyOk.delete(credential.fingerprint)
    ) {
      return attempt();
    }
    throw error;
  }
}

function parseBody<S extends z.ZodType>(text: string, schema: S, endpoint: FalEndpoint): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FalError("upstream_contract", endpoint, { detail: `${endpoint}: the body is not valid JSON` });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(root)";
    throw new FalError("upstream_contract", endpoint, {
      detail: `${endpoint}: field \`${where}\` ${issue?.message ?? "is invalid"}`,
    });
  }
  return result.data;
}

/**
 * Seconds until fal wants to be asked again, for our own Retry-After: seconds, an HTTP date, or an epoch
 * timestamp (some servers send x-ratelimit-reset that way), clamped to a minute.
 */
function retryAfterSeconds(headers: Headers): number | undefined {
  const raw = headers.get("retry-after") ?? headers.get("x-ratelimit-reset");
  if (!raw) return undefined;
  let seconds = Number(raw);
  if (Number.isNaN(seconds)) seconds = (Date.parse(raw) - Date.now()) / 1000;
  else if (seconds > 1e9) seconds -= Date.now() / 1000;
  return Number.isFinite(seconds) ? Math.min(60, Math.max(1, Math.ceil(seconds))) : undefined;
}

async function toFalError(
  error: unknown,
  endpoint: FalEndpoint,
  credential: FalCredential | undefined,
): Promise<FalError> {
  const variable = credential?.source;
  if (error instanceof HTTPError) {
    const status = error.response.status;
    const body = await error.response.text().catch(() => "");
    const d = diagnoseHttp(status, body, credential?.formatProblem != null);
    const retryAfter = retryAfterSeconds(error.response.headers);
    const falError = new FalError(d.code, endpoint, {
      variable,
      detail: d.code === "key_malformed" ? (credential?.formatProblem ?? undefined) : d.detail,
      upstreamStatus: status,
      requestId: d.requestId,
      permission: d.permission,
      legacyScope: d.legacyScope,
      retryAfterSeconds: d.code === "rate_limited" ? retryAfter : undefined,
    });
    if (credential) logAuthFailure(falError, credential);
    return falError;
  }
  if (error instanceof TimeoutError) {
    return new FalError("upstream_unavailable", endpoint, {
      variable,
      detail: `no answer within ${env().FAL_TIMEOUT_MS} ms`,
    });
  }
  if (error instanceof FalError) return error;
  // fetch() failures: connection refused or reset, DNS, TLS. Their messages can carry the URL, not the key.
  return new FalError("upstream_unavailable", endpoint, {
    variable,
    detail: "connection failed",
    cause: error,
  });
}
