import "server-only";
import { env } from "@/lib/env";
import { KEYS_URL } from "@/lib/contracts/diagnosis";
import { PRESET_LABELS, permissionViews, presetList } from "@/lib/contracts/permissions";
import { presetsFor } from "@/lib/fal/permissions";
import { providerHealth, type FullHealthReport } from "@/lib/health/providers";

/** `advice`: problems, each fails the check; `notes`: what is worth knowing but works as set up. */
export type DoctorReport = {
  ok: boolean;
  health: FullHealthReport;
  advice: string[];
  notes: string[];
  lines: string[];
};

const ADVICE: Record<string, string> = {
  key_missing: `Set FAL_ADMIN_KEY (or FAL_ADMIN_KEY_FILE) to a key from ${KEYS_URL}: the Read-only preset covers every view but the key inventory, Billing covers them all.`,
  key_malformed: "Set the key as key_id:key_secret — both halves, one colon, no quotes, spaces or newline.",
  key_rejected: `fal rejected the key (invalid or revoked): create a new one at ${KEYS_URL} and replace it.`,
  rate_limited: "fal is rate-limiting this key right now; try again in a minute.",
  upstream_unavailable: "fal did not answer: check FAL_API_BASE_URL and https://status.fal.ai.",
  upstream_contract: "fal answered in an unexpected shape: upgrade the dashboard.",
  upstream_request: "fal refused the probe request: upgrade the dashboard.",
};

const VERDICT_TEXT: Record<string, string> = {
  full: "full — every view works",
  partial: "partial — some views work",
  none: "none — analytics and prices only",
  api: "legacy API scope — analytics and prices only",
  rejected: "rejected — fal refuses this key",
  unknown: "unknown — fal did not answer the check",
};

/** What a missing permission takes away, the presets that carry it (least first), and legacy ADMIN. */
function permissionAdvice(permission: string): string {
  const [first, ...rest] = presetsFor(permission);
  const fix = first
    ? `the ${presetList([first])} preset includes it${rest.length ? ` (${presetList(rest, "and")} too)` : ""}`
    : "no fal preset is known to include it: add it to the key's custom policy";
  return `${permission} is missing, so ${permissionViews(permission)} cannot be shown: ${fix}; a legacy ADMIN key works as well (${KEYS_URL}).`;
}

/** Every check the doctor makes, as data plus the lines it prints. */
export async function diagnose(): Promise<DoctorReport> {
  const e = env();
  const health = await providerHealth({ refresh: true });
  const fal = health.details.fal;
  const advice: string[] = [];
  const notes: string[] = [];
  const lines: string[] = [];

  lines.push("fal");
  if (!fal.source) {
    lines.push(
      "  key        not set (looked for FAL_ADMIN_KEY_FILE, FAL_ADMIN_KEY, FAL_KEY, FAL_KEY_ID+FAL_KEY_SECRET)",
    );
    advice.push(ADVICE.key_missing!);
  } else {
    lines.push(
      `  key        ${fal.masked} from ${fal.source}${fal.source === "FAL_ADMIN_KEY_FILE" ? ` (${e.FAL_ADMIN_KEY_FILE})` : ""}`,
    );
    lines.push(
      `  format     ${fal.format_problem ? `problem: ${fal.format_problem}` : "key_id:key_secret ✓"}`,
    );
    if (fal.format_problem) advice.push(`${fal.source}: ${fal.format_problem}. ${ADVICE.key_malformed}`);
    lines.push(`  access     ${VERDICT_TEXT[fal.verdict ?? "unknown"]}`);
    if (fal.permissions) {
      lines.push(
        `  grants     ${Object.entries(fal.permissions)
          .map(([p, state]) => `${p} ${state}`)
          .join(" · ")}`,
      );
      // The key inventory is optional (health stays ok without it): a note, not a failure.
      for (const [p, state] of Object.entries(fal.permissions))
        if (state === "missing") (p === "auth:keys:read" ? notes : advice).push(permissionAdvice(p));
    }
    if (fal.matrix) {
      lines.push(
        `  endpoints  ${Object.entries(fal.matrix)
          .map(([k, v]) => `${k} ${v === "ok" ? "ok" : v}`)
          .join(" · ")}`,
      );
      const codes = new Set(
        Object.values(fal.matrix).filter((c) => c !== "ok" && c !== "scope_insufficient"),
      );
      for (const code of codes)
        if (code !== "key_malformed" || !fal.format_problem) advice.push(ADVICE[code] ?? code);
    }
    if (fal.recommended_preset)
      lines.push(
        `  preset     ${PRESET_LABELS[fal.recommended_preset]}: the smallest preset with which every view works`,
      );
    if (fal.request_id) lines.push(`  fal request id  ${fal.request_id}`);
  }
  if (e.FAL_ADMIN_KEY_FILE && e.FAL_ADMIN_KEY) {
    advice.push(
      "Both FAL_ADMIN_KEY_FILE and FAL_ADMIN_KEY are set: the file wins; remove the variable to avoid confusion.",
    );
  }
  const adminValue = e.FAL_ADMIN_KEY;
  if (
    adminValue &&
    e.FAL_KEY &&
    adminValue === e.FAL_KEY &&
    (fal.verdict === "api" || fal.verdict === "none")
  ) {
    advice.push(
      "FAL_KEY and FAL_ADMIN_KEY hold the same key, and it cannot read spend: FAL_ADMIN_KEY needs a separate key on the Read-only or Billing preset.",
    );
  }
  const exposed = health.details.exposed_variables;
  for (const name of exposed) {
    advice.push(
      `${name} would be shipped to every browser (NEXT_PUBLIC_/VITE_ prefix): move it to a server-only variable and rotate it.`,
    );
  }

  lines.push("replicate");
  const rep = health.details.replicate;
  if (rep.status === "not_configured") {
    lines.push("  token      not set (REPLICATE_API_TOKEN; optional)");
  } else {
    lines.push(`  token      ${rep.masked} from REPLICATE_API_TOKEN`);
    lines.push(`  format     ${rep.format_problem ? `problem: ${rep.format_problem}` : "r8_… ✓"}`);
    lines.push(`  account    ${rep.status === "ok" ? "ok" : rep.error}`);
    if (rep.format_problem) advice.push(`REPLICATE_API_TOKEN: ${rep.format_problem}.`);
    if (rep.status === "error" && rep.error) advice.push(rep.error);
  }

  // A key in a browser-visible variable fails the check whatever fal says: it is already a leak.
  const ok = health.fal === "ok" && health.replicate !== "error" && exposed.length === 0;
  lines.push("");
  lines.push(ok ? "✓ every configured provider is ok" : "✗ problems found:");
  for (const a of advice) lines.push(`  - ${a}`);
  if (notes.length) lines.push(ok ? "notes:" : "also:");
  for (const n of notes) lines.push(`  - ${n}`);
  return { ok, health, advice, notes, lines };
}
