import "server-only";
import ky, { HTTPError, TimeoutError } from "ky";
import type { ReplicateCheck } from "@/lib/contracts/health";
import { env } from "@/lib/env";

/** Replicate tokens look like `r8_` + 37 characters; the doctor and health endpoint check both. */
export function replicateFormatProblem(token: string): string | null {
  if (/^\s|\s$/.test(token)) return "the value has leading or trailing whitespace or a newline";
  if (/^["'`]|["'`]$/.test(token)) return "the value is wrapped in quotes";
  if (!token.startsWith("r8_")) return "expected a token starting with r8_";
  if (!/^r8_[A-Za-z0-9]{20,}$/.test(token)) return "expected r8_ followed by letters and digits";
  return null;
}

export function maskReplicateToken(token: string): string {
  const t = token.trim();
  return t.length > 12 ? `${t.slice(0, 6)}…${t.slice(-4)}` : `${t.slice(0, 3)}…`;
}

/** A cheap authenticated call (`GET /account`) tells a valid token from a revoked one. */
export async function checkReplicate(): Promise<ReplicateCheck> {
  const token = env().REPLICATE_API_TOKEN;
  if (!token) return { status: "not_configured" };
  const base = {
    masked: maskReplicateToken(token),
    format_problem: replicateFormatProblem(token),
    checked_at: new Date().toISOString(),
  };
  try {
    await ky.get(`${env().REPLICATE_API_BASE_URL}/account`, {
      headers: { authorization: `Bearer ${token.trim()}` },
      timeout: env().FAL_TIMEOUT_MS,
      retry: { limit: 1 },
    });
    return { status: "ok", ...base, error: null };
  } catch (error) {
    const message =
      error instanceof HTTPError
        ? error.response.status === 401 || error.response.status === 403
          ? "token_rejected: Replicate refused the token; create a new one at https://replicate.com/account/api-tokens"
          : `upstream_unavailable: Replicate answered HTTP ${error.response.status}`
        : error instanceof TimeoutError
          ? "upstream_unavailable: Replicate did not answer in time"
          : "upstream_unavailable: Replicate could not be reached";
    return { status: "error", ...base, error: message };
  }
}
