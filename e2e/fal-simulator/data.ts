import { seededRandom } from "@/lib/random";
import { hash4, hashString, normal, unitHash } from "./hash";
import { binOfLog } from "./sketch";
import {
  ENDPOINTS,
  STAGING_KEY,
  VARIANT_BATCH,
  VARIANT_LEGACY,
  VARIANT_PLAYGROUND,
  VARIANT_PROD,
  VARIANT_STAGING,
  endpointAt,
  type SimEndpoint,
} from "./world";

/**
 * Pure traffic generation: for every (endpoint, UTC hour) a request volume, its outcomes, latencies and the
 * billed usage lines, all derived from (seed, endpoint, hour) alone. Nothing depends on when it is asked,
 * except the retention rule applied by `eventsInRange` (data exists from 400 days ago up to now).
 * Tests import this module to compute expected totals without the HTTP layer.
 */

export const HOUR_MS = 3_600_000;
export const RETENTION_DAYS = 400;

/** Megapixels per request for megapixel-billed endpoints; mean 1.05, like the catalog's units_per_photo. */
const MEGAPIXEL_SIZES = [1.0, 1.05, 1.05, 1.05, 1.57, 0.58] as const;
const ERROR_KINDS = ["startup", "connection", "timeout", "runtime"] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * One request of an hour, as regenerated from the hour's stream (see `hourRequests`): its position, outcome,
 * latencies in seconds and, for a success, who was billed and how many units.
 */
export type RequestDetail = {
  index: number;
  outcome: "success" | "user_error" | "error";
  errorKind: ErrorKind | null;
  durationSeconds: number;
  prepareSeconds: number;
  /** Billed usage variant and units; null for failures, which fal does not bill. */
  variant: number | null;
  units: number;
};

/** Billed quantity of one usage variant within one hour. */
export type UsageLine = { variant: number; quantity: number };

/** Everything that happened on one endpoint in one UTC hour; all requests land on the same minute. */
export type HourTraffic = {
  endpointIndex: number;
  hourIndex: number;
  /** Instant of the hour's requests (epoch ms, on a whole minute inside the hour). */
  at: number;
  requests: number;
  success: number;
  userErrors: number;
  errors: number;
  errorKinds: Record<ErrorKind, number>;
  coldBoots: number;
  /** Sum of request durations in seconds. */
  billableDuration: number;
  /** Per-request latency histogram bins (see sketch.ts). */
  durationBins: Uint8Array;
  prepareBins: Uint8Array;
  coldBootBins: Uint8Array;
  /** Successful requests are billed; failed ones are not. */
  usage: UsageLine[];
};

const SALT_VOLUME = 1;
const SALT_ROUNDING = 2;
const SALT_STREAM = 3;
const SALT_LEGACY_DAY = hashString("legacy-day");
const TWO_POW_32 = 4_294_967_296;

/** Day/night rhythm on UTC hours: quiet around 03:00 UTC, busiest around 15:00 UTC. */
function diurnal(utcHour: number): number {
  return 0.2 + 0.8 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (utcHour - 3)) / 24));
}

/** Slow drift over absolute days, so week-over-week and month-over-month charts have a shape. */
function trend(dayIndex: number): number {
  return 1 + 0.2 * Math.sin((2 * Math.PI * dayIndex) / 97) + 0.1 * Math.sin((2 * Math.PI * dayIndex) / 23);
}

