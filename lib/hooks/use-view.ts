"use client";
import { useEffect, useMemo, useState } from "react";
import { useQueryStates } from "nuqs";
import { viewParsers, viewToQuery, type View } from "@/lib/view-state";

/**
 * The view from the URL and the API query it means. "Now" advances once a minute, so preset windows
 * slide forward while the tab stays open without changing the request key on every render.
 */
export function useView(defaultTimezone: string) {
  const [view, setView] = useQueryStates(viewParsers, { history: "push" });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  const query = useMemo(() => viewToQuery(view as View, now, defaultTimezone), [view, now, defaultTimezone]);
  return { view: view as View, setView, query, timezone: view.tz ?? defaultTimezone };
}
