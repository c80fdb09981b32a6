import { ERROR_STATUS, type ErrorCode } from "@/lib/contracts/codes";
import { type ErrorBody, type FieldIssue } from "@/lib/contracts/errors";
import { hasBrand } from "@/lib/brand";

const API_ERROR = Symbol.for("fal-dashboard:ApiError");

/** A failure our routes know how to explain. Anything else is answered as `internal` without details. */
export class ApiError extends Error {
  /**
   * A fal call started by the page's server render and awaited by a route (they share the process-wide
   * cache) rejects with the other module graph's class; the brand keeps `instanceof` true across both.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, API_ERROR);
  }
  readonly [API_ERROR] = true;
  override name = "ApiError";
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly requestId?: string;
  readonly field?: string;
  readonly issues?: FieldIssue[];
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    extra: {
      hint?: string;
      requestId?: string;
      field?: string;
      issues?: FieldIssue[];
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: extra.cause });
    this.code = code;
    this.hint = extra.hint;
    this.requestId = extra.requestId;
    this.field = extra.field;
    this.issues = extra.issues;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.hint ? { hint: this.hint } : {}),
        ...(this.requestId ? { request_id: this.requestId } : {}),
        ...(this.field ? { field: this.field } : {}),
        ...(this.issues ? { issues: this.issues } : {}),
      },
    };
  }
}

export function invalid(field: string, message: string): ApiError {
  return new ApiError("invalid_request", `${field}: ${message}`, { field, issues: [{ field, message }] });
}
