import "server-only";
import { env } from "@/lib/env";
import { KEYS_URL } from "@/lib/contracts/diagnosis";
import { providerHealth, type FullHealthReport } from "@/lib/health/providers";

export type DoctorReport = { ok: boolean; health: FullHealthReport; advice: string[]; lines: string[] };

const ADVICE: Record<string, string> = {
  key_missing: `Set FAL_ADMIN_KEY (or FAL_ADMIN_KEY_FILE) to an ADMIN-scope key from ${KEYS_URL}.`,
  key_malformed: "Set the key as key_id:key_secret — both halves, one colon, no quotes, spaces or newline.",
  key_rejected: `fal rejected the key (invalid or revoked): create a new one at ${KEYS_URL} and replace it.`,
  scope_insufficient: `The key has API scope: spend, balance and keys need ADMIN. Create an ADMIN key at ${KEYS_URL} and set FAL_ADMIN_KEY.`,
  rate_limited: "fal is rate-limiting this key right now; try again in a minute.",
  upstream_unavailable: "fal did not answer: check FAL_API_BASE_URL and https://status.fal.ai.",
  upstream_contract: "fal answered in an unexpected shape: upgrade the dashboard.",
  upstream_request: "fal refused the probe request: upgrade the dashboard.",
};

/** Every check the doctor makes, as data plus the lines it prints. */
export async function diagnose(): Promise<DoctorReport> {
  const e = env();
  const health = await providerHealth({ refresh: true });
  const fal = health.details.fal;
  const advice: string[] = [];
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
    lines.push(`  scope      ${fal.scope ?? "unknown"}`);
    if (fal.matrix) {
      lines.push(
        `  endpoints  ${Object.entries(fal.matrix)
          .map(([k, v]) => `${k} ${v === "ok" ? "ok" : v}`)
          .join(" · ")}`,
      );
      const codes = new Set(Object.values(fal.matrix).filter((c) => c !== "ok"));
      for (const code of codes)
        if (code !== "key_malformed" || !fal.format_problem) advice.push(ADVICE[code] ?? code);
    }
    if (fal.request_id) lines.push(`  fal request id  ${fal.request_id}`);
  }
  if (e.FAL_ADMIN_KEY_FILE && e.FAL_ADMIN_KEY) {
    advice.push(
      "Both FAL_ADMIN_KEY_FILE and FAL_ADMIN_KEY are set: the file wins; remove the variable to avoid confusion.",
    );
  }
  const adminValue = e.FAL_ADMIN_KEY;
  if (adminValue && e.FAL_KEY && adminValue === e.FAL_KEY && fal.scope === "api") {
    advice.push(
      "FAL_KEY and FAL_ADMIN_KEY hold the same API-scope key: FAL_ADMIN_KEY needs a separate key with ADMIN scope.",
    );
  }
  for (const name of health.details.exposed_variables) {
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

  const ok = health.fal === "ok" && health.replicate !== "error";
  lines.push("");
  lines.push(ok ? "✓ every configured provider is ok" : "✗ problems found:");
  for (const a of advice) lines.push(`  - ${a}`);
  return { ok, health, advice, lines };
}
