"use client";
import { CostOverTime } from "@/components/dashboard/ai-cost-over-time";
import { CostPerModel } from "@/components/dashboard/ai-cost-per-model";
import { FiringLine } from "@/components/alerts/firing-line";
import { AiForecast } from "@/components/dashboard/ai-forecast";
import { AiKpis } from "@/components/dashboard/ai-kpis";
import { LatencyPercentiles, RequestsAndErrors } from "@/components/dashboard/ai-requests";
import { stepBackReason, type DataError } from "@/components/dashboard/data-state";
import { KeyBanner } from "@/components/dashboard/key-banner";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { QuietLine } from "@/components/ui/quiet-line";
import { bannerState, type AiView } from "@/lib/banner";
import type { KeyInfo } from "@/lib/contracts/key-info";
import { useBalance } from "@/lib/hooks/use-balance";
import { useCostPerOutcome } from "@/lib/hooks/use-cost-per-outcome";
import { usePerformance } from "@/lib/hooks/use-performance";
import { useUsage } from "@/lib/hooks/use-usage";
import { formatInstant } from "@/lib/format";
import { useView } from "@/lib/hooks/use-view";
import { useForecast } from "@/lib/hooks/use-watch";

/**
 * fal's numbers for the same window: spend, balance, cost per photo, requests, errors and latency. Each
 * section follows its own request; the key banner on top explains whatever a diagnosis took away.
 */
export function AiPanel({
  defaultTimezone,
  initialNow,
  keyInfo,
}: {
  defaultTimezone: string;
  initialNow: number;
  keyInfo: KeyInfo;
}) {
  const { query } = useView(defaultTimezone, initialNow);
  const usage = useUsage(query);
  const perf = usePerformance(query);
  const balance = useBalance();
  const cost = useCostPerOutcome(query);
  const forecast = useForecast();

  const outcome = (view: AiView, r: { data?: { stale_reason?: string | null }; error?: DataError }) => ({
    view,
    errorCode: r.error?.code,
    staleReason: r.data?.stale_reason,
    requiredPermission: r.error?.requiredPermission,
    presets: r.error?.presets,
  });
  const banner = bannerState([
    outcome("spend", usage),
    outcome("balance", balance),
    outcome("cost_per_photo", cost),
    outcome("performance", perf),
  ]);
  const panelFailure = [usage, perf, balance, cost].every((r) => r.error && !r.data)
    ? usage.error
    : undefined;

  return (
    <Card aria-labelledby="ai-title" data-testid="ai-panel">
      <CardHeader
        title="AI performance"
        titleId="ai-title"
        description={
          usage.data
            ? `fal usage and analytics · fetched ${formatInstant(usage.data.fetched_at, usage.data.range.timezone, { timeStyle: "short" })}`
            : "fal usage and analytics"
        }
      />
      <CardBody className="flex flex-col gap-5">
        <FiringLine />
        <KeyBanner state={banner} keyInfo={keyInfo} headingId="ai-title" />
        {/*
          With nothing at all to show, one line under the banner says what happened; the sections stay
          below it in their failed state, at their own heights, so the page keeps its shape whichever way
          fal fails (a hanging fal times out long after the skeletons were laid out).
        */}
        {panelFailure ? (
          <QuietLine
            label="AI performance is unavailable"
            reason={stepBackReason(panelFailure)}
            href="/keys"
            linkText="Check keys"
          />
        ) : null}
        <AiKpis usage={usage} balance={balance} cost={cost} perf={perf} />
        <AiForecast forecast={forecast} />
        <div className="grid gap-5 xl:grid-cols-2">
          <CostOverTime usage={usage} />
          <RequestsAndErrors perf={perf} />
        </div>
        <CostPerModel usage={usage} cost={cost} />
        <LatencyPercentiles perf={perf} usage={usage.data} />
      </CardBody>
    </Card>
  );
}
