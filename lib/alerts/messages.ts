import "server-only";
import type { AlertPayload, WebhookBody } from "@/lib/contracts/alerts";

/** One notification in the words of each channel: Slack's `{text, blocks}` and an email. */

const HEADLINE = {
  "alert.firing": "🔴 Firing",
  "alert.resolved": "✅ Resolved",
  "alert.test": "🧪 Test",
} as const;

/** Slack's mrkdwn treats these three as markup; everything else is shown as written. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function slackMessage(body: WebhookBody): { text: string; blocks: unknown[] } {
  const a = body.alert;
  const headline = `${HEADLINE[body.type]}: ${a.title}`;
  return {
    // Shown in notifications and by clients that cannot render blocks.
    text: `${headline} — ${a.message}`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*${slackEscape(headline)}*\n${slackEscape(a.message)}` },
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `${slackEscape(a.rule_name)} · ${a.kind} · <${a.dashboard_url}|Open alerts>`,
          },
        ],
      },
    ],
  };
}

export function emailMessage(body: WebhookBody): { subject: string; text: string } {
  const a: AlertPayload = body.alert;
  const lines = [
    a.message,
    "",
    `Rule: ${a.rule_name} (${a.kind})`,
    ...(a.value !== null ? [`Measured: ${a.value}`] : []),
    ...(a.threshold !== null ? [`Threshold: ${a.threshold}`] : []),
    ...(a.endpoint_id ? [`Model: ${a.endpoint_id}`] : []),
    ...(a.period ? [`Period: ${a.period.start} – ${a.period.end}`] : []),
    `At: ${a.at}`,
    "",
    a.dashboard_url,
  ];
  return { subject: `[${HEADLINE[body.type].slice(2).trim()}] ${a.title}`, text: lines.join("\n") };
}
