"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useQueryStates } from "nuqs";
import { planView, viewParsers, type ViewPlan } from "@/lib/view-state";

export type ViewChange = Partial<ViewPlan["view"]>;

/**
 * The view from the URL, corrected, and the API query it means. "Now" starts at the server's render time
 * (so the request keys match what the server prefetched) and advances once a minute, so preset windows
 * slide forward (a new hour, a new day) while the tab stays open.
 *
 * `setView` writes the corrected view with the change applied, corrected again: a control can never put
 * an impossible combination in the URL (picking 90 d while hourly is chosen falls back to auto).
 */
export function useView(defaultTimezone: string, initialNow?: number) {
  const [raw, setRaw] = useQueryStates(viewParsers, { history: "push" });
  const [now, setNow] = useState(() => initialNow ?? Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  const plan = useMemo(() => planView(raw, now, defaultTimezone), [raw, now, defaultTimezone]);
  const setView = useCallback(
    (change: ViewChange, history: "push" | "replace" = "push") => {
      const next = planView({ ...plan.view, ...change }, Date.now(), defaultTimezone).view;
      void setRaw(next, { history });
    },
    [plan.view, setRaw, defaultTimezone],
  );
  return { ...plan, setView };
}
