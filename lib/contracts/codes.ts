/**
 * Every error code our routes answer with, and the one map from code to HTTP status. The fal diagnosis
 * codes (docs/fal-api-notes.md, "Errors and diagnosis") are upstream problems: the dashboard's own
 * caller did nothing wrong, so they map to 502/503 and never to 401/403 (which would read as "you are
 * not logged in").
 */
export const DIAGNOSIS_CODES = [
  "key_missing",
  "key_malformed",
  "key_rejected",
  "scope_insufficient",
  "rate_limited",
  "upstream_unavailable",
  "upstream_contract",
  "upstream_request",
] as const;
export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  cross_site_request: 403,
  not_found: 404,
  method_not_allowed: 405,
  length_required: 411,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  ingest_disabled: 503,
  auth_not_configured: 503,
  /** The event store cannot answer now: PostgreSQL down or too slow, DATA_DIR unusable, the lock held. */
  store_unavailable: 503,
  /** The event store's disk is full: writes are refused, reads go on. */
  store_full: 507,
  internal: 500,
  key_missing: 503,
  key_malformed: 502,
  key_rejected: 502,
  scope_insufficient: 502,
  rate_limited: 503,
  upstream_unavailable: 503,
  upstream_contract: 502,
  upstream_request: 502,
} as const satisfies Record<string, number>;
export type ErrorCode = keyof typeof ERROR_STATUS;

export function isDiagnosisCode(code: string): code is DiagnosisCode {
  return (DIAGNOSIS_CODES as readonly string[]).includes(code);
}
