"use client";
import { lazy, Suspense, useSyncExternalStore, type ComponentType } from "react";
import { CHART_HEIGHT } from "@/components/ui/chart-size";
import { PanelSkeleton } from "@/components/ui/skeleton";

/**
 * The charts, loaded after the page is interactive: recharts and d3 are most of the page's JavaScript,
 * and the numbers, tables and banner must not wait for them. All four come from one module, so one
 * request brings them (see dashboard-charts.tsx). Each placeholder has the chart's height, so nothing
 * moves when a chart arrives. React.lazy rather than next/dynamic, whose loader added 1.6 kB (gzip) to
 * the page's first load.
 */
const loadCharts = () => import("@/components/charts/dashboard-charts");
type Charts = Awaited<ReturnType<typeof loadCharts>>;

// In the browser the chunk is fetched and evaluated while the page hydrates, not once a chart mounts after
// hydration: the two would otherwise run one after the other. (import() runs the module once either way.)
if (typeof window !== "undefined") void loadCharts();

const noSubscription = () => () => {};

/** False on the server and while hydrating, true after: hydration finds the placeholder the server sent. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

function clientChart<P extends object>(pick: (charts: Charts) => ComponentType<P>, height: number) {
  const Chart = lazy(() => loadCharts().then((charts) => ({ default: pick(charts) })));
  return function LazyChart(props: P) {
    const placeholder = <PanelSkeleton height={height} label="Loading chart …" />;
    if (!useHydrated()) return placeholder;
    return (
      <Suspense fallback={placeholder}>
        <Chart {...props} />
      </Suspense>
    );
  };
}

export const StackedCostChart = clientChart((c) => c.StackedCostChart, CHART_HEIGHT);
export const RequestsChart = clientChart((c) => c.RequestsChart, CHART_HEIGHT);
export const ActivityChart = clientChart((c) => c.ActivityChart, CHART_HEIGHT);
export const PERCENTILE_HEIGHT = 300;
export const PercentileChart = clientChart((c) => c.PercentileChart, PERCENTILE_HEIGHT);
