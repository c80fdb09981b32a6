"use client";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/alerts/field";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { AlertChannel, AlertRule, RuleKind } from "@/lib/contracts/alerts";
import { API_ROUTES, routeFor } from "@/lib/contracts/routes";
import { refreshAlerts, sendAlertApi } from "@/lib/hooks/use-alerts";

const KIND_LABELS: Record<RuleKind, string> = {
  spend_budget: "Spend budget",
  runway: "Credit runway",
  spend_anomaly: "Spend anomaly",
  error_rate: "Error rate",
  latency: "Latency",
  key_health: "Key health",
  key_age: "Key age",
};

/** The form's fields as typed, all strings; turned into the API's rule on submit. */
type Draft = Record<string, string> & { kind: RuleKind; name: string };

const PRESET: Draft = {
  kind: "spend_budget",
  name: "Monthly budget",
  period: "month",
  amount: "",
  thresholds: "80, 100",
};

function draftOf(rule: AlertRule): Draft {
  const d: Draft = { kind: rule.kind, name: rule.name };
  for (const [k, v] of Object.entries(rule)) {
    if (["kind", "name", "id", "state", "created_at", "firing", "channel_ids", "enabled"].includes(k))
      continue;
    if (k === "thresholds_percent") d.thresholds = (v as number[]).join(", ");
    else if (v !== null && v !== undefined) d[k] = String(v);
  }
  return d;
}

const number = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : Number(v));

/** The API's rule from the draft: only the fields of its kind, numbers as numbers, empty ones left out. */
function ruleBody(d: Draft, channelIds: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: d.kind, name: d.name, channel_ids: channelIds };
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== "") body[key] = value;
  };
  if (d.renotify_hours) put("renotify_hours", number(d.renotify_hours));
  switch (d.kind) {
    case "spend_budget":
      put("period", d.period ?? "month");
      put("amount", number(d.amount));
      put(
        "thresholds_percent",
        (d.thresholds ?? "")
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(Number),
      );
      put("endpoint_id", d.endpoint_id?.trim());
      put("forecast", d.forecast === "true");
      break;
    case "runway":
      put("min_days", number(d.min_days));
      break;
    case "spend_anomaly":
      put("factor", number(d.factor));
      put("min_amount", number(d.min_amount));
      put("endpoint_id", d.endpoint_id?.trim());
      break;
    case "error_rate":
      put("max_percent", number(d.max_percent));
      put("window_minutes", number(d.window_minutes));
      put("min_requests", number(d.min_requests));
      put("endpoint_id", d.endpoint_id?.trim());
      break;
    case "latency":
      put("percentile", d.percentile ?? "p90");
      put("max_seconds", number(d.max_seconds));
      put("window_minutes", number(d.window_minutes));
      put("endpoint_id", d.endpoint_id?.trim());
      break;
    case "key_age":
      put("max_days", number(d.max_days));
      break;
    case "key_health":
      break;
  }
  return body;
}

/** Add or edit a rule. A new rule starts as the common case: a monthly budget, warned at 80 %. */
export function RuleForm({
  channels,
  editing,
  onDone,
}: {
  channels: AlertChannel[];
  editing: AlertRule | null;
  onDone: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : PRESET);
  const [channelIds, setChannelIds] = useState<string[]>(editing?.channel_ids ?? channels.map((c) => c.id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: string) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  const text = (
    key: string,
    label: string,
    extra: { hint?: string; placeholder?: string; required?: boolean } = {},
  ) => <Field label={label} name={key} value={draft[key] ?? ""} onChange={set(key)} {...extra} />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = ruleBody(draft, channelIds);
      if (editing) await sendAlertApi("PATCH", routeFor(API_ROUTES.alertRule, editing.id), body);
      else await sendAlertApi("POST", API_ROUTES.alertRules, body);
      await refreshAlerts();
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label={editing ? "Edit rule" : "Add rule"}>
      <div className="grid gap-3 sm:grid-cols-3">
        <Select
          label="Kind"
          name="kind"
          value={draft.kind}
          disabled={editing !== null}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(e) =>
            setDraft({ kind: e.target.value as RuleKind, name: KIND_LABELS[e.target.value as RuleKind] })
          }
        />
        {text("name", "Name", { required: true })}
        {text("renotify_hours", "Remind every (hours)", { placeholder: "never" })}
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        {draft.kind === "spend_budget" ? (
          <>
            <Select
              label="Period"
              name="period"
              value={draft.period ?? "month"}
              options={[
                { value: "month", label: "Monthly" },
                { value: "week", label: "Weekly (from Monday)" },
                { value: "day", label: "Daily" },
              ]}
              onChange={set("period")}
            />
            {text("amount", "Budget (USD)", { required: true, placeholder: "1500" })}
            {text("thresholds", "Warn at (%)", { hint: "comma-separated, e.g. 80, 100" })}
            {text("endpoint_id", "Only this model (optional)", { placeholder: "fal-ai/flux/dev" })}
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="forecast"
                checked={draft.forecast === "true"}
                onChange={(e) => setDraft({ ...draft, forecast: String(e.target.checked) })}
              />
              Also when the month-end forecast exceeds it
            </label>
          </>
        ) : null}
        {draft.kind === "runway" ? text("min_days", "Fire under (days of credit)", { required: true }) : null}
        {draft.kind === "spend_anomaly" ? (
          <>
            {text("factor", "Factor", { placeholder: "3" })}
            {text("min_amount", "At least this much more (USD)", { placeholder: "5" })}
            {text("endpoint_id", "Only this model (optional)")}
          </>
        ) : null}
        {draft.kind === "error_rate" ? (
          <>
            {text("max_percent", "Fire above (%)", { required: true })}
            {text("window_minutes", "Window (minutes)", { placeholder: "60" })}
            {text("min_requests", "Minimum requests", { placeholder: "20" })}
            {text("endpoint_id", "Only this model (optional)")}
          </>
        ) : null}
        {draft.kind === "latency" ? (
          <>
            <Select
              label="Percentile"
              name="percentile"
              value={draft.percentile ?? "p90"}
              options={[
                { value: "p90", label: "p90" },
                { value: "p50", label: "p50" },
              ]}
              onChange={set("percentile")}
            />
            {text("max_seconds", "Fire above (seconds)", { required: true })}
            {text("window_minutes", "Window (minutes)", { placeholder: "60" })}
            {text("endpoint_id", "Model", { required: true })}
          </>
        ) : null}
        {draft.kind === "key_age" ? text("max_days", "Fire past (days)", { placeholder: "90" }) : null}
      </div>
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="mb-1 text-xs text-muted">Notify</legend>
        {channels.length === 0 ? (
          <span className="text-muted">No channels yet: the rule is recorded on this page only.</span>
        ) : null}
        {channels.map((c) => (
          <label key={c.id} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={channelIds.includes(c.id)}
              onChange={(e) =>
                setChannelIds(
                  e.target.checked ? [...channelIds, c.id] : channelIds.filter((id) => id !== c.id),
                )
              }
            />
            {c.name}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy}>
          {editing ? "Save rule" : "Add rule"}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
