"use client";
import { type Answer, DataKpi } from "@/components/dashboard/data-state";
import type { ForecastResponse } from "@/lib/contracts/watch";
import { formatInstant, formatMoney } from "@/lib/format";
import { forecastText, runwayText } from "@/lib/watch-format";

/** How the two figures are made, for the tiles' footnote: people act on them, so they must be checkable. */
function method(f: ForecastResponse): string {
  const day = (iso: string) => formatInstant(iso, f.timezone, { dateStyle: "medium", timeStyle: "short" });
  const lock =
    f.lock_threshold > 0 ? ` minus the ${formatMoney(f.lock_threshold, f.currency)} lock threshold` : "";
  return (
    `Daily burn = billed spend from ${day(f.burn_window.start)} to ${day(f.burn_window.end)} ÷ 7. ` +
    `Month-end = spent this month + burn × days left. Runway = balance${lock} ÷ burn` +
    (f.runs_out_at ? `, credit runs out around ${day(f.runs_out_at)}.` : ".")
  );
}

/** Runway and month-end forecast: this month and the last 7 days, whatever range the charts show. */
export function AiForecast({ forecast }: { forecast: Answer<ForecastResponse> }) {
  return (
    <div className="flex flex-col gap-1" data-testid="ai-forecast">
      <div className="grid grid-cols-2 gap-3">
        <DataKpi answer={forecast} label="Credit runway" show={runwayText} />
        <DataKpi answer={forecast} label="Month-end forecast" provenance="billed" show={forecastText} />
      </div>
      <p
        className="h-4 truncate text-xs text-muted"
        title={forecast.data ? method(forecast.data) : undefined}
      >
        {forecast.data ? method(forecast.data) : "\u00a0"}
      </p>
    </div>
  );
}
