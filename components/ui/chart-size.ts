/**
 * Chart sizes and keys without any component: containers import these to size their skeletons (so nothing
 * moves when data arrives) and lib/cost-series.ts to fold the long tail.
 */

/** Default plot height. Containers give their skeletons the same figure so nothing moves on load. */
export const CHART_HEIGHT = 260;

/** The latency percentile chart: room for six models whatever their number. */
export const PERCENTILE_HEIGHT = 300;

/** The model page's latency-over-time chart. */
export const LATENCY_CHART_HEIGHT = 280;

/** Key the callers use for the folded long tail. */
export const OTHER_KEY = "other";
