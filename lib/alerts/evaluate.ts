import "server-only";
import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { deliverDue } from "@/lib/alerts/deliver";
import { measure, type Observation } from "@/lib/alerts/measure";
import { alertChannels, alertEvents, alertOutbox, alertStates } from "@/lib/alerts/schema";
import { enabledRules, type StoredRule } from "@/lib/alerts/store";
import type { AlertPayload, ChannelTestResponse, EvaluationResponse } from "@/lib/contracts/alerts";
import { env } from "@/lib/env";
import { eventStore } from "@/lib/events/context";
import type { EventsDb } from "@/lib/events/db";

/**
 * One evaluation: every enabled rule measured (fal's answers at most the cache TTL old, the key probed
 * afresh), then, in ONE transaction, each (rule, subject) compared with its stored state and every change
 * written together with its notification and outbox rows — so a crash loses or repeats nothing, and a
 * crossing already notified is never notified again. The transaction first takes an advisory lock: with
 * several instances on one PostgreSQL, only one evaluates at a time and the others skip their turn.
 */

type StateRow = typeof alertStates.$inferSelect;
type Tx = Parameters<Parameters<EventsDb["transaction"]>[0]>[0];

type Change = { type: "alert.firing" | "alert.resolved"; payload: AlertPayload };

function payload(
  rule: StoredRule,
  o: Observation,
  state: "firing" | "resolved",
  level: number,
  nowMs: number,
): AlertPayload {
  const threshold =
    rule.kind === "spend_budget" && level > 0 && !o.subject.startsWith("forecast|")
      ? (rule.amount * level) / 100
      : o.threshold;
  return {
    id: `alert_${randomUUID()}`,
    rule_id: rule.id,
    rule_name: rule.name,
    kind: rule.kind,
    state,
    title: o.title,
    message: o.message,
    value: o.value,
    threshold,
    ...(o.endpoint_id ? { endpoint_id: o.endpoint_id } : {}),
    ...(o.period ? { period: o.period } : {}),
    dashboard_url: `${env().DASHBOARD_URL}/alerts`,
    at: new Date(nowMs).toISOString(),
  };
}

/** What changes for one rule, given what it measured and where it stood. */
export function transitions(
  rule: StoredRule,
  observations: readonly Observation[],
  states: readonly StateRow[],
  nowMs: number,
): { changes: Change[]; upserts: Omit<StateRow, "since">[]; deletes: string[] } {
  const changes: Change[] = [];
  const upserts: Omit<StateRow, "since">[] = [];
  const deletes: string[] = [];
  const bySubject = new Map(states.map((s) => [s.subject, s]));
  const renotifyMs = rule.renotify_hours ? rule.renotify_hours * 3_600_000 : null;

  for (const o of observations) {
    if (o.level === null) continue; // cannot tell now: leave the state as it is
    const prev = bySubject.get(o.subject);
    const firing = prev?.firing === true;
    if (o.level > 0) {
      const level = Math.max(o.level, firing ? prev!.level : 0);
      const crossed = !firing || o.level > prev!.level;
      const remind =
        !crossed && renotifyMs !== null && nowMs - (prev!.notifiedAt?.getTime() ?? 0) >= renotifyMs;
      if (crossed || remind) {
        const p = payload(rule, o, "firing", o.level, nowMs);
        changes.push({ type: "alert.firing", payload: p });
        upserts.push({
          ruleId: rule.id,
          subject: o.subject,
          firing: true,
          level,
          value: o.value,
          threshold: p.threshold,
          alertId: p.id,
          notifiedAt: new Date(nowMs),
        });
      } else {
        upserts.push({ ...prev!, value: o.value });
      }
    } else if (firing) {
      const p = payload(rule, o, "resolved", 0, nowMs);
      changes.push({ type: "alert.resolved", payload: p });
      upserts.push({
        ruleId: rule.id,
        subject: o.subject,
        firing: false,
        level: 0,
        value: o.value,
        threshold: o.threshold,
        alertId: p.id,
        notifiedAt: new Date(nowMs),
      });
    } else if (prev) {
      upserts.push({ ...prev, value: o.value });
    }
  }

  const seen = new Set(observations.map((o) => o.subject));
  for (const s of states) {
    if (seen.has(s.subject)) continue;
    // A budget's past period is over, not resolved; anything else no longer observed has cleared.
    if (rule.kind === "spend_budget" || !s.firing) {
      deletes.push(s.subject);
      continue;
    }
    const gone: Observation = {
      subject: s.subject,
      level: 0,
      value: null,
      threshold: s.threshold,
      title: `${rule.name}: cleared`,
      message: "No longer observed (no recent activity).",
    };
    const p = payload(rule, gone, "resolved", 0, nowMs);
    changes.push({ type: "alert.resolved", payload: p });
    deletes.push(s.subject);
  }
  return { changes, upserts, deletes };
}

