import type { ForecastResponse } from "@/lib/contracts/watch";
import { formatMoney, formatNumber } from "@/lib/format";

/** Words for the forecast tiles and the anomaly badge; browser-safe, tested beside it. */

export function runwayText(f: ForecastResponse): { value: string; subLabel: string } {
  const burn = `${formatMoney(f.daily_burn, f.currency)}/day`;
  if (f.balance === null) return { value: "—", subLabel: "balance not readable with this key" };
  if (f.runway_days === null) return { value: "no burn", subLabel: "nothing billed in the last 7 days" };
  const days =
    f.runway_days < 10 ? formatNumber(f.runway_days, 1) : formatNumber(Math.floor(f.runway_days), 0);
  return { value: `${days} ${days === "1" ? "day" : "days"}`, subLabel: `of credit at ${burn}` };
}

export function forecastText(f: ForecastResponse): { value: string; subLabel: string } {
  return {
    value: `≈ ${formatMoney(Math.round(f.month.forecast), f.currency).replace(/\.00$/, "")}`,
    subLabel: `${formatMoney(f.month.spent, f.currency)} so far this month`,
  };
}

/** "4.1× its usual day", or for a model with no usual spend, what it spent in the last 24 hours. */
export function anomalyText(a: { recent: number; ratio: number | null }, currency: string): string {
  return a.ratio === null
    ? `new: ${formatMoney(a.recent, currency)} in 24 h`
    : `${formatNumber(a.ratio, 1)}× its usual day`;
}
