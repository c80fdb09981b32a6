/** fal's timeframes; kept apart from zone.ts so browser code can name them without a timezone library. */
export const TIMEFRAMES = ["minute", "hour", "day", "week", "month"] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];
