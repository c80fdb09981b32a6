import { createHash, timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { FieldIssue } from "@/lib/contracts/errors";
import {
  MAX_BATCH_ITEMS,
  MAX_BODY_BYTES,
  MAX_FUTURE_MS,
  MIN_OCCURRED_AT,
  activityItem,
  ingestBody,
  type IngestResult,
} from "@/lib/contracts/events";
import type { EventStore } from "@/lib/events/db";
import { writeActivities, type NewActivity } from "@/lib/events/write";

/**
 * The HTTP half of `POST /api/ingest`, in the order that spends the least on a request we will refuse:
 * configured → authorised → JSON → small enough (declared, then actually read) → parsable.
 */
export async function readIngestRequest(req: Request, expectedToken: string | undefined): Promise<unknown> {
  if (!expectedToken) {
    throw new ApiError(
      "ingest_disabled",
      "Ingestion is turned off on this server: INGEST_TOKEN is not set.",
      {
        hint: "Set INGEST_TOKEN (at least 16 characters) in the server's environment, restart it, and send the same value as `Authorization: Bearer <token>`.",
      },
    );
  }
  if (!bearerMatches(req.headers.get("authorization"), expectedToken)) {
    throw new ApiError("unauthorized", "Missing or wrong ingest token.", {
      field: "authorization",
      hint: "Send `Authorization: Bearer <INGEST_TOKEN>`.",
    });
  }
  const mediaType = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ApiError(
      "unsupported_media_type",
      "The body must be JSON: send `Content-Type: application/json`.",
      { field: "content-type" },
    );
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw bodyTooLarge();
  const bytes = await readAtMost(req, MAX_BODY_BYTES);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError("invalid_request", 'body: not valid JSON; expected {"activities":[…]}', {
      field: "body",
      issues: [{ field: "body", message: "not valid JSON" }],
    });
  }
}

/** Digests first: timingSafeEqual needs equal lengths, and comparing digests leaks nothing about length. */
function bearerMatches(header: string | null, expected: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  if (given === undefined) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Content-Length can be absent or wrong (chunked uploads), so the limit is enforced on the bytes read too. */
async function readAtMost(req: Request, limit: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
}

function bodyTooLarge(): ApiError {
  return new ApiError("payload_too_large", `The body is larger than ${MAX_BODY_BYTES} bytes (1 MiB).`, {
    field: "body",
    hint: `Send at most ${MAX_BATCH_ITEMS} activities per request, in smaller batches if they carry large properties.`,
  });
}

/**
 * Validates the whole batch, then stores it in one transaction. Any bad item rejects the batch with every
 * problem listed and nothing written, so a sender can fix and resend it as a whole; resending is safe
 * because ids already stored are skipped and counted as duplicates.
 */
export async function ingestActivities(
  store: EventStore,
  body: unknown,
  options: { now?: number } = {},
): Promise<IngestResult> {
  const batch = validateBatch(body, options.now ?? Date.now());
  const accepted = await writeActivities(store, batch);
  return { accepted, duplicates: batch.length - accepted };
}

const EARLIEST = Date.parse(MIN_OCCURRED_AT);

function validateBatch(body: unknown, now: number): NewActivity[] {
  const envelope = ingestBody.safeParse(body);
  if (!envelope.success) {
    throw rejected(
      envelope.error.issues.flatMap((issue) => describe(issue, undefined, body)),
      'expected {"activities":[…]}',
    );
  }
  const items = envelope.data.activities;
  if (items.length > MAX_BATCH_ITEMS) {
    throw new ApiError(
      "payload_too_large",
      `activities: ${items.length} items; at most ${MAX_BATCH_ITEMS} per request.`,
      { field: "activities", hint: `Split the batch into requests of at most ${MAX_BATCH_ITEMS}.` },
    );
  }

  const issues: FieldIssue[] = [];
  const batch: NewActivity[] = [];
  items.forEach((raw, index) => {
    const parsed = activityItem.safeParse(raw);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.flatMap((issue) => describe(issue, index, raw)));
      return;
    }
    const item = parsed.data;
    // zod has checked the shape and the calendar, and for that shape V8's parser is exact (and far cheaper
    // than luxon, which mattered at 1,000 items a batch).
    const occurredAt = Date.parse(item.occurred_at);
    if (occurredAt < EARLIEST) {
      issues.push({
        index,
        field: "occurred_at",
        message: `is before ${MIN_OCCURRED_AT}; check the sender's clock`,
      });
      return;
    }
    if (occurredAt > now + MAX_FUTURE_MS) {
      issues.push({
        index,
        field: "occurred_at",
        message: "is more than 5 minutes in the future; check the sender's clock and offset",
      });
      return;
    }
    batch.push({
      id: item.id,
      eventId: item.event_id,
      eventName: item.event_name,
      type: item.type,
      occurredAt,
      endpointId: item.endpoint_id,
      falRequestId: item.fal_request_id,
      properties: item.properties,
    });
  });
  if (issues.length > 0)
    throw rejected(issues, `${issues.length} problem(s) in the batch; nothing was stored`);
  return batch;
}

/** One issue per unknown field, and "is required" rather than zod's "expected string, received undefined". */
function describe(issue: z.core.$ZodIssue, index: number | undefined, input: unknown): FieldIssue[] {
  const at = index === undefined ? {} : { index };
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      ...at,
      field: [...issue.path, key].join("."),
      message: "unknown field",
    }));
  }
  const field = issue.path.join(".") || (index === undefined ? "body" : "activities");
  const missing =
    issue.code === "invalid_type" &&
    issue.path.length === 1 &&
    typeof input === "object" &&
    input !== null &&
    !(String(issue.path[0]) in input);
  return [{ ...at, field, message: missing ? "is required" : issue.message }];
}

function rejected(issues: FieldIssue[], summary: string): ApiError {
  const first = issues[0];
  const where = first
    ? `${first.index === undefined ? "" : `activities[${first.index}].`}${first.field}`
    : "body";
  return new ApiError("invalid_request", `${summary}. First: ${where}: ${first?.message ?? "invalid"}`, {
    field: first?.field ?? "body",
    issues,
  });
}
