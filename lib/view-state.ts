// From "nuqs/server": the parsers are shared by the server page and the client hooks.
import { parseAsString, type inferParserType } from "nuqs/server";
import type { RangeQuery, ResolvedRange } from "@/lib/contracts/range";
import { MAX_CHART_BUCKETS, TIMEFRAMES, type Timeframe } from "@/lib/time/timeframes";
import {
  addDays,
  canonicalZone,
  daysBetween,
  hourStart,
  instantOf,
  isCalendarDate,
  isoUtc,
  localDate,
  wallOf,
} from "@/lib/time/wall";

/**
 * The dashboard's view lives in the URL (range preset, custom dates, granularity, timezone), so a link
 * reproduces exactly what someone saw. Shared by the server page and the client controls.
 *
 * A URL is read leniently: whatever it asks that cannot be shown (an unknown preset, dates the wrong way
 * round, hourly buckets over 90 days, a zone nobody knows) is corrected, and `planView` says how in one
 * line, so a hand-edited or old link always renders something true instead of failing.
 */
export const PRESETS = ["24h", "7d", "30d", "90d", "custom"] as const;
export type Preset = (typeof PRESETS)[number];
export const GRANULARITIES = ["auto", ...TIMEFRAMES] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const PRESET_LABELS: Record<Preset, string> = {
  "24h": "24 h",
  "7d": "7 d",
  "30d": "30 d",
  "90d": "90 d",
  custom: "Custom",
};

const PRESET_DAYS = { "7d": 7, "30d": 30, "90d": 90 } as const;
const DEFAULT_PRESET = "7d";
/** The longest custom range, as the API allows. */
const MAX_CUSTOM_DAYS = 400;
const HOUR_MS = 3_600_000;

// Strings, not literals: an unknown value must reach planView to be corrected and named in the notice.
export const viewParsers = {
  range: parseAsString.withDefault(DEFAULT_PRESET),
  from: parseAsString,
  to: parseAsString,
  granularity: parseAsString.withDefault("auto"),
  tz: parseAsString,
};

export type View = inferParserType<typeof viewParsers>;

const ADJECTIVE: Record<Timeframe, string> = {
  minute: "Minute",
  hour: "Hourly",
  day: "Daily",
  week: "Weekly",
  month: "Monthly",
};

export const GRANULARITY_LABELS: Record<Granularity, string> = {
  auto: "Auto",
  minute: "Minute",
  hour: "Hour",
  day: "Day",
  week: "Week",
  month: "Month",
};

/**
 * The window a view covers. Presets end now: `hours` is the last 24 hourly buckets including the current
 * one; the others are whole local days, the last being today (so far). `to` is exclusive.
 */
type Span =
  | { kind: "hours"; startMs: number; endMs: number }
  | { kind: "days"; from: string; to: string; endsToday: boolean };

export type GranularityOption = { value: Granularity; label: string; disabled?: boolean; title?: string };

export type ViewPlan = {
  /** The view as shown: the URL's, corrected where it asked for something impossible. */
  view: {
    range: Preset;
    from: string | null;
    to: string | null;
    granularity: Granularity;
    tz: string | null;
  };
  timezone: string;
  timeframe: Timeframe;
  /** What every windowed route is asked. */
  query: RangeQuery;
  /** Granularities the header offers, each disabled with the reason when it cannot serve this window. */
  granularities: GranularityOption[];
  /** One line on what the URL asked for and what is shown instead; null when nothing was corrected. */
  notice: string | null;
  /** The real dates, e.g. "Nov 25 – Dec 1, today so far". */
  label: string;
};

