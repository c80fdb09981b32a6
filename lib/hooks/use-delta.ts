"use client";
import type { ResolvedRange } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";
import { deltaPlan } from "@/lib/view-state";

/** The two answers a KPI delta compares, and what they are, or nothing while either is missing. */
export type DeltaPair<T> = { current: T; previous: T; title: string } | null;

/**
 * The answers behind a delta for the answer on screen (`shown`): the window before it, and — while the
 * window is still running — both cut to the same elapsed time (see `deltaPlan`). Derived from the shown
 * answer's own range, so a delta never compares across two windows; nothing while either half loads.
 */
export function useDelta<T extends { range: ResolvedRange }>(
  path: string,
  shown: T | undefined,
): DeltaPair<T> {
  const plan = shown ? deltaPlan(shown.range) : null;
  const current = useApi<T>(path, plan?.current ?? null);
  const previous = useApi<T>(path, plan ? plan.previous : null);
  if (!plan || !shown || previous.updating || previous.data === undefined) return null;
  const now = plan.current === null ? shown : current.updating ? undefined : current.data;
  return now === undefined ? null : { current: now, previous: previous.data, title: plan.title };
}
