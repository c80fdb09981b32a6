import { z } from "zod";
import { TIMEFRAMES } from "@/lib/time/timeframes";

/** Any zone the runtime's Intl knows (IANA names and their aliases), checked without a date library. */
export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Query parameters every time-windowed route takes (fal's rules: docs/fal-api-notes.md, "Time windows"). */
const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d))?$/i,
    "expected YYYY-MM-DD or ISO 8601 with an offset, e.g. 2026-01-15T00:00:00Z",
  );

export const rangeQuery = z.object({
  start: instant.optional(),
  end: instant.optional(),
  timezone: z
    .string()
    .refine(isValidTimezone, "expected an IANA time zone such as Europe/Berlin")
    // fal is sent the canonical spelling (America/New_York), whatever case the link used.
    .transform((tz) => new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone)
    .optional(),
  timeframe: z.enum(TIMEFRAMES).optional(),
});
export type RangeQuery = z.infer<typeof rangeQuery>;

export const resolvedRange = z.object({
  start: z.string(),
  end: z.string(),
  timezone: z.string(),
  timeframe: z.enum(TIMEFRAMES),
  /**
   * How far the data reaches: the server's clock when the window ends later (its last bucket is still
   * filling and the ones after it have not happened), else the window's end. Optional: answers cached
   * before the field existed lack it.
   */
  as_of: z.string().optional(),
});
export type ResolvedRange = z.infer<typeof resolvedRange>;

export const DEFAULT_RANGE_MS = 7 * 24 * 3_600_000;
/** Minute buckets exist for windows up to this long (event metrics keep minutes only in raw rows). */
export const MINUTE_RANGE_MS = 2 * 3_600_000;
export const MAX_RANGE_DAYS = 400;
