import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { invalidBody } from "@/lib/alerts/body";
import { alertChannels, alertEvents, alertOutbox, alertRules, alertStates } from "@/lib/alerts/schema";
import {
  ruleInput,
  type AlertChannel,
  type AlertEventsResponse,
  type AlertPayload,
  type AlertRule,
  type ChannelInput,
  type RuleInput,
} from "@/lib/contracts/alerts";
import { eventStore } from "@/lib/events/context";

/**
 * Rules, channels and history in the event store, every statement through `store.run` (503/507 with the
 * reason when the store cannot answer, like the sessions). Webhook URLs and secrets leave this module
 * only masked, except to the delivery code (`channelForDelivery`).
 */

const notFound = (what: string, id: string) => new ApiError("not_found", `No ${what} with id ${id}.`);

// --- channels -----------------------------------------------------------------------------------------

type ChannelRow = typeof alertChannels.$inferSelect;

/** `https://hooks.slack.com/…`: the path and query of a webhook URL are its credential. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return "…";
  }
}

/** A Standard Webhooks signing secret: `whsec_` + base64 of 24 random bytes. */
function newSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

type LastDelivery = AlertChannel["last_delivery"];

function publicChannel(row: ChannelRow, last: LastDelivery = null): AlertChannel {
  const config = row.config as { url?: string; format?: "json" | "slack"; to?: string[] };
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    ...(row.type === "webhook" ? { url_masked: maskUrl(config.url ?? ""), format: config.format } : {}),
    ...(row.type === "email" ? { to: config.to ?? [] } : {}),
    created_at: row.createdAt.toISOString(),
    last_delivery: last,
  };
}

export async function createChannel(input: ChannelInput): Promise<AlertChannel & { secret: string | null }> {
  const id = `ch_${randomUUID()}`;
  const secret = input.type === "webhook" && input.format === "json" ? newSecret() : null;
  const config = input.type === "webhook" ? { url: input.url, format: input.format } : { to: input.to };
  const [row] = await (
    await eventStore()
  ).run("write", (db) =>
    db.insert(alertChannels).values({ id, type: input.type, name: input.name, config, secret }).returning(),
  );
  return { ...publicChannel(row!), secret };
}

export async function listChannels(): Promise<AlertChannel[]> {
  return (await eventStore()).run("read", async (db) => {
    const rows = await db.select().from(alertChannels).orderBy(alertChannels.createdAt);
    const deliveries = await db.select().from(alertOutbox).orderBy(desc(alertOutbox.seq)).limit(500);
    return rows.map((row) => {
      const last = deliveries.find((d) => d.channelId === row.id);
      return publicChannel(
        row,
        last
          ? {
              status: last.status,
              at: (last.sentAt ?? last.createdAt).toISOString(),
              error: last.lastError,
            }
          : null,
      );
    });
  });
}

export async function deleteChannel(id: string): Promise<void> {
  const deleted = await (
    await eventStore()
  ).run("write", (db) =>
    db.transaction(async (tx) => {
      const gone = await tx.delete(alertChannels).where(eq(alertChannels.id, id)).returning();
      // Nothing left to deliver to; rules keep working with their other channels.
      await tx
        .delete(alertOutbox)
        .where(and(eq(alertOutbox.channelId, id), eq(alertOutbox.status, "pending")));
      return gone.length;
    }),
  );
  if (deleted === 0) throw notFound("channel", id);
}

/** The full channel, URL and secret included: for delivery only, never for an answer. */
export type DeliveryChannel =
  | {
      id: string;
      name: string;
      type: "webhook";
      url: string;
      format: "json" | "slack";
      secret: string | null;
    }
  | { id: string; name: string; type: "email"; to: string[] };

export function toDeliveryChannel(row: ChannelRow): DeliveryChannel {
  const config = row.config as { url?: string; format?: "json" | "slack"; to?: string[] };
  return row.type === "webhook"
    ? {
        id: row.id,
        name: row.name,
        type: "webhook",
        url: config.url ?? "",
        format: config.format ?? "json",
        secret: row.secret,
      }
    : { id: row.id, name: row.name, type: "email", to: config.to ?? [] };
}

// --- rules --------------------------------------------------------------------------------------------

type RuleRow = typeof alertRules.$inferSelect;
type StateRow = typeof alertStates.$inferSelect;

export type StoredRule = RuleInput & { id: string; created_at: string };

export function storedRule(row: RuleRow): StoredRule {
  // Validated on every write; parsed again so a rule written by an older version gets today's defaults.
  return { ...ruleInput.parse(row.spec), id: row.id, created_at: row.createdAt.toISOString() };
}

