"use client";
import { useRules } from "@/lib/hooks/use-alerts";

/** One compact line on top of the AI panel while any alert fires; nothing otherwise (not even space). */
export function FiringLine() {
  const { data } = useRules();
  const firing = (data?.rules ?? []).flatMap((r) =>
    r.firing.map((f) => ({ rule: r.name, subject: f.title })),
  );
  if (firing.length === 0) return null;
  return (
    <p
      role="status"
      data-testid="firing-line"
      className="flex min-w-0 items-center gap-2 rounded-md border border-danger/40 bg-danger/5 px-3 py-1.5 text-sm"
    >
      <span aria-hidden="true" className="text-danger">
        ●
      </span>
      <span className="shrink-0 font-medium">
        {firing.length} {firing.length === 1 ? "alert" : "alerts"} firing:
      </span>
      <span className="truncate">{firing.map((f) => `${f.rule} (${f.subject})`).join(" · ")}</span>
      <a href="/alerts" className="ml-auto shrink-0 underline underline-offset-2">
        View alerts
      </a>
    </p>
  );
}