/** Why `timeframe` cannot bucket `span`, or null when it can without stretching or overflowing it. */
function refusal(timeframe: Timeframe, span: Span, preset: Preset): string | null {
  const days = span.kind === "days" ? daysBetween(span.from, span.to) : 1;
  const what = span.kind === "hours" ? "24 hours" : `${days} days`;
  switch (timeframe) {
    case "minute":
      return "Minute buckets exist for windows up to 2 hours only";
    case "hour":
      return span.kind === "days" && days * 24 > MAX_CHART_BUCKETS
        ? `Hourly buckets over ${what} would be too many (more than ${MAX_CHART_BUCKETS.toLocaleString("en-US")})`
        : null;
    case "day":
      return span.kind === "hours" ? "Daily buckets would stretch the last 24 hours to two whole days" : null;
    case "week":
    case "month": {
      // fal snaps a window out to whole buckets; a bucket reaching past the window would count days the
      // window does not cover, so these are offered only where the window is made of whole ones.
      const whole =
        span.kind === "days" &&
        preset === "custom" &&
        (timeframe === "week"
          ? new Date(`${span.from}T00:00:00Z`).getUTCDay() === 1 && days % 7 === 0
          : span.from.endsWith("-01") && span.to.endsWith("-01"));
      if (whole) return null;
      const unit = timeframe === "week" ? "weeks (Monday to Sunday)" : "months";
      return `${ADJECTIVE[timeframe]} buckets would stretch ${what} past its dates; pick custom dates of whole ${unit}`;
    }
  }
}

/** Auto: hours for the last 24 hours, else days — or weeks and months for long custom windows of them. */
function autoTimeframe(span: Span, preset: Preset): Timeframe {
  if (span.kind === "hours") return "hour";
  const days = daysBetween(span.from, span.to);
  if (days >= 183 && refusal("month", span, preset) === null) return "month";
  if (days >= 64 && refusal("week", span, preset) === null) return "week";
  return "day";
}

const SHORT_DATE = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const LONG_DATE = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

/** "Nov 25 – Dec 1" for whole days, first and last inclusive; years appear when they differ from `today`. */
function dayRange(first: string, last: string, today: string): string {
  const withYear = first.slice(0, 4) !== last.slice(0, 4) || last.slice(0, 4) !== today.slice(0, 4);
  const f = withYear ? LONG_DATE : SHORT_DATE;
  const day = (d: string) => f.format(Date.parse(`${d}T00:00:00Z`));
  return first === last ? day(first) : `${day(first)} – ${day(last)}`;
}

/** "Nov 30, 15:00" in `timezone`. */
function wallTime(ms: number, timezone: string): string {
  const wall = new Date(wallOf(ms, timezone)).toISOString();
  return `${SHORT_DATE.format(Date.parse(wall.slice(0, 10)))}, ${wall.slice(11, 16)}`;
}

/**
 * Reads a view from the URL into the window it shows, correcting what cannot be shown. `now` is the
 * server's render time on first paint (shared with the browser so both ask the same keys).
 */
