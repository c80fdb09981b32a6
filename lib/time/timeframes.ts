/** fal's timeframes; kept apart from zone.ts so browser code can name them without a timezone library. */
export const TIMEFRAMES = ["minute", "hour", "day", "week", "month"] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** Buckets one series may hold: what a chart can draw. The API refuses more; the header offers no more. */
export const MAX_CHART_BUCKETS = 2_000;
