import { ApiError } from "@/lib/api/errors";
import { StoreLockedError } from "@/lib/events/lock";

/**
 * What a store failure means to whoever asked: the store unreachable, too slow, out of disk or unable to
 * open becomes a 503/507 whose message the events panel shows and a sender can act on (retry later). An
 * error not listed here (a bug in our SQL, a broken invariant) stays a plain 500.
 */

export type StoreKind = "pglite" | "postgres";

/** Failures of the store itself, raised by this module's callers with a message of their own. */
export function storeUnavailable(message: string, hint?: string, cause?: unknown): ApiError {
  return new ApiError("store_unavailable", message, { hint, cause, retryAfterSeconds: 5 });
}

export function storeFull(kind: StoreKind, cause?: unknown): ApiError {
  return new ApiError(
    "store_full",
    kind === "pglite"
      ? "The disk under DATA_DIR is (almost) full: the event store takes no more activities. Nothing from this request was stored."
      : "The PostgreSQL server holding the events has run out of disk: nothing from this request was stored.",
    {
      hint: "Free disk space where the store lives, then send again: resending is safe, ids already stored are skipped.",
      cause,
      retryAfterSeconds: 60,
    },
  );
}

const UNREACHABLE =
  "Event metrics are unavailable and activities sent now are not stored; the dashboard reconnects by itself.";
const CHECK_SERVER = "Check that the PostgreSQL server in DATABASE_URL is running and reachable.";

/** Node socket errors that mean the server could not be reached or went away. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

/** pg's own errors when a connection or an answer never comes; they carry no code, only these texts. */
const PG_CLIENT_FAILURES: [RegExp, string][] = [
  [/timeout exceeded when trying to connect|connection timeout/i, "no connection within the connect timeout"],
  [/Query read timeout/i, "no answer within the query timeout"],
  [/Connection terminated|not queryable|connection error/i, "the connection was lost"],
];

export function explainStoreError(error: unknown, kind: StoreKind): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreLockedError) {
    return storeUnavailable(error.message, undefined, error);
  }
  const found = rootCause(error);
  const code = typeof found.code === "string" ? found.code : undefined;
  const message = typeof found.message === "string" ? found.message : "";

  if (code === "53100" || code === "ENOSPC") return storeFull(kind, error);
  if (code === "57014") {
    return storeUnavailable(
      "The event store took too long to answer and the query was cancelled. " + UNREACHABLE,
      "Raise DATABASE_STATEMENT_TIMEOUT_MS if the server is merely slow, or check its load.",
      error,
    );
  }
  if (kind === "postgres") {
    const reason =
      (code && NETWORK_CODES.has(code) && `the connection failed (${code})`) ||
      (code?.startsWith("08") && "the connection failed") ||
      (code === "57P01" && "the server is shutting down") ||
      (code === "57P02" && "the server crashed") ||
      (code === "57P03" && "the server is starting up") ||
      (code?.startsWith("53") && "the server is out of resources") ||
      (code === "25006" && "the server is read-only (a standby)") ||
      (code?.startsWith("28") && "the server refused the credentials in DATABASE_URL") ||
      (code === "3D000" && "the database in DATABASE_URL does not exist") ||
      PG_CLIENT_FAILURES.find(([pattern]) => pattern.test(message))?.[1];
    if (reason) {
      return storeUnavailable(
        `The event store (PostgreSQL) is not available: ${reason}. ${UNREACHABLE}`,
        CHECK_SERVER,
        error,
      );
    }
  }
  const fs = fileSystemReason(code);
  if (fs) return storeUnavailable(`The event store cannot use DATA_DIR: ${fs}.`, undefined, error);
  return error;
}

/** What DATA_DIR's file system said, for errors raised outside PGlite (creating the directory, the lock). */
export function fileSystemReason(code: string | undefined): string | undefined {
  switch (code) {
    case "EROFS":
      return "it is on a read-only file system; point DATA_DIR at a writable volume";
    case "EACCES":
    case "EPERM":
      return "permission denied; make it writable by the user the server runs as";
    case "ENOTDIR":
      return "a part of the path is a file, not a directory";
    default:
      return undefined;
  }
}

/** drizzle wraps the driver's error (`cause`); the driver's code and message are what tell the story. */
function rootCause(error: unknown): { code?: unknown; message?: unknown } {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = current instanceof Error ? current.cause : undefined;
    if (!(next instanceof Error)) break;
    current = next;
  }
  return typeof current === "object" && current !== null ? current : {};
}
