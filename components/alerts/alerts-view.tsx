"use client";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/alerts/field";
import { RuleForm } from "@/components/alerts/rule-form";
import { ruleSummary } from "@/components/alerts/rule-summary";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import type {
  AlertChannel,
  AlertRule,
  ChannelTestResponse,
  EvaluationResponse,
} from "@/lib/contracts/alerts";
import { API_ROUTES, routeFor } from "@/lib/contracts/routes";
import { formatInstant } from "@/lib/format";
import { refreshAlerts, sendAlertApi, useAlertEvents, useChannels, useRules } from "@/lib/hooks/use-alerts";

const STATE_TONE = { firing: "warning", ok: "neutral", disabled: "neutral" } as const;
const DELIVERY_TONE = { sent: "neutral", pending: "accent", failed: "warning" } as const;

function Failure({ error }: { error?: { message: string } }) {
  return error ? <p className="text-sm text-muted">Could not load: {error.message}</p> : null;
}

/** Rules with their state, the add/edit form, channels with "send test", and the delivery history. */
export function AlertsView({ timezone }: { timezone: string }) {
  const rules = useRules();
  const channels = useChannels();
  const events = useAlertEvents();
  const [editing, setEditing] = useState<AlertRule | "new" | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const when = (iso: string) => formatInstant(iso, timezone, { dateStyle: "medium", timeStyle: "short" });

  async function act(work: () => Promise<string | void>) {
    try {
      const message = await work();
      setNote(message ?? null);
    } catch (err) {
      setNote(err instanceof Error ? err.message : String(err));
    }
    await refreshAlerts();
  }

  const evaluate = () =>
    act(async () => {
      const r = await sendAlertApi<EvaluationResponse>("POST", API_ROUTES.alertsEvaluate);
      const problems =
        r.errors.length > 0
          ? `; ${r.errors.length} rule(s) could not be evaluated: ${r.errors[0]!.message}`
          : "";
      return `Evaluated: ${r.fired.length} fired, ${r.resolved.length} resolved${problems}.`;
    });

  return (
    <div className="flex flex-col gap-6">
      <Card aria-labelledby="rules-title">
        <CardHeader
          title="Rules"
          titleId="rules-title"
          description="Checked every few minutes on the server, and when you press Evaluate now."
          actions={
            <div className="flex gap-2">
              <Button size="sm" onClick={() => void evaluate()}>
                Evaluate now
              </Button>
              <Button size="sm" variant="primary" onClick={() => setEditing("new")}>
                Add rule
              </Button>
            </div>
          }
        />
        <CardBody className="flex flex-col gap-4">
          {note ? (
            <p role="status" className="text-sm text-muted">
              {note}
            </p>
          ) : null}
          {editing !== null ? (
            <RuleForm
              key={editing === "new" ? "new" : editing.id}
              channels={channels.data?.channels ?? []}
              editing={editing === "new" ? null : editing}
              onDone={() => setEditing(null)}
            />
          ) : null}
          <Failure error={rules.error} />
          {rules.data && rules.data.rules.length === 0 ? (
            <p className="text-sm text-muted" data-testid="rules-empty">
              No rules yet. Start with a monthly budget: you are told at 80 % and again at 100 %.
            </p>
          ) : null}
          <ul className="flex flex-col divide-y divide-border" aria-label="Rules">
            {(rules.data?.rules ?? []).map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-3 py-2.5" data-testid="rule-row">
                <Badge tone={STATE_TONE[r.state]}>{r.state}</Badge>
                <div className="flex min-w-0 flex-1 flex-col">
                  <span className="font-medium">{r.name}</span>
                  <span className="text-xs text-muted">{ruleSummary(r)}</span>
                  {r.firing.map((f) => (
                    <span key={f.subject} className="text-xs text-danger">
                      firing since {when(f.since)}: {f.title}
                    </span>
                  ))}
                </div>
                <Button size="sm" variant="ghost" onClick={() => setEditing(r)}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() =>
                    void act(async () => {
                      await sendAlertApi("PATCH", routeFor(API_ROUTES.alertRule, r.id), {
                        enabled: !r.enabled,
                      });
                    })
                  }
                >
                  {r.enabled ? "Disable" : "Enable"}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() =>
                    void act(async () => {
                      await sendAlertApi("DELETE", routeFor(API_ROUTES.alertRule, r.id));
                    })
                  }
                >
                  Delete
                </Button>
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>
      <Channels channels={channels.data?.channels} error={channels.error} act={act} when={when} />
      <Card aria-labelledby="history-title">
        <CardHeader
          title="History"
          titleId="history-title"
          description="Notifications and their deliveries, newest first."
        />
        <CardBody>
          <Failure error={events.error} />
          {events.data && events.data.events.length === 0 ? (
            <p className="text-sm text-muted">Nothing sent yet.</p>
          ) : null}
          <ul className="flex flex-col divide-y divide-border" aria-label="History">
            {(events.data?.events ?? []).map((e) => (
              <li key={e.alert.id} className="flex flex-col gap-1 py-2 text-sm" data-testid="history-row">
                <span>
                  <span className="text-muted">{when(e.created_at)}</span> ·{" "}
                  <span className="font-medium">{e.type.replace("alert.", "")}</span> · {e.alert.title}
                </span>
                <span className="text-xs text-muted">{e.alert.message}</span>
                <span className="flex flex-wrap gap-2">
                  {e.deliveries.map((d) => (
                    <Badge
                      key={d.channel_id}
                      tone={DELIVERY_TONE[d.status]}
                      title={d.last_error ?? undefined}
                    >
                      {d.channel_name ?? "deleted channel"}: {d.status}
                      {d.status !== "sent" && d.attempts > 0
                        ? ` after ${d.attempts} attempt${d.attempts > 1 ? "s" : ""}`
                        : ""}
                      {d.last_error && d.status !== "sent" ? ` — ${d.last_error}` : ""}
                    </Badge>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>
    </div>
  );
}

function Channels({
  channels,
  error,
  act,
  when,
}: {
  channels?: AlertChannel[];
  error?: { message: string };
  act: (work: () => Promise<string | void>) => Promise<void>;
  when: (iso: string) => string;
}) {
  const [type, setType] = useState<"webhook" | "email">("webhook");
  const [secret, setSecret] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name") ?? "");
    const body =
      type === "webhook"
        ? { type, name, url: String(form.get("url") ?? ""), format: String(form.get("format") ?? "json") }
        : {
            type,
            name,
            to: String(form.get("to") ?? "")
              .split(/[\s,]+/)
              .filter(Boolean),
          };
    try {
      const created = await sendAlertApi<AlertChannel & { secret: string | null }>(
        "POST",
        API_ROUTES.alertChannels,
        body,
      );
      setSecret(created.secret);
      setFormError(null);
      (e.target as HTMLFormElement).reset();
      await act(async () => `Channel "${created.name}" added.`);
    } catch (err) {
      setFormError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <Card aria-labelledby="channels-title">
      <CardHeader
        title="Channels"
        titleId="channels-title"
        description="Where notifications go: webhooks (JSON or Slack) and email."
      />
      <CardBody className="flex flex-col gap-4">
        <Failure error={error} />
        <ul className="flex flex-col divide-y divide-border" aria-label="Channels">
          {(channels ?? []).map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-3 py-2.5" data-testid="channel-row">
              <div className="flex min-w-0 flex-1 flex-col">
                <span className="font-medium">
                  {c.name}{" "}
                  <span className="text-xs font-normal text-muted">
                    {c.type === "webhook" ? `webhook · ${c.format}` : "email"}
                  </span>
                </span>
                <span className="truncate text-xs text-muted">
                  {c.type === "webhook" ? c.url_masked : c.to?.join(", ")}
                </span>
                {c.last_delivery ? (
                  <span
                    className={
                      c.last_delivery.status === "sent" ? "text-xs text-muted" : "text-xs text-danger"
                    }
                  >
                    last delivery {c.last_delivery.status} {when(c.last_delivery.at)}
                    {c.last_delivery.error && c.last_delivery.status !== "sent"
                      ? `: ${c.last_delivery.error}`
                      : ""}
                  </span>
                ) : null}
              </div>
              <Button
                size="sm"
                onClick={() =>
                  void act(async () => {
                    const r = await sendAlertApi<ChannelTestResponse>(
                      "POST",
                      routeFor(API_ROUTES.alertChannelTest, c.id),
                    );
                    return r.status === "sent"
                      ? `Test sent to "${c.name}".`
                      : `Test to "${c.name}" failed: ${r.error ?? r.status}; it will be retried.`;
                  })
                }
              >
                Send test
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() =>
                  void act(async () => {
                    await sendAlertApi("DELETE", routeFor(API_ROUTES.alertChannel, c.id));
                  })
                }
              >
                Delete
              </Button>
            </li>
          ))}
        </ul>
        {secret ? (
          <p
            role="status"
            className="rounded-md border border-border p-3 text-sm"
            data-testid="channel-secret"
          >
            Signing secret (shown once; verify <code>webhook-signature</code> with it):{" "}
            <code className="break-all">{secret}</code>
          </p>
        ) : null}
        <form onSubmit={(e) => void add(e)} className="grid gap-3 sm:grid-cols-4" aria-label="Add channel">
          <Select
            label="Type"
            value={type}
            options={[
              { value: "webhook", label: "Webhook" },
              { value: "email", label: "Email" },
            ]}
            onChange={(e) => setType(e.target.value as "webhook" | "email")}
          />
          <Field label="Name" name="name" required />
          {type === "webhook" ? (
            <>
              <Field
                label="URL"
                name="url"
                type="url"
                required
                placeholder="https://hooks.slack.com/services/…"
              />
              <Select
                label="Format"
                name="format"
                defaultValue="json"
                options={[
                  { value: "json", label: "JSON (signed)" },
                  { value: "slack", label: "Slack" },
                ]}
              />
            </>
          ) : (
            <Field
              label="To"
              name="to"
              required
              placeholder="ops@example.com, cfo@example.com"
              className="sm:col-span-2"
            />
          )}
          <div className="flex items-end gap-3 sm:col-span-4">
            <Button type="submit" variant="primary">
              Add channel
            </Button>
            {formError ? (
              <span role="alert" className="text-sm text-danger">
                {formError}
              </span>
            ) : null}
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
