/**
 * Wall-clock arithmetic in a named zone with nothing but Intl, for the browser (Luxon stays on the
 * server). Enough to say which local day and hour an instant falls in and to turn a local time back
 * into an instant; bucket boundaries themselves are cut by lib/time/zone.ts on the server.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const formats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timezone: string): Intl.DateTimeFormat {
  let f = formats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timezone, f);
  }
  return f;
}

/** The zone's canonical IANA name (a link may say america/new_york), or null for an unknown zone. */
export function canonicalZone(timezone: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The local time of `ms` in `timezone`, written as if it were UTC (whole seconds). */
export function wallOf(ms: number, timezone: string): number {
  const p: Record<string, number> = {};
  for (const part of partsFormat(timezone).formatToParts(ms)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** The instant at local time `wall`; in a spring-forward gap, the instant just after it (as Postgres). */
export function instantOf(wall: number, timezone: string): number {
  const offsetNear = (ms: number) => wallOf(ms, timezone) - Math.floor(ms / 1000) * 1000;
  let guess = wall - offsetNear(wall);
  // Two rounds settle any single offset change between the guess and the answer.
  guess = wall - offsetNear(guess);
  const landed = wall - offsetNear(guess);
  return Math.max(guess, landed);
}

/** "YYYY-MM-DD" of the local day holding `ms`. */
export function localDate(ms: number, timezone: string): string {
  return new Date(wallOf(ms, timezone)).toISOString().slice(0, 10);
}

/** A calendar date `days` later (or earlier); pure calendar arithmetic, no zone involved. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` ("YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Start of the local hour holding `ms` (hours start at a whole local hour in every zone's offset). */
export function hourStart(ms: number, timezone: string): number {
  const wall = wallOf(ms, timezone);
  return Math.floor(ms / 1000) * 1000 - (wall % HOUR_MS);
}

/** A real `YYYY-MM-DD` between 2000 and 2099 (the API's bounds), else false. */
export function isCalendarDate(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return (
    Number.isFinite(ms) &&
    new Date(ms).toISOString().startsWith(value) &&
    value >= "2000-01-01" &&
    value < "2100-01-01"
  );
}

/** ISO 8601 in UTC without milliseconds: the shape the API's `start`/`end` take. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