function withState(rule: StoredRule, states: StateRow[]): AlertRule {
  const firing = states
    .filter((s) => s.ruleId === rule.id && s.firing)
    .map((s) => ({ subject: s.subject, title: titleOfSubject(s.subject), since: s.since.toISOString() }));
  return { ...rule, state: !rule.enabled ? "disabled" : firing.length > 0 ? "firing" : "ok", firing };
}

/** Subjects are `kind-specific:parts`; the page shows the readable part. */
function titleOfSubject(subject: string): string {
  return subject.split("|").filter(Boolean).join(" · ") || "account";
}

async function checkChannels(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await (
    await eventStore()
  ).run("read", (db) =>
    db
      .select({ id: alertChannels.id })
      .from(alertChannels)
      .where(inArray(alertChannels.id, [...ids])),
  );
  const missing = ids.find((id) => !found.some((f) => f.id === id));
  if (missing !== undefined) {
    throw new ApiError("invalid_request", `channel_ids: no channel with id ${missing}`, {
      field: "channel_ids",
    });
  }
}

export async function createRule(input: RuleInput): Promise<AlertRule> {
  await checkChannels(input.channel_ids);
  const id = `rule_${randomUUID()}`;
  const [row] = await (
    await eventStore()
  ).run("write", (db) => db.insert(alertRules).values({ id, kind: input.kind, spec: input }).returning());
  return withState(storedRule(row!), []);
}

export async function listRules(): Promise<AlertRule[]> {
  return (await eventStore()).run("read", async (db) => {
    const rows = await db.select().from(alertRules).orderBy(alertRules.createdAt);
    const states = await db.select().from(alertStates).where(eq(alertStates.firing, true));
    return rows.map((r) => withState(storedRule(r), states));
  });
}

/** Every enabled rule, for an evaluation. */
export async function enabledRules(): Promise<StoredRule[]> {
  const rows = await (await eventStore()).run("read", (db) => db.select().from(alertRules));
  return rows.map(storedRule).filter((r) => r.enabled);
}

export async function updateRule(id: string, patch: Record<string, unknown>): Promise<AlertRule> {
  const store = await eventStore();
  const [row] = await store.run("read", (db) => db.select().from(alertRules).where(eq(alertRules.id, id)));
  if (!row) throw notFound("rule", id);
  const { id: _id, state: _state, created_at: _created, firing: _firing, ...fields } = patch;
  const parsed = ruleInput.safeParse({ ...row.spec, ...fields });
  if (!parsed.success) throw invalidBody(parsed.error);
  await checkChannels(parsed.data.channel_ids);
  const [updated] = await store.run("write", (db) =>
    db.transaction(async (tx) => {
      // A rule whose conditions change starts afresh: the old state described another rule.
      if (parsed.data.kind !== row.kind || !parsed.data.enabled) {
        await tx.delete(alertStates).where(eq(alertStates.ruleId, id));
      }
      return tx
        .update(alertRules)
        .set({ kind: parsed.data.kind, spec: parsed.data, updatedAt: new Date() })
        .where(eq(alertRules.id, id))
        .returning();
    }),
  );
  const states = await store.run("read", (db) =>
    db.select().from(alertStates).where(eq(alertStates.ruleId, id)),
  );
  return withState(storedRule(updated!), states);
}

export async function deleteRule(id: string): Promise<void> {
  const deleted = await (
    await eventStore()
  ).run("write", (db) =>
    db.transaction(async (tx) => {
      await tx.delete(alertStates).where(eq(alertStates.ruleId, id));
      return (await tx.delete(alertRules).where(eq(alertRules.id, id)).returning()).length;
    }),
  );
  if (deleted === 0) throw notFound("rule", id);
}

// --- history ------------------------------------------------------------------------------------------

export async function listEvents(limit: number): Promise<AlertEventsResponse> {
  return (await eventStore()).run("read", async (db) => {
    const events = await db.select().from(alertEvents).orderBy(desc(alertEvents.createdAt)).limit(limit);
    const ids = events.map((e) => e.id);
    const deliveries =
      ids.length === 0 ? [] : await db.select().from(alertOutbox).where(inArray(alertOutbox.eventId, ids));
    const channels = await db.select({ id: alertChannels.id, name: alertChannels.name }).from(alertChannels);
    return {
      events: events.map((e) => ({
        type: e.type,
        alert: e.alert as AlertPayload,
        created_at: e.createdAt.toISOString(),
        deliveries: deliveries
          .filter((d) => d.eventId === e.id)
          .map((d) => ({
            channel_id: d.channelId,
            channel_name: channels.find((c) => c.id === d.channelId)?.name ?? null,
            status: d.status,
            attempts: d.attempts,
            last_error: d.lastError,
            sent_at: d.sentAt?.toISOString() ?? null,
            next_attempt_at: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
          })),
      })),
    };
  });
}
