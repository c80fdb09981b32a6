"use client";
import { type Answer, DataKpi } from "@/components/dashboard/data-state";
import type {
  BalanceResponse,
  CostPerOutcomeResponse,
  PerformanceResponse,
  UsageResponse,
} from "@/lib/contracts/ai";
import { formatCompact, formatDelta, formatMoney, formatPercent } from "@/lib/format";
import { API_ROUTES } from "@/lib/contracts/routes";
import { useDelta } from "@/lib/hooks/use-delta";

/** Requests and 4xx + 5xx errors over every model. */
function totals(perf: PerformanceResponse) {
  return perf.models.reduce(
    (a, m) => ({ requests: a.requests + m.requests, errors: a.errors + m.user_errors + m.server_errors }),
    { requests: 0, errors: 0 },
  );
}

/** The headline row: spend, balance, cost per photo, requests and error rate, each on its own answer. */
export function AiKpis({
  usage,
  balance,
  cost,
  perf,
}: {
  usage: Answer<UsageResponse>;
  balance: Answer<BalanceResponse>;
  cost: Answer<CostPerOutcomeResponse>;
  perf: Answer<PerformanceResponse>;
}) {
  // The window before this one (same elapsed time), for the deltas; asked once this window's range is known.
  const spendPair = useDelta(API_ROUTES.usage, usage.data);
  const costPair = useDelta(API_ROUTES.costPerOutcome, cost.data);

  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      <DataKpi
        answer={usage}
        label="Spend"
        provenance="billed"
        show={(u) => {
          const delta = spendPair && formatDelta(spendPair.current.total_cost, spendPair.previous.total_cost);
          return {
            value: formatMoney(u.total_cost),
            delta: delta && { ...delta, goodWhen: "down", title: spendPair?.title },
            subLabel: u.stale ? "last good data" : undefined,
          };
        }}
      />
      <DataKpi
        answer={balance}
        label="Credit balance"
        show={(b) => ({ value: formatMoney(b.current_balance, b.currency ?? "USD"), subLabel: b.username })}
      />
      <DataKpi
        answer={cost}
        label="Cost per photo"
        provenance="billed"
        show={(c) => {
          const delta = costPair && formatDelta(costPair.current.overall, costPair.previous.overall);
          return {
            value: c.overall === null ? "—" : formatMoney(c.overall),
            subLabel: `${formatCompact(c.photos)} photos`,
            delta: delta && { ...delta, goodWhen: "down", title: costPair?.title },
          };
        }}
      />
      <DataKpi answer={perf} label="Requests" show={(p) => ({ value: formatCompact(totals(p).requests) })} />
      <DataKpi
        answer={perf}
        label="Error rate"
        show={(p) => {
          const t = totals(p);
          return {
            value: formatPercent(t.requests > 0 ? t.errors / t.requests : null),
            subLabel: "4xx + 5xx",
          };
        }}
      />
    </div>
  );
}
