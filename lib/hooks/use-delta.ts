"use client";
import type { ResolvedRange } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";
import { deltaPlan } from "@/lib/view-state";
import { TOTALS_ONLY } from "@/lib/contracts/routes";

/** The two answers a KPI delta compares, and what they are, or nothing while either is missing. */
export type DeltaPair<T> = { current: T; previous: T; title: string } | null;

/**
 * The answers behind a delta for the answer on screen (`shown`): the window before it, and — while the
 * window is still running — both cut to the same elapsed time (see `deltaPlan`). Derived from the shown
 * answer's own range, so a delta never compares across two windows; nothing while either half loads.
 * Where the route can leave its series out (`TOTALS_ONLY`), it is asked to: a delta reads totals.
 */
export function useDelta<T extends { range: ResolvedRange }>(
  path: string,
  shown: T | undefined,
): DeltaPair<T> {
  const plan = shown ? deltaPlan(shown.range) : null;
  const params = TOTALS_ONLY[path];
  const current = useApi<T>(path, plan?.current ?? null, params);
  const previous = useApi<T>(path, plan ? plan.previous : null, params);
  if (!plan || !shown || previous.updating || previous.data === undefined) return null;
  const now = plan.current === null ? shown : current.updating ? undefined : current.data;
  return now === undefined ? null : { current: now, previous: previous.data, title: plan.title };
}
