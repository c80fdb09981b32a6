"use client";
import { useState, type KeyboardEvent } from "react";
import { Segmented } from "@/components/ui/segmented";
import { Select } from "@/components/ui/select";
import { SignOut } from "@/components/dashboard/sign-out";
import { ThemeToggle } from "@/components/dashboard/theme-toggle";
import { ViewLink } from "@/components/dashboard/view-link";
import { useView, type ViewChange } from "@/lib/hooks/use-view";
import { addDays, isCalendarDate, localDate } from "@/lib/time/wall";
import { PRESETS, PRESET_LABELS, type Granularity, type Preset } from "@/lib/view-state";

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

/** Why a pair of typed dates cannot be applied, or null when it can. */
function datesProblem(from: string, to: string): string | null {
  if (!isCalendarDate(from)) return "“From” is not a date between 2000 and 2099";
  if (!isCalendarDate(to)) return "“To” is not a date between 2000 and 2099";
  if (to < from) return "“To” is before “From”";
  return null;
}

/**
 * The custom dates. Typing only edits a draft: the pair is checked and applied on Enter or when focus
 * leaves a field, replacing the history entry, so a half-typed year never reaches the API or the back
 * button. Keyed by the applied pair, so the draft starts over whenever the URL changes them.
 */
function CustomDates({
  from,
  to,
  today,
  apply,
}: {
  from: string;
  to: string;
  today: string;
  apply: (change: ViewChange) => void;
}) {
  const [draft, setDraft] = useState({ from, to });
  const problem = datesProblem(draft.from, draft.to);
  const commit = () => {
    if (problem === null && (draft.from !== from || draft.to !== to))
      apply({ from: draft.from, to: draft.to });
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") commit();
  };
  const field = "h-8 rounded-md border bg-card px-2 text-sm text-foreground";
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-end gap-2">
        <label className="flex flex-col text-xs text-muted">
          From
          <input
            type="date"
            className={`${field} ${problem?.includes("From") ? "border-danger" : "border-border"}`}
            value={draft.from}
            min="2000-01-01"
            max={draft.to || today}
            aria-invalid={problem?.includes("From") || undefined}
            onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
            onBlur={commit}
            onKeyDown={onKey}
          />
        </label>
        <label className="flex flex-col text-xs text-muted">
          To
          <input
            type="date"
            className={`${field} ${problem?.includes("To") ? "border-danger" : "border-border"}`}
            value={draft.to}
            min={draft.from || "2000-01-01"}
            max="2099-12-31"
            aria-invalid={problem?.includes("To") || undefined}
            onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
            onBlur={commit}
            onKeyDown={onKey}
          />
        </label>
      </div>
      {problem ? (
        <p role="alert" data-testid="dates-problem" className="text-xs text-danger">
          {problem}; not applied
        </p>
      ) : null}
    </div>
  );
}

/** Range, granularity and timezone controls; every choice is written to the URL. */
export function DashboardHeader({
  defaultTimezone,
  initialNow,
  signOut = false,
}: {
  defaultTimezone: string;
  initialNow: number;
  /** Whether a password protects the dashboard, so there is a session to end. */
  signOut?: boolean;
}) {
  const { view, setView, timezone, granularities, notice, label } = useView(defaultTimezone, initialNow);
  const zones = [...new Set([timezone, defaultTimezone, ...TIMEZONES])];
  const today = localDate(initialNow, timezone);

  const choosePreset = (range: Preset) => {
    if (range === "custom") {
      setView({ range, from: view.from ?? addDays(today, -6), to: view.to ?? today });
    } else {
      setView({ range, from: null, to: null });
    }
  };

  return (
    <header className="flex flex-col gap-3 border-b border-border pb-5">
      <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        {/*
          On wide screens the title keeps a fixed width and the controls take the rest, wrapping from the
          right: the usual controls fit one row at 1280 px, and a custom range's date fields wrap beneath
          them instead of squeezing the title.
        */}
        <div className="lg:max-w-sm lg:shrink-0">
          <h1 className="text-2xl font-semibold tracking-tight">fal analytics</h1>
          <p className="text-sm text-muted">
            <span className="sr-only">Showing </span>
            <span data-testid="window-label" className="font-medium text-foreground">
              {label}
            </span>
            <span> · {timezone.replace("_", " ")}</span>
          </p>
        </div>
        <div className="flex min-w-0 flex-wrap items-end gap-3 lg:flex-1 lg:justify-end">
          <Segmented
            ariaLabel="Date range"
            options={PRESETS.map((p) => ({ value: p, label: PRESET_LABELS[p] }))}
            value={view.range}
            onChange={choosePreset}
          />
          {view.range === "custom" && view.from && view.to ? (
            <CustomDates
              key={`${view.from}/${view.to}`}
              from={view.from}
              to={view.to}
              today={today}
              apply={(change) => setView(change, "replace")}
            />
          ) : null}
          <Select
            label="Granularity"
            size="sm"
            value={view.granularity}
            options={granularities}
            onChange={(e) => setView({ granularity: e.target.value as Granularity })}
          />
          <Select
            label="Timezone"
            size="sm"
            value={timezone}
            options={zones.map((z) => ({ value: z, label: z.replace("_", " ") }))}
            onChange={(e) => setView({ tz: e.target.value === defaultTimezone ? null : e.target.value })}
          />
          <ViewLink
            href="/keys"
            className="h-8 rounded-md px-2 text-sm leading-8 text-muted underline-offset-2 hover:text-foreground hover:underline"
          >
            Keys
          </ViewLink>
          <ViewLink
            href="/alerts"
            className="h-8 rounded-md px-2 text-sm leading-8 text-muted underline-offset-2 hover:text-foreground hover:underline"
          >
            Alerts
          </ViewLink>
          <ThemeToggle />
          {signOut ? <SignOut /> : null}
        </div>
      </div>
      {notice ? (
        <p
          role="status"
          data-testid="view-notice"
          className="rounded-md border border-border bg-card px-3 py-1.5 text-sm text-muted"
        >
          {notice}.
        </p>
      ) : null}
    </header>
  );
}
