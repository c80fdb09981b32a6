import type { ErrorBody } from "@/lib/contracts/errors";

/** What a failed dashboard request carries to the UI: our error code, never an upstream body. */
export class ApiClientError extends Error {
  override name = "ApiClientError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly requestId?: string,
    /** `scope_insufficient`: the permission the key lacks and the presets that carry it. */
    readonly requiredPermission?: string,
    readonly presets?: string[],
  ) {
    super(message);
  }
}

export async function fetcher<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" } });
  } catch {
    throw new ApiClientError(0, "network", "The dashboard server could not be reached.");
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as Partial<ErrorBody> | null)?.error;
    throw new ApiClientError(
      res.status,
      error?.code ?? "internal",
      error?.message ?? `Request failed (${res.status}).`,
      error?.hint,
      error?.request_id,
      error?.required_permission,
      error?.presets,
    );
  }
  return body as T;
}

const PERMANENT = new Set([
  "key_missing",
  "key_malformed",
  "key_rejected",
  "scope_insufficient",
  "upstream_contract",
  "upstream_request",
  "invalid_request",
  "unauthorized",
]);

/** Error codes another try will not fix. */
export function isPermanentCode(code: string): boolean {
  return PERMANENT.has(code);
}

/** Errors that another try will not fix; SWR stops retrying them. */
export function isPermanent(error: unknown): boolean {
  return error instanceof ApiClientError && isPermanentCode(error.code);
}
