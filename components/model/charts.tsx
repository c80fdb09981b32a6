"use client";
import { lazy, Suspense, useSyncExternalStore } from "react";
import { PanelSkeleton } from "@/components/ui/skeleton";
import type { LatencyChart as Chart } from "@/components/model/latency-chart";

/**
 * The model page's chart, loaded after hydration like the dashboard's (components/dashboard/charts.tsx):
 * recharts is most of the page's JavaScript, and the numbers and the request list must not wait for it.
 * The placeholder has the chart's height, so nothing moves when it arrives.
 */
export const LATENCY_CHART_HEIGHT = 280;

const Latency = lazy(() =>
  import("@/components/model/latency-chart").then((m) => ({ default: m.LatencyChart })),
);
const noSubscription = () => () => {};

export function LazyLatencyChart(props: Parameters<typeof Chart>[0]) {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const placeholder = <PanelSkeleton height={LATENCY_CHART_HEIGHT} label="Loading chart …" />;
  if (!hydrated) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <Latency {...props} />
    </Suspense>
  );
}
