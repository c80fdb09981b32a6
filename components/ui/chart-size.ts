/**
 * Chart constants without recharts: containers import these to size skeletons and fold the long tail
 * while the charts themselves load as a separate chunk.
 */

/** Default plot height. Containers give their skeletons the same figure so nothing moves on load. */
export const CHART_HEIGHT = 260;

/** Key the callers use for the folded long tail. */
export const OTHER_KEY = "other";
