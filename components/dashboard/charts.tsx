"use client";
import dynamic from "next/dynamic";
import { CHART_HEIGHT } from "@/components/ui/chart-size";
import { PanelSkeleton } from "@/components/ui/skeleton";

/**
 * The charts, loaded as their own chunk after the page is interactive: recharts and d3 are most of the
 * page's JavaScript, and the numbers, tables and banner must not wait for them. Each placeholder has
 * the chart's height, so nothing moves when a chart arrives.
 */
const placeholder = (height: number) =>
  function ChartPlaceholder() {
    return <PanelSkeleton height={height} label="Loading chart …" />;
  };

export const StackedCostChart = dynamic(() => import("@/components/charts/stacked-cost-chart").then((m) => m.StackedCostChart), {
  ssr: false,
  loading: placeholder(CHART_HEIGHT),
});
export const RequestsChart = dynamic(() => import("@/components/charts/requests-chart").then((m) => m.RequestsChart), {
  ssr: false,
  loading: placeholder(CHART_HEIGHT),
});
export const ActivityChart = dynamic(() => import("@/components/charts/activity-chart").then((m) => m.ActivityChart), {
  ssr: false,
  loading: placeholder(CHART_HEIGHT),
});
export const PERCENTILE_HEIGHT = 300;
export const PercentileChart = dynamic(() => import("@/components/charts/percentile-chart").then((m) => m.PercentileChart), {
  ssr: false,
  loading: placeholder(PERCENTILE_HEIGHT),
});