async function record(tx: Tx, rule: StoredRule, t: ReturnType<typeof transitions>, channelIds: Set<string>) {
  for (const u of t.upserts) {
    await tx
      .insert(alertStates)
      .values(u)
      .onConflictDoUpdate({
        target: [alertStates.ruleId, alertStates.subject],
        set: {
          firing: u.firing,
          level: u.level,
          value: u.value,
          threshold: u.threshold,
          alertId: u.alertId,
          notifiedAt: u.notifiedAt,
          // `since` marks when the subject started firing or cleared, not each re-measure.
          since: sql`CASE WHEN ${alertStates.firing} = ${u.firing} THEN ${alertStates.since} ELSE now() END`,
        },
      });
  }
  for (const subject of t.deletes) {
    await tx
      .delete(alertStates)
      .where(sql`${alertStates.ruleId} = ${rule.id} AND ${alertStates.subject} = ${subject}`);
  }
  for (const c of t.changes) {
    await tx
      .insert(alertEvents)
      .values({ id: c.payload.id, ruleId: rule.id, type: c.type, alert: c.payload });
    const targets = rule.channel_ids.filter((id) => channelIds.has(id));
    if (targets.length > 0) {
      await tx
        .insert(alertOutbox)
        .values(
          targets.map((channelId) => ({ id: `msg_${randomUUID()}`, eventId: c.payload.id, channelId })),
        );
    }
  }
}

/** Runs one evaluation and records its changes (delivery is separate: `deliverDue`). */
export async function evaluate(nowMs = Date.now()): Promise<EvaluationResponse> {
  const rules = await enabledRules();
  const errors: EvaluationResponse["errors"] = [];
  const measured: { rule: StoredRule; observations: Observation[] }[] = [];
  for (const rule of rules) {
    try {
      measured.push({ rule, observations: await measure(rule, nowMs) });
    } catch (error) {
      errors.push({ rule_id: rule.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const store = await eventStore();
  const applied = await store.run("write", (db) =>
    db.transaction(async (tx) => {
      const lock = await tx.execute<{ locked: boolean }>(
        sql`SELECT pg_try_advisory_xact_lock(hashtext('fal-dashboard:alerts:' || current_schema())) AS locked`,
      );
      if (!lock.rows[0]?.locked) return null;
      const ids = measured.map((m) => m.rule.id);
      const states =
        ids.length === 0 ? [] : await tx.select().from(alertStates).where(inArray(alertStates.ruleId, ids));
      const channels = new Set(
        (await tx.select({ id: alertChannels.id }).from(alertChannels)).map((c) => c.id),
      );
      const changes: Change[] = [];
      for (const { rule, observations } of measured) {
        const t = transitions(
          rule,
          observations,
          states.filter((s) => s.ruleId === rule.id),
          nowMs,
        );
        await record(tx, rule, t, channels);
        changes.push(...t.changes);
      }
      return changes;
    }),
  );
  return {
    evaluated_at: new Date(nowMs).toISOString(),
    ran: applied !== null,
    fired: (applied ?? []).filter((c) => c.type === "alert.firing").map((c) => c.payload),
    resolved: (applied ?? []).filter((c) => c.type === "alert.resolved").map((c) => c.payload),
    errors,
  };
}

export async function evaluateAndDeliver(nowMs = Date.now()): Promise<EvaluationResponse> {
  const result = await evaluate(nowMs);
  await deliverDue();
  return result;
}

/** `alert.test` through one channel, recorded like any notification, delivered now. */
export async function sendTest(channelId: string): Promise<ChannelTestResponse> {
  const store = await eventStore();
  const messageId = `msg_${randomUUID()}`;
  await store.run("write", (db) =>
    db.transaction(async (tx) => {
      const [channel] = await tx.select().from(alertChannels).where(eq(alertChannels.id, channelId));
      if (!channel) throw new ApiError("not_found", `No channel with id ${channelId}.`);
      const now = new Date();
      const alert: AlertPayload = {
        id: `alert_${randomUUID()}`,
        rule_id: null,
        rule_name: "Test",
        kind: "test",
        state: "test",
        title: `Test notification for "${channel.name}"`,
        message: "If you can read this, alerts reach this channel.",
        value: null,
        threshold: null,
        dashboard_url: `${env().DASHBOARD_URL}/alerts`,
        at: now.toISOString(),
      };
      await tx.insert(alertEvents).values({ id: alert.id, ruleId: null, type: "alert.test", alert });
      await tx.insert(alertOutbox).values({ id: messageId, eventId: alert.id, channelId });
    }),
  );
  const [result] = await deliverDue({ only: messageId });
  return result ?? { id: messageId, status: "pending", error: null };
}
