import type { DiagnosisCode } from "@/lib/contracts/codes";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import { lowerFirst } from "@/lib/format";

/** What fal needs before it shows a key what each request cost: billing events' permission. */
export const BILLING_PERMISSION_NOTE =
  "Costs need the billing:usage:read permission: a key on the Read-only, Billing or Full preset, or a legacy ADMIN key.";

/** Why per-request costs are missing, in a sentence a reader can act on. */
export function costNote(reason: DiagnosisCode): string {
  return reason === "scope_insufficient"
    ? BILLING_PERMISSION_NOTE
    : `Costs unavailable: ${lowerFirst(diagnosisCopy(reason).title)}.`;
}
