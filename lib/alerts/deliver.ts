import "server-only";
import nodemailer from "nodemailer";
import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { alertChannels, alertEvents, alertOutbox } from "@/lib/alerts/schema";
import { emailMessage, slackMessage } from "@/lib/alerts/messages";
import { maskUrl, toDeliveryChannel, type DeliveryChannel } from "@/lib/alerts/store";
import type { AlertPayload, WebhookBody } from "@/lib/contracts/alerts";
import { env } from "@/lib/env";
import { eventStore } from "@/lib/events/context";
import type { EventsDb } from "@/lib/events/db";
import { and, eq, inArray } from "drizzle-orm";

/**
 * The outbox, delivered at least once. A row is claimed by pushing its next attempt one lease into the
 * future in the transaction that selects it (`FOR UPDATE SKIP LOCKED`), so another instance passes it by
 * and a process killed mid-send leaves it due again after the lease. The `webhook-id` is the row's id,
 * the same on every attempt. Failures back off exponentially, up to MAX_ATTEMPTS, then stay `failed`
 * with the last error for the page.
 */

export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;
const SEND_TIMEOUT_MS = 10_000;
const BATCH = 20;

/** Seconds before attempt n + 1 after n failed: 30 s, 1 min, 2 min, … capped at an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** (attempts - 1), 3600);
}

type Claimed = { id: string; eventId: string; channelId: string; attempts: number };

async function claim(db: EventsDb, only?: string): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const due = await tx.execute<{ id: string; event_id: string; channel_id: string; attempts: number }>(sql`
      SELECT id, event_id, channel_id, attempts FROM ${alertOutbox}
      WHERE status = 'pending' AND next_attempt_at <= now() ${only ? sql`AND id = ${only}` : sql``}
      ORDER BY seq LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED`);
    if (due.rows.length === 0) return [];
    await tx
      .update(alertOutbox)
      .set({
        attempts: sql`${alertOutbox.attempts} + 1`,
        nextAttemptAt: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
      })
      .where(
        inArray(
          alertOutbox.id,
          due.rows.map((r) => r.id),
        ),
      );
    return due.rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      channelId: r.channel_id,
      attempts: r.attempts + 1,
    }));
  });
}

/** Never the URL, which may sit in an error message (fetch puts it there on some failures). */
function describe(error: unknown, channel: DeliveryChannel | undefined): string {
  let message = error instanceof Error ? error.message : String(error);
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS failure, a timeout) is in its cause.
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const reason = typeof cause?.code === "string" ? cause.code : cause?.message;
  if (typeof reason === "string" && reason) message = `${message} (${reason})`;
  if (channel?.type === "webhook" && channel.url)
    message = message.split(channel.url).join(maskUrl(channel.url));
  return message.slice(0, 300);
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "fal-dashboard-alerts", ...headers },
    body,
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    redirect: "manual",
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`the receiver answered ${res.status}`);
}

export async function send(channel: DeliveryChannel, messageId: string, body: WebhookBody): Promise<void> {
  if (channel.type === "webhook") {
    if (channel.format === "slack") return post(channel.url, JSON.stringify(slackMessage(body)), {});
    const payload = JSON.stringify(body);
    const timestamp = new Date();
    const headers: Record<string, string> = {
      "webhook-id": messageId,
      "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    };
    if (channel.secret)
      headers["webhook-signature"] = new Webhook(channel.secret).sign(messageId, timestamp, payload);
    return post(channel.url, payload, headers);
  }
  const { SMTP_URL, ALERTS_FROM } = env();
  if (!SMTP_URL) throw new Error("SMTP_URL is not set: email channels cannot send");
  const mail = emailMessage(body);
  const transport = nodemailer.createTransport(SMTP_URL);
  try {
    await transport.sendMail({
      from: ALERTS_FROM,
      to: channel.to,
      subject: mail.subject,
      text: mail.text,
      headers: { "X-Alert-Id": messageId },
    });
  } finally {
    transport.close();
  }
}

export type DeliveryResult = { id: string; status: "sent" | "pending" | "failed"; error: string | null };

/** Delivers what is due now (or just `only`); returns what happened to each claimed row. */
export async function deliverDue(opts: { only?: string } = {}): Promise<DeliveryResult[]> {
  const store = await eventStore();
  const results: DeliveryResult[] = [];
  for (;;) {
    const batch = await store.run("write", (db) => claim(db, opts.only));
    if (batch.length === 0) return results;
    const [events, channels] = await store.run("read", (db) =>
      Promise.all([
        db
          .select()
          .from(alertEvents)
          .where(inArray(alertEvents.id, [...new Set(batch.map((b) => b.eventId))])),
        db
          .select()
          .from(alertChannels)
          .where(inArray(alertChannels.id, [...new Set(batch.map((b) => b.channelId))])),
      ]),
    );
    for (const row of batch) {
      const event = events.find((e) => e.id === row.eventId);
      const channelRow = channels.find((c) => c.id === row.channelId);
      const channel = channelRow ? toDeliveryChannel(channelRow) : undefined;
      let error: string | null = null;
      try {
        if (!event || !channel) throw new Error("the channel or the notification no longer exists");
        await send(channel, row.id, { type: event.type, alert: event.alert as AlertPayload });
      } catch (e) {
        error = describe(e, channel);
      }
      const status = error === null ? "sent" : row.attempts >= MAX_ATTEMPTS ? "failed" : "pending";
      await store.run("write", (db) =>
        db
          .update(alertOutbox)
          .set({
            status,
            lastError: error,
            ...(status === "sent" ? { sentAt: new Date() } : {}),
            ...(status === "pending"
              ? { nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(row.attempts)})` }
              : {}),
          })
          .where(and(eq(alertOutbox.id, row.id), eq(alertOutbox.status, "pending"))),
      );
      if (error !== null)
        console.warn(
          `[alerts] delivery ${row.id} to channel ${row.channelId} failed (attempt ${row.attempts}): ${error}`,
        );
      results.push({ id: row.id, status, error });
    }
    if (opts.only) return results;
  }
}