export function planView(raw: View, now: number, defaultTimezone: string): ViewPlan {
  const notices: string[] = [];

  let tz = raw.tz;
  if (tz !== null && canonicalZone(tz) === null) {
    notices.push(`Unknown time zone “${tz}”; showing ${defaultTimezone}`);
    tz = null;
  }
  const timezone = canonicalZone(tz ?? defaultTimezone) ?? "UTC";
  const today = localDate(now, timezone);

  let preset: Preset = (PRESETS as readonly string[]).includes(raw.range)
    ? (raw.range as Preset)
    : DEFAULT_PRESET;
  if (preset !== raw.range) notices.push(`Unknown range “${raw.range}”; showing the last 7 days`);

  let from: string | null = null;
  let to: string | null = null;
  if (preset === "custom") {
    const rawTo = raw.to ?? raw.from;
    if (!isCalendarDate(raw.from) || !isCalendarDate(rawTo)) {
      notices.push("The custom dates are not real dates between 2000 and 2099; showing the last 7 days");
      preset = DEFAULT_PRESET;
    } else if (rawTo < raw.from) {
      notices.push("“To” was before “From”; the dates are shown the right way round");
      [from, to] = [rawTo, raw.from];
    } else {
      [from, to] = [raw.from, rawTo];
    }
    if (from !== null && to !== null && daysBetween(from, to) + 1 > MAX_CUSTOM_DAYS) {
      from = addDays(to, 1 - MAX_CUSTOM_DAYS);
      notices.push(
        `Custom ranges are at most ${MAX_CUSTOM_DAYS} days; showing the ${MAX_CUSTOM_DAYS} days up to “To”`,
      );
    }
  }

  let span: Span;
  if (preset === "24h") {
    const endMs = hourStart(now, timezone) + HOUR_MS;
    span = { kind: "hours", startMs: endMs - 24 * HOUR_MS, endMs };
  } else if (preset === "custom" && from !== null && to !== null) {
    span = { kind: "days", from, to: addDays(to, 1), endsToday: to === today };
  } else {
    const days = PRESET_DAYS[preset as keyof typeof PRESET_DAYS];
    span = { kind: "days", from: addDays(today, 1 - days), to: addDays(today, 1), endsToday: true };
  }

  const granularities: GranularityOption[] = GRANULARITIES.filter((g) => g !== "minute").map((g) => {
    const why = g === "auto" ? null : refusal(g, span, preset);
    return why
      ? { value: g, label: GRANULARITY_LABELS[g], disabled: true, title: why }
      : { value: g, label: GRANULARITY_LABELS[g] };
  });
  const auto = autoTimeframe(span, preset);
  let granularity: Granularity = (GRANULARITIES as readonly string[]).includes(raw.granularity)
    ? (raw.granularity as Granularity)
    : "auto";
  if (granularity !== raw.granularity) {
    notices.push(`Unknown granularity “${raw.granularity}”; showing ${ADJECTIVE[auto].toLowerCase()}`);
  } else if (granularity !== "auto") {
    const why = refusal(granularity, span, preset);
    if (why) {
      notices.push(`${why}; showing ${ADJECTIVE[auto].toLowerCase()}`);
      granularity = "auto";
    }
  }
  const timeframe = granularity === "auto" ? auto : granularity;

  const query: RangeQuery =
    span.kind === "hours"
      ? { start: isoUtc(span.startMs), end: isoUtc(span.endMs), timezone, timeframe }
      : { start: span.from, end: span.to, timezone, timeframe };
  const label =
    span.kind === "hours"
      ? `${wallTime(span.startMs, timezone)} – now, this hour so far`
      : `${dayRange(span.from, addDays(span.to, -1), today)}${span.endsToday ? ", today so far" : ""}`;

  return {
    view: { range: preset, from, to, granularity, tz },
    timezone,
    timeframe,
    query,
    granularities,
    notice: notices.length > 0 ? notices.join(". ") : null,
    label,
  };
}

/** How far a window's data reaches: `as_of` when the answer has it, else the window's end. */
function asOfMs(range: ResolvedRange): number {
  const end = Date.parse(range.end);
  return range.as_of ? Math.min(end, Date.parse(range.as_of)) : end;
}

/** The windows a KPI delta compares, and the words that say so (the delta's title). */
export type DeltaPlan = {
  /** The current window cut to the elapsed time; null when the window is over and its figure compares as is. */
  current: RangeQuery | null;
  previous: RangeQuery;
  title: string;
};

/** Windows of up to this many days compare hour by hour; longer ones to the last whole day. */
const HOURLY_CUT_DAYS = 7;

/**
 * What a window's deltas compare: the window before it, of the same length — and when the window is
 * still running (its last bucket partial), both cut to the same elapsed time, e.g. "today until 14:00
 * vs yesterday until 14:00", so a morning never reads as a collapse against a whole day.
 */
