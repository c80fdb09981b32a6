import type { Timeframe } from "@/lib/time/timeframes";

/**
 * Display formatting shared by server and browser. The locale is pinned: a server-rendered "1,234" that
 * hydrates as "1.234" in a German browser is a hydration mismatch, and the dashboard's labels are English.
 */
const LOCALE = "en-US";

/** What every formatter shows for a value that is missing or not a finite number. */
export const MISSING = "—";

export type DeltaDirection = "up" | "down" | "flat";
export type Delta = { text: string; direction: DeltaDirection };

export type MoneyOptions = {
  /** Show "+" on positive amounts (for differences). */
  signed?: boolean;
};

// Intl.NumberFormat construction is comparatively slow and tables format thousands of cells.
const formatters = new Map<string, Intl.NumberFormat>();
function nf(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, options);
    formatters.set(key, f);
  }
  return f;
}

function isNum(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** `-0` and amounts that round to zero must not print as "-$0.00". */
function noNegativeZero(value: number): number {
  return value === 0 ? 0 : value;
}

function currencyDigits(currency: string): number {
  return nf({ style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Money in the currency's minor unit ("$412.31"). A positive amount below one cent never shows as "$0.00":
 * per-request prices on fal are often fractions of a cent, so up to four decimals are shown ("$0.0031"),
 * and if even that rounds to zero, two significant digits ("$0.000012").
 */
export function formatMoney(
  value: number | null | undefined,
  currency = "USD",
  opts: MoneyOptions = {},
): string {
  if (!isNum(value)) return MISSING;
  const v = noNegativeZero(value);
  const signDisplay = opts.signed ? "exceptZero" : "auto";
  const digits = currencyDigits(currency);
  const minorUnit = 10 ** -digits;
  const abs = Math.abs(v);
  if (abs > 0 && abs < minorUnit) {
    const fourDecimals = Math.round(abs * 1e4) / 1e4;
    const options: Intl.NumberFormatOptions =
      fourDecimals > 0
        ? { style: "currency", currency, signDisplay, minimumFractionDigits: 0, maximumFractionDigits: 4 }
        : { style: "currency", currency, signDisplay, maximumSignificantDigits: 2 };
    return nf(options).format(v);
  }
  // Round first so an amount like -0.004 (handled above) or -0.0000001 can never reach "-$0.00" here.
  const rounded = noNegativeZero(Math.round(v * 10 ** digits) / 10 ** digits);
  return nf({ style: "currency", currency, signDisplay }).format(rounded);
}

/** Lower-case thousands ("1.2k") read as a unit suffix rather than a shouted letter. */
function lowerK(s: string): string {
  return s.replace(/K\b/, "k");
}

/** Money for tight spaces: "$1.2k", "$3.4M"; amounts under 1,000 fall back to {@link formatMoney}. */
export function formatCompactMoney(value: number | null | undefined, currency = "USD"): string {
  if (!isNum(value)) return MISSING;
  const v = noNegativeZero(value);
  if (Math.abs(v) < 1000) return formatMoney(v, currency);
  return lowerK(nf({ style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(v));
}

/** Grouped number, at most `maximumFractionDigits` decimals (default 2): "1,234,567", "0.3" for 0.1 + 0.2. */
export function formatNumber(value: number | null | undefined, maximumFractionDigits = 2): string {
  if (!isNum(value)) return MISSING;
  return nf({ maximumFractionDigits }).format(noNegativeZero(value));
}

/** "950", "1.2k", "3.4M", "5.6B". */
export function formatCompact(value: number | null | undefined): string {
  if (!isNum(value)) return MISSING;
  return lowerK(nf({ notation: "compact", maximumFractionDigits: 1 }).format(noNegativeZero(value)));
}

/**
 * A ratio as a percentage with one decimal ("12.3%"). A non-zero ratio that would round to "0%" prints
 * "<0.1%": an error rate of 0.04% is not the same news as no errors at all.
 */
export function formatPercent(ratio: number | null | undefined, maximumFractionDigits = 1): string {
  if (!isNum(ratio)) return MISSING;
  const r = noNegativeZero(ratio);
  const smallest = 10 ** -(maximumFractionDigits + 2);
  if (r !== 0 && Math.abs(r) < smallest / 2) {
    const bound = nf({ style: "percent", maximumFractionDigits }).format(smallest);
    return r > 0 ? `<${bound}` : `>-${bound}`;
  }
  return nf({ style: "percent", maximumFractionDigits }).format(r);
}

/** "850 ms", "2.4 s", "1 m 12 s", "2 h 5 m". Input in seconds, as fal reports run and queue times. */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isNum(seconds)) return MISSING;
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  const ms = Math.round(seconds * 1000);
  if (ms === 0) return seconds > 0 ? "<1 ms" : "0 ms";
  if (ms < 1000) return `${ms} ms`;
  // Round once at the displayed precision so 59.96 s becomes "1 m 0 s", not "60.0 s".
  const tenths = Math.round(seconds * 10);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} m ${whole % 60} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} m`;
  const hours = Math.round(seconds / 3600);
  return `${formatNumber(Math.floor(hours / 24), 0)} d ${hours % 24} h`;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const BUCKET = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/;

/**
 * Label for a time bucket as fal and the event store return it (`2026-03-09T00:00:00-04:00`). The digits
 * before the offset already are the wall-clock time in the dashboard's timezone, so they are shown as
 * they are: no timezone database in the browser bundle, and the same label on server and client.
 *
 * `axis` (default) is short ("14:00", "Mar 9", "Week of Mar 9", "Mar 2026"); `full` is unambiguous for
 * tooltips and tables ("Mar 9, 2026, 14:00").
 */
export function formatBucketLabel(
  bucketIso: string,
  timeframe: Timeframe,
  style: "axis" | "full" = "axis",
): string {
  const m = BUCKET.exec(bucketIso);
  if (!m) return bucketIso;
  const [, y, mo, d, hh = "00", mm = "00"] = m;
  const month = MONTHS[Number(mo) - 1];
  if (!month) return bucketIso;
  const day = Number(d);
  const short = month.slice(0, 3);
  const full = style === "full";
  switch (timeframe) {
    case "minute":
    case "hour":
      return full ? `${short} ${day}, ${y}, ${hh}:${mm}` : `${hh}:${mm}`;
    case "day": {
      const weekday = WEEKDAYS[new Date(Date.UTC(Number(y), Number(mo) - 1, day)).getUTCDay()];
      return full ? `${weekday}, ${short} ${day}, ${y}` : `${short} ${day}`;
    }
    case "week":
      return full ? `Week of ${short} ${day}, ${y}` : `Week of ${short} ${day}`;
    case "month":
      return full ? `${month} ${y}` : `${short} ${y}`;
  }
}

/**
 * Change of `current` against `previous` as a signed percentage ("+12%", "-8%", "+0.4%"). Null when there is
 * no meaningful base (previous missing or zero: "+∞%" informs nobody). Direction follows the change, also
 * for negative bases, and is "flat" whenever the text would read "0%".
 */
export function formatDelta(
  current: number | null | undefined,
  previous: number | null | undefined,
): Delta | null {
  if (!isNum(current) || !isNum(previous) || previous === 0) return null;
  const ratio = (current - previous) / Math.abs(previous);
  if (!Number.isFinite(ratio)) return null;
  const maximumFractionDigits = Math.abs(ratio) < 0.1 ? 1 : 0;
  const step = 10 ** -(maximumFractionDigits + 2);
  const rounded = Math.round(ratio / step) * step;
  if (rounded === 0) return { text: "0%", direction: "flat" };
  return {
    text: nf({ style: "percent", maximumFractionDigits, signDisplay: "exceptZero" }).format(rounded),
    direction: rounded > 0 ? "up" : "down",
  };
}

/**
 * A per-unit price: prices are often fractions of a cent ($0.025 per image, $0.003 per megapixel), so
 * they keep three significant digits instead of rounding to cents like an amount would.
 */
export function formatUnitPrice(value: number | null | undefined, currency = "USD"): string {
  if (!isNum(value)) return MISSING;
  const v = noNegativeZero(value);
  return Math.abs(v) < 1
    ? nf({ style: "currency", currency, maximumSignificantDigits: 3 }).format(v)
    : nf({ style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(v);
}

/** "This view needs an ADMIN-scope key" → "this view needs an ADMIN-scope key", acronyms kept. */
/**
 * An instant as people read it, in the dashboard's zone: never the server's or the browser's, which
 * differ as soon as someone opens the dashboard from another zone (the server's render and the
 * browser's would then disagree, and times would not match the charts beside them).
 */
export function formatInstant(
  iso: string,
  timezone: string,
  style: { dateStyle?: "medium"; timeStyle: "short" | "medium" },
): string {
  const at = new Date(iso);
  // The zone is named ("6:53 PM UTC", "4:53 AM GMT+11"), so a reader elsewhere cannot take the time for
  // their own. Asked separately: Intl refuses timeZoneName beside dateStyle/timeStyle.
  const zone = new Intl.DateTimeFormat("en-US", { timeZone: timezone, timeZoneName: "short" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const time = at.toLocaleString("en-US", { ...style, timeZone: timezone });
  return zone ? `${time} ${zone}` : time;
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
