import { randomUUID } from "node:crypto";

/** fal's error `type` enum (fal-openapi.json, identical on every operation). */
export type FalErrorType =
  | "authorization_error"
  | "validation_error"
  | "not_found"
  | "rate_limited"
  | "server_error"
  | "not_implemented";

export type FalErrorBody = {
  error: { type: string; message: string; docs_url?: string; request_id: string };
};

export const MSG_INVALID_KEY = "Invalid API key or malformed Authorization header";
/** The refusal a legacy API-scope key meets: fal's older wording, which speaks of the Admin scope. */
export const MSG_ADMIN_REQUIRED =
  "This endpoint requires an Admin API key. Create one with ADMIN scope at https://fal.ai/dashboard/keys";
/** fal's documented 403 example: names nothing. */
export const MSG_ACCESS_DENIED = "Access denied";
/** A refusal that names the missing permission (fal's docs do not say whether it does; both are simulated). */
export function msgMissingPermission(permission: string): string {
  return `Access denied: this key is missing the required permission '${permission}'`;
}
const AUTH_DOCS = "https://docs.fal.ai/platform-apis/authentication";

/** A failure a handler answers with fal's envelope; thrown from parsing and auth, caught by the server. */
export class SimError extends Error {
  override name = "SimError";
  constructor(
    readonly status: number,
    readonly type: FalErrorType,
    message: string,
  ) {
    super(message);
  }
}

export function validationError(parameter: string, problem: string): SimError {
  return new SimError(400, "validation_error", `Invalid parameter '${parameter}': ${problem}`);
}

/** Error type fal uses for a status, for injected faults that name only a status. */
export function typeForStatus(status: number): FalErrorType {
  if (status === 401 || status === 403) return "authorization_error";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server_error";
  return "validation_error";
}

/** Messages of the error examples in fal's OpenAPI document (fal-openapi.json). */
export function defaultMessage(status: number): string {
  switch (status) {
    case 400:
      return "Invalid request parameters";
    case 401:
      return "Authentication required";
    case 403:
      return "Access denied";
    case 404:
      return "Resource not found";
    case 429:
      return "Rate limit exceeded";
    case 502:
      return "Bad gateway";
    case 503:
      return "Service temporarily unavailable";
    default:
      return status >= 500 ? "An unexpected error occurred" : "Request failed";
  }
}

export function newRequestId(): string {
  return randomUUID();
}

export function errorBody(type: string, message: string, requestId: string = newRequestId()): FalErrorBody {
  const error: FalErrorBody["error"] = { type, message, request_id: requestId };
  if (type === "authorization_error") error.docs_url = AUTH_DOCS;
  return { error };
}
