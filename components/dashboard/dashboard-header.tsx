"use client";
import { AlertsLink } from "@/components/alerts/alerts-link";
import { Segmented } from "@/components/ui/segmented";
import { Select } from "@/components/ui/select";
import { ThemeToggle } from "@/components/dashboard/theme-toggle";
import { useView } from "@/lib/hooks/use-view";
import { GRANULARITIES, PRESETS, PRESET_LABELS, type Preset } from "@/lib/view-state";

const TIMEZONES = [
  "UTC",
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Istanbul",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
];

/** Range, granularity and timezone controls; every choice is written to the URL. */
export function DashboardHeader({ defaultTimezone }: { defaultTimezone: string }) {
  const { view, setView, timezone } = useView(defaultTimezone);
  const zones = [...new Set([timezone, defaultTimezone, ...TIMEZONES])];
  const today = new Date().toISOString().slice(0, 10);

  const choosePreset = (range: Preset) => {
    if (range === "custom") {
      const from = view.from ?? new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
      void setView({ range, from, to: view.to ?? today });
    } else {
      void setView({ range, from: null, to: null });
    }
  };

  return (
    <header className="flex flex-col gap-4 border-b border-border pb-5 lg:flex-row lg:items-end lg:justify-between">
      {/*
        On wide screens the title keeps a fixed width and the controls take the rest, wrapping from the
        right: the usual controls fit one row at 1280 px, and a custom range's date fields wrap beneath
        them instead of squeezing the title.
      */}
      <div className="lg:max-w-sm lg:shrink-0">
        <h1 className="text-2xl font-semibold tracking-tight">fal analytics</h1>
        <p className="text-sm text-muted">
          Event metrics, fal spend and model performance for the same window.
        </p>
      </div>
      <div className="flex min-w-0 flex-wrap items-end gap-3 lg:flex-1 lg:justify-end">
        <Segmented
          ariaLabel="Date range"
          options={PRESETS.map((p) => ({ value: p, label: PRESET_LABELS[p] }))}
          value={view.range}
          onChange={choosePreset}
        />
        {view.range === "custom" ? (
          <div className="flex items-end gap-2">
            <label className="flex flex-col text-xs text-muted">
              From
              <input
                type="date"
                className="h-8 rounded-md border border-border bg-card px-2 text-sm text-foreground"
                value={view.from ?? ""}
                max={view.to ?? today}
                onChange={(e) => void setView({ from: e.target.value || null })}
              />
            </label>
            <label className="flex flex-col text-xs text-muted">
              To
              <input
                type="date"
                className="h-8 rounded-md border border-border bg-card px-2 text-sm text-foreground"
                value={view.to ?? ""}
                min={view.from ?? undefined}
                onChange={(e) => void setView({ to: e.target.value || null })}
              />
            </label>
          </div>
        ) : null}
        <Select
          label="Granularity"
          size="sm"
          value={view.granularity}
          // Minute buckets exist for windows under 2 hours only, shorter than any range offered here.
          options={GRANULARITIES.filter((g) => g !== "minute").map((g) => ({
            value: g,
            label: g === "auto" ? "Auto" : g[0]!.toUpperCase() + g.slice(1),
          }))}
          onChange={(e) => void setView({ granularity: e.target.value as (typeof GRANULARITIES)[number] })}
        />
        <Select
          label="Timezone"
          size="sm"
          value={timezone}
          options={zones.map((z) => ({ value: z, label: z.replace("_", " ") }))}
          onChange={(e) => void setView({ tz: e.target.value === defaultTimezone ? null : e.target.value })}
        />
        <a
          href="/keys"
          className="h-8 rounded-md px-2 text-sm leading-8 text-muted underline-offset-2 hover:text-foreground hover:underline"
        >
          Keys
        </a>
        <AlertsLink />
        <ThemeToggle />
      </div>
    </header>
  );
}
