import { bucketBoundaries, bucketStart } from "@/lib/time/zone";
import { sumMoney } from "@/lib/watch/money";

/**
 * Month-end forecast and balance runway, in the dashboard's time zone (docs/architecture.md, "Watch").
 * Pure: given billed spend per local calendar day, the balance and "now", every figure follows.
 *
 * - daily burn = spend over the 7 complete local days before today ÷ 7;
 * - month spent = spend from the start of the local month up to now;
 * - forecast = spent + burn × days left, where days left counts today's remaining fraction (of today's
 *   real length, 23 or 25 hours on a clock change) plus every whole local day after it;
 * - runway = (balance − lock threshold) ÷ burn days, null without burn; never below 0.
 */

const BURN_DAYS = 7;
const DAY_MS = 86_400_000;

export type ForecastWindows = {
  /** [burnStart, todayStart): the 7 complete days before today. */
  burnStartMs: number;
  todayStartMs: number;
  todayEndMs: number;
  monthStartMs: number;
  monthEndMs: number;
  /** Local days left in the month from now, fractional. */
  daysLeft: number;
};

export function forecastWindows(nowMs: number, timezone: string): ForecastWindows {
  const todayStartMs = bucketStart(nowMs, "day", timezone).toMillis();
  const monthStartMs = bucketStart(nowMs, "month", timezone).toMillis();
  const monthEndMs = bucketBoundaries(monthStartMs, monthStartMs + 1, "month", timezone)[1]!;
  // Day by day back from today, so a 23- or 25-hour day counts as one day.
  let burnStartMs = todayStartMs;
  for (let i = 0; i < BURN_DAYS; i++) burnStartMs = bucketStart(burnStartMs - 1, "day", timezone).toMillis();
  const days = bucketBoundaries(todayStartMs, monthEndMs, "day", timezone);
  const todayEndMs = days[1]!;
  const wholeDaysAfterToday = days.length - 2;
  const daysLeft = (todayEndMs - nowMs) / (todayEndMs - todayStartMs) + wholeDaysAfterToday;
  return { burnStartMs, todayStartMs, todayEndMs, monthStartMs, monthEndMs, daysLeft };
}

export type DailySpend = { startMs: number; cost: number };

export type Forecast = {
  daily_burn: number;
  runway_days: number | null;
  /** Epoch ms; null with the runway. */
  runs_out_at_ms: number | null;
  month_spent: number;
  month_forecast: number;
};

export function computeForecast(args: {
  nowMs: number;
  windows: ForecastWindows;
  /** Spend per local day (by the day's start); days without spend may be absent. */
  days: readonly DailySpend[];
  /** Null when the key cannot read the balance: the runway is then unknown. */
  balance: number | null;
  lockThreshold: number;
}): Forecast {
  const { nowMs, windows: w, days } = args;
  const burnTotal = sumMoney(
    days.filter((d) => d.startMs >= w.burnStartMs && d.startMs < w.todayStartMs).map((d) => d.cost),
  );
  const dailyBurn = burnTotal / BURN_DAYS;
  const monthSpent = sumMoney(
    days.filter((d) => d.startMs >= w.monthStartMs && d.startMs < nowMs).map((d) => d.cost),
  );
  const runway =
    args.balance === null || dailyBurn <= 0
      ? null
      : Math.max(0, (args.balance - args.lockThreshold) / dailyBurn);
  return {
    daily_burn: dailyBurn,
    runway_days: runway,
    runs_out_at_ms: runway === null ? null : nowMs + runway * DAY_MS,
    month_spent: monthSpent,
    month_forecast: monthSpent + dailyBurn * w.daysLeft,
  };
}
