"use client";
import { useEffect, useMemo, useState } from "react";
import { useQueryStates } from "nuqs";
import { viewParsers, viewToQuery } from "@/lib/view-state";

/**
 * The view from the URL and the API query it means. "Now" starts at the server's render time (so the
 * request keys match what the server prefetched) and advances once a minute, so preset windows slide
 * forward while the tab stays open without changing the key on every render.
 */
export function useView(defaultTimezone: string, initialNow?: number) {
  const [view, setView] = useQueryStates(viewParsers, { history: "push" });
  const [now, setNow] = useState(() => initialNow ?? Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  const query = useMemo(() => viewToQuery(view, now, defaultTimezone), [view, now, defaultTimezone]);
  return { view, setView, query, timezone: view.tz ?? defaultTimezone };
}