export function deltaPlan(range: ResolvedRange): DeltaPlan | null {
  const { timezone } = range;
  const startMs = Date.parse(range.start);
  const endMs = Date.parse(range.end);
  const asOf = asOfMs(range);
  const running = asOf < endMs;

  if (range.timeframe === "minute") return null;
  const hours = range.timeframe === "hour";
  const startDate = localDate(startMs, timezone);
  const days = daysBetween(startDate, localDate(endMs, timezone));
  // A window of hours steps back by its length; one of days by as many calendar days (DST-proof).
  const back = (ms: number) =>
    hours ? ms - (endMs - startMs) : instantOf(wallOf(ms, timezone) - days * 24 * HOUR_MS, timezone);
  const backDate = (d: string) => addDays(d, -days);

  if (!running) {
    const previous: RangeQuery = hours
      ? { start: isoUtc(back(startMs)), end: isoUtc(startMs), timezone, timeframe: "hour" }
      : { start: backDate(startDate), end: startDate, timezone, timeframe: "day" };
    return {
      current: null,
      previous,
      title: `Compared with the ${hours ? `${Math.round((endMs - startMs) / HOUR_MS)} hours` : `${days} days`} before`,
    };
  }

  if (hours || days <= HOURLY_CUT_DAYS) {
    const cut = hourStart(asOf, timezone);
    if (cut <= startMs) return null;
    const start = hours ? isoUtc(startMs) : startDate;
    const prevStart = hours ? isoUtc(back(startMs)) : backDate(startDate);
    return {
      current: { start, end: isoUtc(cut), timezone, timeframe: "hour" },
      previous: { start: prevStart, end: isoUtc(back(cut)), timezone, timeframe: "hour" },
      title: `Same elapsed time: ${wallTime(startMs, timezone)} – ${wallTime(cut, timezone)} vs ${wallTime(back(startMs), timezone)} – ${wallTime(back(cut), timezone)}`,
    };
  }
  const cutDate = localDate(asOf, timezone);
  if (cutDate <= startDate) return null;
  const whole = daysBetween(startDate, cutDate);
  return {
    current: { start: startDate, end: cutDate, timezone, timeframe: "day" },
    previous: { start: backDate(startDate), end: backDate(cutDate), timezone, timeframe: "day" },
    title: `Same elapsed time: the ${whole} whole days before today vs the ${whole} days before those`,
  };
}

/** "Nov 24 – Nov 30" or "Nov 30, 15:00 – Dec 1, 14:00": the window an answer covers, for labels. */
export function windowLabel(range: ResolvedRange): string {
  const startMs = Date.parse(range.start);
  const endMs = Date.parse(range.end);
  if (range.timeframe === "hour" || range.timeframe === "minute") {
    return `${wallTime(startMs, range.timezone)} – ${wallTime(endMs, range.timezone)}`;
  }
  // Bucket labels carry their local date in their first ten characters; the end is exclusive.
  const first = range.start.slice(0, 10);
  const last = addDays(range.end.slice(0, 10), -1);
  return dayRange(first, last, localDate(asOfMs(range), range.timezone));
}

/** A window as one attribute value, the same for every answer about it: what e2e specs compare. */
export function windowId(range: ResolvedRange): string {
  return `${Date.parse(range.start)}/${Date.parse(range.end)}/${range.timezone}/${range.timeframe}`;
}

export function toSearch(query: RangeQuery): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) sp.set(k, v);
  return sp.toString();
}

/**
 * The SWR key of a route for a query: the URL the browser would fetch, so a server prefetch can fill it.
 * `params` are the route's own parameters beyond the window (`series=none`, `endpoint_id`), after it;
 * an undefined one is left out.
 */
export function apiKey(
  path: string,
  query?: RangeQuery,
  params?: Readonly<Record<string, string | undefined>>,
): string {
  if (query === undefined) return path;
  const sp = new URLSearchParams(toSearch(query));
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) sp.set(k, v);
  return `${path}?${sp.toString()}`;
}
