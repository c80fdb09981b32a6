// From "nuqs/server": the parsers are shared by the server page and the client hooks.
import { parseAsString, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { TIMEFRAMES } from "@/lib/time/timeframes";
import type { RangeQuery } from "@/lib/contracts/range";

/**
 * The dashboard's view lives in the URL (range preset, custom dates, granularity, timezone), so a link
 * reproduces exactly what someone saw. Shared by the server page and the client controls.
 */
export const PRESETS = ["24h", "7d", "30d", "90d", "custom"] as const;
export type Preset = (typeof PRESETS)[number];
export const GRANULARITIES = ["auto", ...TIMEFRAMES] as const;

export const PRESET_LABELS: Record<Preset, string> = {
  "24h": "24 h",
  "7d": "7 d",
  "30d": "30 d",
  "90d": "90 d",
  custom: "Custom",
};

const PRESET_MS: Record<Exclude<Preset, "custom">, number> = {
  "24h": 24 * 3_600_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
  "90d": 90 * 86_400_000,
};

export const viewParsers = {
  range: parseAsStringLiteral(PRESETS).withDefault("7d"),
  from: parseAsString,
  to: parseAsString,
  granularity: parseAsStringLiteral(GRANULARITIES).withDefault("auto"),
  tz: parseAsString,
};

export type View = inferParserType<typeof viewParsers>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The API query for a view. Presets end "now" (the server's clock) and start a fixed span earlier,
 * truncated to the minute so the request key — and every cache behind it — is stable within a minute.
 * Custom ranges are whole days, `to` inclusive in the picker and exclusive (`end`) on the wire.
 */
export function viewToQuery(view: View, now: number, defaultTimezone: string): RangeQuery {
  const timezone = view.tz ?? defaultTimezone;
  const timeframe = view.granularity === "auto" ? undefined : view.granularity;
  if (view.range === "custom" && view.from && DATE.test(view.from)) {
    const to = view.to && DATE.test(view.to) ? view.to : view.from;
    const [y, m, d] = to.split("-").map(Number) as [number, number, number];
    const end = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    return { start: view.from, end, timezone, timeframe };
  }
  const span = PRESET_MS[view.range === "custom" ? "7d" : view.range];
  const start = Math.floor((now - span) / 60_000) * 60_000;
  return { start: new Date(start).toISOString().replace(".000Z", "Z"), timezone, timeframe };
}

/** The window just before `range`, of the same length: what deltas compare against. */
export function previousQuery(range: {
  start: string;
  end: string;
  timezone: string;
  timeframe: RangeQuery["timeframe"];
}): RangeQuery {
  const start = Date.parse(range.start);
  const end = Date.parse(range.end);
  const toIso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
  return {
    start: toIso(start - (end - start)),
    end: toIso(start),
    timezone: range.timezone,
    timeframe: range.timeframe,
  };
}

export function toSearch(query: RangeQuery): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) sp.set(k, v);
  return sp.toString();
}

/** The SWR key of a route for a query: the URL the browser would fetch, so a server prefetch can fill it. */
export function apiKey(path: string, query?: RangeQuery): string {
  return query === undefined ? path : `${path}?${toSearch(query)}`;
}