function isWeekend(dayIndex: number): boolean {
  const weekday = (dayIndex + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday.
  return weekday === 0 || weekday === 6;
}

/** The load factor every endpoint shares in an hour (rhythm × weekday × trend); computed once per hour. */
export function hourFactor(hourIndex: number): number {
  const dayIndex = Math.floor(hourIndex / 24);
  return diurnal(hourIndex % 24) * (isWeekend(dayIndex) ? 0.7 : 1) * trend(dayIndex);
}

/** The legacy integration runs on about one day in five (same days for every endpoint). */
export function isLegacyDay(seed: number, dayIndex: number): boolean {
  return unitHash(seed, SALT_LEGACY_DAY, dayIndex) < 0.2;
}

const STAGING_FROM_HOUR = Math.ceil(Date.parse(STAGING_KEY.created_at) / HOUR_MS);

/** Expected requests in the hour; the count is this rounded stochastically, so tails have empty hours. */
export function expectedRequests(
  seed: number,
  endpoint: SimEndpoint,
  hourIndex: number,
  factor = hourFactor(hourIndex),
): number {
  const noise = 0.75 + (0.5 * hash4(seed, endpoint.index, hourIndex, SALT_VOLUME)) / TWO_POW_32;
  return endpoint.profile.peakRate * factor * noise;
}

export function requestCount(
  seed: number,
  endpoint: SimEndpoint,
  hourIndex: number,
  factor = hourFactor(hourIndex),
): number {
  const lambda = expectedRequests(seed, endpoint, hourIndex, factor);
  return Math.floor(lambda + hash4(seed, endpoint.index, hourIndex, SALT_ROUNDING) / TWO_POW_32);
}

/**
 * Which key (and so which price/discount) made a successful request: cumulative shares of the variants
 * active in the hour. Cached per combination so the per-request draw allocates nothing.
 */
const variantTables: ({ variants: number[]; cumulative: number[] } | undefined)[] = [];
function variantTable(playground: boolean, staging: boolean, legacy: boolean) {
  const key = (playground ? 4 : 0) | (staging ? 2 : 0) | (legacy ? 1 : 0);
  let table = variantTables[key];
  if (!table) {
    const weights: [number, number][] = [
      [VARIANT_PROD, 0.62],
      [VARIANT_BATCH, 0.25],
    ];
    if (staging) weights.push([VARIANT_STAGING, 0.08]);
    if (playground) weights.push([VARIANT_PLAYGROUND, 0.04]);
    if (legacy) weights.push([VARIANT_LEGACY, 0.15]);
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let acc = 0;
    table = { variants: weights.map(([v]) => v), cumulative: weights.map(([, w]) => (acc += w / total)) };
    variantTables[key] = table;
  }
  return table;
}

const LN_PREPARE_MEDIAN = Math.log(0.25);
const LN_COLD_BOOT_MEDIAN = Math.log(12);
const LN_USER_ERROR_FACTOR = Math.log(0.2); // rejected inputs fail fast
const LN_TIMEOUT_FACTOR = Math.log(3);

/**
 * Generates one (endpoint, hour); null when the hour had no requests. `onRequest` receives each request as
 * it is drawn: the per-request view is the same stream, so it cannot disagree with the hour's totals.
 */
export function generateHour(
  seed: number,
  endpointIndex: number,
  hourIndex: number,
  factor = hourFactor(hourIndex),
  onRequest?: (request: RequestDetail) => void,
): HourTraffic | null {
  const endpoint = endpointAt(endpointIndex);
  const requests = requestCount(seed, endpoint, hourIndex, factor);
  if (requests <= 0) return null;

  const next = seededRandom(hash4(seed, endpointIndex, hourIndex, SALT_STREAM));
  const profile = endpoint.profile;
  const minute = Math.floor(next() * 60);
  // Busy or degraded hours are slower for everyone in them. Latencies are drawn in log space.
  const lnMedian = Math.log(profile.medianDuration * (0.85 + 0.3 * next()));
  const incident = next() < 0.004;
  const errorRate = incident ? 0.3 : profile.errorRate;
  const table = variantTable(
    endpoint.hasPlayground,
    hourIndex >= STAGING_FROM_HOUR,
    isLegacyDay(seed, Math.floor(hourIndex / 24)),
  );

  const durationBins = new Uint8Array(requests);
  const prepareBins = new Uint8Array(requests);
  const coldBootBins: number[] = [];
  const errorKinds: Record<ErrorKind, number> = { startup: 0, connection: 0, timeout: 0, runtime: 0 };
  const quantities = new Map<number, number>();
  let success = 0;
  let userErrors = 0;
  let errors = 0;
  let billableDuration = 0;

  for (let i = 0; i < requests; i++) {
    const outcome = next();
    let lnDuration = lnMedian + profile.durationSigma * normal(next);
    let lnPrepare = LN_PREPARE_MEDIAN + 0.8 * normal(next);
    if (next() < profile.coldBootRate) {
      const lnColdBoot = LN_COLD_BOOT_MEDIAN + 0.5 * normal(next);
      coldBootBins.push(binOfLog(lnColdBoot));
      lnPrepare = Math.log(Math.exp(lnPrepare) + Math.exp(lnColdBoot));
    }
    let kind: ErrorKind | null = null;
    let variant: number | null = null;
    let units = 0;
    if (outcome < profile.userErrorRate) {
      userErrors++;
      lnDuration += LN_USER_ERROR_FACTOR;
    } else if (outcome < profile.userErrorRate + errorRate) {
      errors++;
      kind = ERROR_KINDS[Math.floor(next() * ERROR_KINDS.length)] ?? "runtime";
      errorKinds[kind]++;
      if (kind === "timeout") lnDuration += LN_TIMEOUT_FACTOR;
    } else {
      success++;
      const u = next();
      let v = 0;
      while (v < table.cumulative.length - 1 && u >= (table.cumulative[v] ?? 1)) v++;
      variant = table.variants[v] ?? VARIANT_PROD;
      units = profile.fractionalUnits
        ? (MEGAPIXEL_SIZES[Math.floor(next() * MEGAPIXEL_SIZES.length)] ?? 1)
        : 1;
      quantities.set(variant, (quantities.get(variant) ?? 0) + units);
    }
    durationBins[i] = binOfLog(lnDuration);
    prepareBins[i] = binOfLog(lnPrepare);
    const duration = Math.exp(lnDuration);
    billableDuration += duration;
    onRequest?.({
      index: i,
      outcome: variant !== null ? "success" : kind === null ? "user_error" : "error",
      errorKind: kind,
      durationSeconds: duration,
      prepareSeconds: Math.exp(lnPrepare),
      variant,
      units,
    });
  }

  const usage = [...quantities.entries()]
    .sort(([a], [b]) => a - b)
    .map(([variant, quantity]) => ({ variant, quantity: Math.round(quantity * 1e6) / 1e6 }));

  return {
    endpointIndex,
    hourIndex,
    at: hourIndex * HOUR_MS + minute * 60_000,
    requests,
    success,
    userErrors,
    errors,
    errorKinds,
    coldBoots: coldBootBins.length,
    billableDuration,
    durationBins,
    prepareBins,
    coldBootBins: Uint8Array.from(coldBootBins),
    usage,
  };
}

/** The requests of one (endpoint, hour), regenerated from its stream (never stored); [] for an empty hour. */
export function hourRequests(seed: number, endpointIndex: number, hourIndex: number): RequestDetail[] {
  const out: RequestDetail[] = [];
  generateHour(seed, endpointIndex, hourIndex, hourFactor(hourIndex), (r) => out.push(r));
  return out;
}

/** First UTC hour with data: retention is counted back from the hour holding `nowMs`. */
export function firstDataHour(nowMs: number): number {
  return Math.floor(nowMs / HOUR_MS) - RETENTION_DAYS * 24;
}

/**
 * Memo layout: one dense array per endpoint over a fixed span of hours (retention plus margins, anchored
 * when the instance is created), holding the hour's traffic, `null` for a known-empty hour, or undefined
 * when not generated yet — a plain index, no hashing, and empty tail hours are decided once. Hours
 * outside the span (far past, or a long-running process moving past it) are simply generated again.
 */
const MEMO_SPAN_HOURS = (RETENTION_DAYS + 60) * 24;

export type Traffic = {
  readonly seed: number;
  /** The hour's traffic regardless of retention/now (null = no requests). Memoized. */
  hour(endpointIndex: number, hourIndex: number): HourTraffic | null;
  /**
   * Every (endpoint, hour) whose requests happened in [startMs, endMs), within retention and not after
   * `nowMs`, ordered by hour then endpoint.
   */
  eventsInRange(
    startMs: number,
    endMs: number,
    nowMs: number,
    endpointIndexes?: readonly number[],
  ): HourTraffic[];
  /**
   * Generates [startMs, endMs) into the memo one day per event-loop turn, so the first dashboard query
   * after startup is as fast as later ones. Resolves early when `cancelled()` turns true.
   */
  prewarm(startMs: number, endMs: number, cancelled: () => boolean): Promise<void>;
};

export function createTraffic(seed: number, createdAtMs: number = Date.now()): Traffic {
  const memoBase = firstDataHour(createdAtMs) - 30 * 24;
  const memo = ENDPOINTS.map(() =>
    new Array<HourTraffic | null | undefined>(MEMO_SPAN_HOURS).fill(undefined),
  );
  const allIndexes = ENDPOINTS.map((e) => e.index);

  function hour(
    endpointIndex: number,
    hourIndex: number,
    factor = hourFactor(hourIndex),
  ): HourTraffic | null {
    const slot = hourIndex - memoBase;
    const row = slot >= 0 && slot < MEMO_SPAN_HOURS ? memo[endpointIndex] : undefined;
    const known = row?.[slot];
    if (known !== undefined) return known;
    const generated = generateHour(seed, endpointIndex, hourIndex, factor);
    if (row) row[slot] = generated;
    return generated;
  }

  function eventsInRange(
    startMs: number,
    endMs: number,
    nowMs: number,
    endpointIndexes: readonly number[] = allIndexes,
  ): HourTraffic[] {
    const out: HourTraffic[] = [];
    const upper = Math.min(endMs, nowMs + 1); // requests at exactly `now` have happened
    const fromHour = Math.max(Math.floor(startMs / HOUR_MS), firstDataHour(nowMs));
    const toHour = Math.floor((upper - 1) / HOUR_MS);
    for (let h = fromHour; h <= toHour; h++) {
      const factor = hourFactor(h);
      for (const e of endpointIndexes) {
        const t = hour(e, h, factor);
        if (t && t.at >= startMs && t.at < upper) out.push(t);
      }
    }
    return out;
  }

  async function prewarm(startMs: number, endMs: number, cancelled: () => boolean): Promise<void> {
    for (let h = Math.floor(startMs / HOUR_MS); h < Math.ceil(endMs / HOUR_MS); h++) {
      if (h % 24 === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (cancelled()) return;
      }
      const factor = hourFactor(h);
      for (const e of allIndexes) hour(e, h, factor);
    }
  }

  return { seed, hour, eventsInRange, prewarm };
}
