import "server-only";
import { ApiError } from "@/lib/api/errors";
import { hasBrand } from "@/lib/brand";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import type { ErrorBody } from "@/lib/contracts/errors";
import type { Preset } from "@/lib/contracts/permissions";
import { permissionInMessage, presetsFor, requiredPermission } from "@/lib/fal/permissions";
import { falErrorSchema } from "@/lib/fal/schemas";

/** Endpoints only the model page and reconciliation call; the key probe does not check them. */
export type DrillEndpoint = "requests" | "billing_events" | "insights";

/** The fal Platform endpoints the dashboard calls, named as the health matrix names them. */
export type FalEndpoint = "models" | "pricing" | "usage" | "analytics" | "billing" | "keys" | DrillEndpoint;

const FAL_ERROR = Symbol.for("fal-dashboard:FalError");

/** A failed fal call with its diagnosis; an ApiError so route handlers answer it without more code. */
export class FalError extends ApiError {
  /** Branded like ApiError, for the same reason: one instance may be seen from two module graphs. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, FAL_ERROR);
  }
  readonly [FAL_ERROR] = true;
  override name = "FalError";
  readonly diagnosis: DiagnosisCode;
  readonly endpoint: FalEndpoint;
  readonly upstreamStatus?: number;
  /** For `scope_insufficient`: the permission the key lacks and the presets that carry it. */
  readonly requiredPermission?: string;
  readonly presets?: Preset[];
  /** fal's refusal spoke of the legacy Admin scope: the key is (or behaves as) a legacy API key. */
  readonly legacyScope: boolean;

  constructor(
    diagnosis: DiagnosisCode,
    endpoint: FalEndpoint,
    opts: {
      variable?: string;
      detail?: string;
      upstreamStatus?: number;
      requestId?: string;
      retryAfterSeconds?: number;
      /** The permission fal's message named, if any. */
      permission?: string;
      legacyScope?: boolean;
      cause?: unknown;
    } = {},
  ) {
    const permission =
      diagnosis === "scope_insufficient" ? requiredPermission(endpoint, opts.permission) : undefined;
    const presets = permission ? presetsFor(permission) : undefined;
    const copy = diagnosisCopy(diagnosis, { ...opts, permission, presets });
    super(diagnosis, copy.message, {
      hint: copy.hint,
      requestId: opts.requestId,
      retryAfterSeconds: opts.retryAfterSeconds,
      cause: opts.cause,
    });
    this.diagnosis = diagnosis;
    this.endpoint = endpoint;
    this.upstreamStatus = opts.upstreamStatus;
    this.requiredPermission = permission;
    this.presets = presets;
    this.legacyScope = opts.legacyScope === true;
  }

  override toBody(): ErrorBody {
    const body = super.toBody();
    if (this.requiredPermission && this.presets)
      Object.assign(body.error, { required_permission: this.requiredPermission, presets: this.presets });
    return body;
  }
}

const SCOPE_WORDS = /admin|scope|permission|\b[a-z]+:[a-z]+:(read|write)\b/i;
// fal's header-format complaint names the "Admin API key" too; it is a rejected header, not a scope.
const HEADER_WORDS = /prefix|malformed|header/i;

/**
 * Status AND body decide (docs/fal-api-notes.md, "Errors and diagnosis"): fal uses `authorization_error`
 * for both 401 and 403, and a key refused for a permission has been seen answered with either, so
 * the message breaks the tie. A permission fal names (`billing:usage:read`) is kept, by name only.
 */
export function diagnoseHttp(
  status: number,
  bodyText: string,
  keyMalformed: boolean,
): {
  code: DiagnosisCode;
  requestId?: string;
  detail?: string;
  permission?: string;
  legacyScope?: boolean;
} {
  const parsed = safeJson(bodyText);
  const envelope = falErrorSchema.safeParse(parsed);
  const message = envelope.success ? (envelope.data.error.message ?? "") : "";
  const requestId = envelope.success ? envelope.data.error.request_id : undefined;

  if (status === 401 || status === 403) {
    if (status === 403 || (SCOPE_WORDS.test(message) && !HEADER_WORDS.test(message)))
      return {
        code: "scope_insufficient",
        requestId,
        permission: permissionInMessage(message),
        legacyScope: /\badmin\b/i.test(message),
      };
    return { code: keyMalformed ? "key_malformed" : "key_rejected", requestId };
  }
  if (status === 429) return { code: "rate_limited", requestId };
  if (status >= 500) return { code: "upstream_unavailable", requestId, detail: `HTTP ${status}` };
  return { code: "upstream_request", requestId, detail: `HTTP ${status}` };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
