import { sql, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import { invalid } from "@/lib/api/errors";
import type { EventMetricsResponse, EventSummary } from "@/lib/contracts/events";
import { KNOWN_ACTIVITY_TYPES } from "@/lib/contracts/events";
import { MINUTE_RANGE_MS } from "@/lib/contracts/range";
import { publicRange, type Range } from "@/lib/time/range";
import { eventStore } from "@/lib/events/context";
import type { EventsDb, EventStore } from "@/lib/events/db";
import { cover, type Span } from "@/lib/events/cells";
import {
  activities,
  activityRollups,
  activityRollupsDaily,
  activityRollupsHourly,
  endpointRollupsDaily,
  occasions,
} from "@/lib/events/schema";
import { bucketsBetween, formatBucket } from "@/lib/time/zone";

export type MetricsOptions = {
  /** Only this event's activities. */
  eventId?: string;
  /** Defaults to the process store (or the one a test installed). */
  store?: EventStore;
};

const QUARTER_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A table of counts per cell (or the raw rows, cells of 1 ms), as the same columns. */
type Source = {
  grainMs: number;
  from: SQL;
  at: SQL;
  eventId: SQL;
  type: SQL;
  /** Absent where the table does not keep it (hourly and daily cells). */
  endpoint?: SQL;
  count: SQL;
  firstAt: SQL;
  lastAt: SQL;
};
type WithEndpoint = Source & { endpoint: SQL };

function rollups<
  T extends typeof activityRollups | typeof activityRollupsHourly | typeof endpointRollupsDaily,
>(table: T, grainMs: number) {
  return {
    grainMs,
    from: sql`${table}`,
    at: sql`${table.bucket}`,
    eventId: sql`${table.eventId}`,
    type: sql`${table.type}`,
    count: sql`sum(${table.count})`,
    firstAt: sql`min(${table.firstAt})`,
    lastAt: sql`max(${table.lastAt})`,
  };
}

const DAILY: Source = rollups(activityRollupsDaily, DAY_MS);
const DAILY_BY_ENDPOINT: WithEndpoint = {
  ...rollups(endpointRollupsDaily, DAY_MS),
  endpoint: sql`${endpointRollupsDaily.endpointId}`,
};
const HOURLY: Source = rollups(activityRollupsHourly, HOUR_MS);
const QUARTERS: WithEndpoint = {
  ...rollups(activityRollups, QUARTER_MS),
  endpoint: sql`${activityRollups.endpointId}`,
};
const RAW: WithEndpoint = {
  grainMs: 1,
  from: sql`${activities}`,
  at: sql`${activities.occurredAt}`,
  eventId: sql`${activities.eventId}`,
  type: sql`${activities.type}`,
  endpoint: sql`coalesce(${activities.endpointId}, '')`,
  count: sql`count(*)`,
  firstAt: sql`min(${activities.occurredAt})`,
  lastAt: sql`max(${activities.occurredAt})`,
};

/**
 * Coarsest first, so a range reads as few rows as it can: whole UTC days from the daily cells, hours around
 * them (or every hour, for day buckets in a zone whose days start at 05:00 UTC), 15-minute cells where a
 * boundary falls at :15/:30/:45, raw rows only within a quarter hour of a boundary that is not on one
 * (minute buckets). Only the daily-per-endpoint and 15-minute cells know the endpoint; without it the
 * others are ten times smaller (the bench's 62 endpoints).
 */
const ALL_SOURCES: Source[] = [DAILY, HOURLY, QUARTERS, RAW];
const ENDPOINT_SOURCES: WithEndpoint[] = [DAILY_BY_ENDPOINT, QUARTERS, RAW];

/** A source and the spans read from it. */
type Part<S extends Source> = { source: S; spans: Span[] };

function partsFor<S extends Source>(sources: S[], boundaries: readonly number[]): Part<S>[] {
  const spans = cover(
    boundaries,
    sources.map((s) => s.grainMs),
  );
  return sources.map((source, i) => ({ source, spans: spans[i]! })).filter((p) => p.spans.length > 0);
}

const isoUtc = (ms: number) => new Date(ms).toISOString();

/**
 * Every part's rows as one derived table, each part grouped by its `keys` first: a cell table's rows
 * collapse there, before the outer query adds them up. A part reads its spans as one index range each
 * (a join on the spans, not one range from the first to the last: the two edges of a range would
 * otherwise scan all the finer cells between them).
 */
function cellsOf<S extends Source>(
  parts: Part<S>[],
  eventId: string | undefined,
  select: (source: S) => { keys: SQL[]; values: SQL[]; where?: SQL },
): SQL {
  const selects = parts.map(({ source, spans }) => {
    const { keys, values, where } = select(source);
    const from = sql.param(spans.map((s) => isoUtc(s.from)));
    const to = sql.param(spans.map((s) => isoUtc(s.to)));
    const conditions = [
      ...(eventId === undefined ? [] : [sql`${source.eventId} = ${eventId}`]),
      ...(where ? [where] : []),
    ];
    return sql`(SELECT ${sql.join([...keys, ...values], sql`, `)}
      FROM unnest(${from}::timestamptz[], ${to}::timestamptz[]) AS span (start, stop)
      JOIN ${source.from} ON ${source.at} >= span.start AND ${source.at} < span.stop
      ${conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``}
      GROUP BY ${sql.raw(keys.map((_, i) => i + 1).join(", "))})`;
  });
  return sql`(${sql.join(selects, sql` UNION ALL `)}) AS cells`;
}

/** float8 because drivers hand bigint and numeric back as strings; counts stay exact far beyond 2^31. */
const asNumber = (expr: SQL) => sql`(${expr})::float8`;
const epochMs = (expr: SQL) => sql`(extract(epoch from ${expr}) * 1000)::float8`;

type CountRow = { type: string; count: unknown };
type BucketRow = CountRow & { bucket: unknown };
type EndpointRow = { endpoint_id: string; count: unknown };
type EventRow = {
  event_id: string;
  name: string | null;
  photos: unknown;
  views: unknown;
  shares: unknown;
  downloads: unknown;
  first_ms: unknown;
  last_ms: unknown;
};

const wholeRange = (range: Range) => [range.startMs, range.endMs];

function countsByType(db: EventsDb, range: Range, eventId?: string) {
  const cells = cellsOf(partsFor(ALL_SOURCES, wholeRange(range)), eventId, (s) => ({
    keys: [sql`${s.type} AS type`],
    values: [sql`${s.count} AS n`],
  }));
  return db.execute<CountRow>(sql`SELECT type, ${asNumber(sql`sum(n)`)} AS count FROM ${cells} GROUP BY 1`);
}

/**
 * Counts per bucket index (1 = the first bucket): `width_bucket` binary-searches the bucket boundaries
 * luxon cut in lib/time/zone.ts (DST days of 23 and 25 hours, Monday weeks, :30 and :45 offsets), so the
 * database converts no time zone and cannot disagree with the browser about one. A cell's start places
 * all of it because `cover` cuts cells that no boundary falls inside.
 */
function countsByBucket(db: EventsDb, boundaries: number[], eventId?: string) {
  const edges = sql`${sql.param(boundaries.map(isoUtc))}::timestamptz[]`;
  const cells = cellsOf(partsFor(ALL_SOURCES, boundaries), eventId, (s) => ({
    keys: [sql`width_bucket(${s.at}, ${edges}) AS bucket`, sql`${s.type} AS type`],
    values: [sql`${s.count} AS n`],
  }));
  return db.execute<BucketRow>(
    sql`SELECT bucket, type, ${asNumber(sql`sum(n)`)} AS count FROM ${cells} GROUP BY 1, 2`,
  );
}

function photosPerEndpoint(db: EventsDb, range: Range, eventId?: string) {
  const cells = cellsOf(partsFor(ENDPOINT_SOURCES, wholeRange(range)), eventId, (s) => ({
    keys: [sql`${s.endpoint} AS endpoint_id`],
    values: [sql`${s.count} AS n`],
    where: sql`${s.type} = 'photo.generated' AND ${s.endpoint} <> ''`,
  }));
  return db.execute<EndpointRow>(sql`
    SELECT endpoint_id, ${asNumber(sql`sum(n)`)} AS count
    FROM ${cells}
    GROUP BY 1
    ORDER BY 2 DESC, 1`);
}

function perEvent(db: EventsDb, range: Range, eventId?: string) {
  const cells = cellsOf(partsFor(ALL_SOURCES, wholeRange(range)), eventId, (s) => ({
    keys: [sql`${s.eventId} AS event_id`, sql`${s.type} AS type`],
    values: [sql`${s.count} AS n`, sql`${s.firstAt} AS first_at`, sql`${s.lastAt} AS last_at`],
  }));
  const countOf = (type: string) => asNumber(sql`coalesce(sum(n) FILTER (WHERE type = ${type}), 0)`);
  return db.execute<EventRow>(sql`
    SELECT per_event.*, ${occasions.name} AS name
    FROM (
      SELECT event_id,
             ${countOf("photo.generated")} AS photos, ${countOf("photo.viewed")} AS views,
             ${countOf("photo.shared")} AS shares, ${countOf("photo.downloaded")} AS downloads,
             ${epochMs(sql`min(first_at)`)} AS first_ms, ${epochMs(sql`max(last_at)`)} AS last_ms
      FROM ${cells}
      GROUP BY 1
    ) AS per_event
    LEFT JOIN ${occasions} ON ${occasions.id} = per_event.event_id`);
}

/** Several statements that must agree with each other: one snapshot, even while writers commit. */
async function snapshot<T>(options: MetricsOptions, read: (db: EventsDb) => Promise<T>): Promise<T> {
  const store = options.store ?? (await eventStore());
  return store.run("read", (db) =>
    db.transaction((tx) => read(tx), { isolationLevel: "repeatable read", accessMode: "read only" }),
  );
}

/** Everything `GET /api/events/metrics` answers, for a range resolved by `resolveRange`. */
export async function eventMetrics(
  range: Range,
  options: MetricsOptions = {},
): Promise<EventMetricsResponse> {
  if (range.timeframe === "minute" && range.endMs - range.startMs > MINUTE_RANGE_MS + 2 * 60_000) {
    // resolveRange checks the requested span; snapping may add up to a minute at either end.
    throw invalid("timeframe", "minute buckets are available for ranges up to 2 hours; pick hour or coarser");
  }
  const buckets = bucketsBetween(range.startMs, range.endMs, range.timeframe, range.timezone);
  const inside = buckets.map((b) => b.toMillis()).filter((ms) => ms > range.startMs && ms < range.endMs);
  const boundaries = [range.startMs, ...inside, range.endMs];
  const { bucketRows, eventRows, endpointRows } = await snapshot(options, async (db) => ({
    bucketRows: (await countsByBucket(db, boundaries, options.eventId)).rows,
    eventRows: (await perEvent(db, range, options.eventId)).rows,
    endpointRows: (await photosPerEndpoint(db, range, options.eventId)).rows,
  }));

  const totals = zeroTotals(bucketRows.map((r) => r.type));
  const perBucket = buckets.map(() => ({ ...totals }));
  for (const row of bucketRows) {
    const counts = perBucket[Number(row.bucket) - 1];
    // Only a cell outside [start, end) could land here, and miscounting it would be worse than an error.
    if (!counts) throw new Error(`a cell fell in bucket ${row.bucket} of ${buckets.length}`);
    counts[row.type] = (counts[row.type] ?? 0) + Number(row.count);
    totals[row.type] = (totals[row.type] ?? 0) + Number(row.count);
  }

  return {
    range: publicRange(range),
    totals,
    series: buckets.map((b, i) => ({ bucket: formatBucket(b), counts: perBucket[i]! })),
    events: eventRows.map((row) => summarise(row, range.timezone)).sort(byPhotosThenId),
    photos_by_endpoint: Object.fromEntries(endpointRows.map((r) => [r.endpoint_id, Number(r.count)])),
  };
}

/** Activities per type in the range: the four known types always, custom types when seen. */
export async function activityTotals(
  range: Range,
  options: MetricsOptions = {},
): Promise<Record<string, number>> {
  const rows = await snapshot(options, async (db) => (await countsByType(db, range, options.eventId)).rows);
  const totals = zeroTotals(rows.map((r) => r.type));
  for (const row of rows) totals[row.type] = Number(row.count);
  return totals;
}

/** photo.generated per fal endpoint in the range (what cost per photo divides by); unattributed photos left out. */
export async function photosByEndpoint(
  range: Range,
  options: MetricsOptions = {},
): Promise<Record<string, number>> {
  const rows = await snapshot(
    options,
    async (db) => (await photosPerEndpoint(db, range, options.eventId)).rows,
  );
  return Object.fromEntries(rows.map((r) => [r.endpoint_id, Number(r.count)]));
}

function zeroTotals(seen: string[]): Record<string, number> {
  const custom = [...new Set(seen)]
    .filter((t) => !(KNOWN_ACTIVITY_TYPES as readonly string[]).includes(t))
    .sort();
  return Object.fromEntries([...KNOWN_ACTIVITY_TYPES, ...custom].map((t) => [t, 0]));
}

function summarise(row: EventRow, timezone: string): EventSummary {
  const photos = Number(row.photos);
  const views = Number(row.views);
  const iso = (ms: unknown) =>
    DateTime.fromMillis(Number(ms), { zone: timezone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
  return {
    event_id: row.event_id,
    name: row.name ?? row.event_id,
    photos_generated: photos,
    views,
    shares: Number(row.shares),
    downloads: Number(row.downloads),
    views_per_photo: photos > 0 ? views / photos : null,
    first_at: iso(row.first_ms),
    last_at: iso(row.last_ms),
  };
}

function byPhotosThenId(a: EventSummary, b: EventSummary): number {
  return (
    b.photos_generated - a.photos_generated ||
    (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0)
  );
}
