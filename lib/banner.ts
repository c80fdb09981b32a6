import { DIAGNOSIS_CODES, isDiagnosisCode, type DiagnosisCode } from "@/lib/contracts/codes";

/**
 * Which single diagnosis the key-scope banner shows, given what each AI view got back. The most
 * fundamental cause wins (no key explains a rejected key, which explains a scope problem …), and each
 * view that cause takes away is listed so the banner can say exactly what is affected.
 */
export type AiView = "spend" | "balance" | "cost_per_photo" | "performance";

export const VIEW_LABELS: Record<AiView, string> = {
  spend: "spend and per-model costs",
  balance: "credit balance",
  cost_per_photo: "cost per photo",
  performance: "requests, errors and latency",
};

export type ViewOutcome = {
  view: AiView;
  errorCode?: string | null;
  staleReason?: string | null;
  /** For `scope_insufficient`: what the route's error body named. */
  requiredPermission?: string;
  presets?: string[];
};

export type BannerState = {
  code: DiagnosisCode;
  affected: AiView[];
  showingStale: boolean;
  /** The permission the first affected view lacks (views that share a fal endpoint share it). */
  permission?: string;
  presets?: string[];
};

const PRECEDENCE: readonly DiagnosisCode[] = DIAGNOSIS_CODES;

export function bannerState(outcomes: ViewOutcome[]): BannerState | null {
  let best: DiagnosisCode | null = null;
  for (const o of outcomes) {
    for (const code of [o.errorCode, o.staleReason]) {
      if (
        code &&
        isDiagnosisCode(code) &&
        (best === null || PRECEDENCE.indexOf(code) < PRECEDENCE.indexOf(best))
      )
        best = code;
    }
  }
  if (best === null) return null;
  const code = best;
  const failed = outcomes.filter((o) => o.errorCode === code);
  const named = failed.find((o) => o.requiredPermission);
  return {
    code,
    affected: failed.map((o) => o.view),
    showingStale: outcomes.some((o) => o.staleReason === code),
    ...(named ? { permission: named.requiredPermission, presets: named.presets ?? [] } : {}),
  };
}
