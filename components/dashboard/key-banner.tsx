"use client";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useSWRConfig } from "swr";
import { Button } from "@/components/ui/button";
import { VIEW_LABELS, type BannerState } from "@/lib/banner";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import type { KeyInfo } from "@/lib/contracts/key-info";
import type { HealthReport } from "@/lib/contracts/health";
import { API_ROUTES } from "@/lib/contracts/routes";
import { lowerFirst } from "@/lib/format";

const STORAGE_KEY = "fal-key-banner-dismissed";

/** sessionStorage as an external store, so dismissal survives reloads in this tab and nothing else. */
const dismissedStore = {
  subscribe(onChange: () => void) {
    window.addEventListener("storage", onChange);
    window.addEventListener("fal-banner", onChange);
    return () => {
      window.removeEventListener("storage", onChange);
      window.removeEventListener("fal-banner", onChange);
    };
  },
  get: () => sessionStorage.getItem(STORAGE_KEY),
  server: () => null,
};

/** Moves focus to an element that is not focusable by itself (a heading), for keyboard and screen readers. */
function focusById(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
  el.focus();
}

/**
 * The inline key-scope banner: one message per diagnosis, in our own words, naming the variable and the
 * masked key, what is affected and that event metrics are not. "Verify now" asks fal again and reloads
 * the AI views; "Dismiss" hides it for the session (it comes back when the cause or the key changes).
 * Either way focus lands somewhere that explains what happened: the result line, or the panel heading.
 */
export function KeyBanner({
  state,
  keyInfo,
  headingId,
}: {
  state: BannerState | null;
  keyInfo: KeyInfo;
  /** The panel heading focus returns to when the banner goes away. */
  headingId: string;
}) {
  const dismissed = useSyncExternalStore(dismissedStore.subscribe, dismissedStore.get, dismissedStore.server);
  const { mutate } = useSWRConfig();
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  // Focus follows a new result once it is on screen (the button it came from was disabled meanwhile).
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  if (!state) return null;
  const cause = `${state.code}|${state.permission ?? ""}|${keyInfo.masked ?? "none"}`;
  if (dismissed === cause) return null;

  const variable = keyInfo.source ?? (keyInfo.keyFile ? "FAL_ADMIN_KEY_FILE" : "FAL_ADMIN_KEY");
  const copy = diagnosisCopy(state.code, {
    variable,
    detail: keyInfo.formatProblem ?? undefined,
    permission: state.permission,
    presets: state.presets,
  });
  const affected = state.affected.map((v) => VIEW_LABELS[v]);
  const transient = state.code === "rate_limited" || state.code === "upstream_unavailable";
  const stale = state.showingStale ? " Showing the last good data." : "";

  const verify = async () => {
    setVerifying(true);
    setResult(null);
    try {
      // The health route answers 503 with the report when a provider fails: that is still an answer.
      const res = await fetch(`${API_ROUTES.providerHealth}?refresh=1`);
      if (res.status !== 200 && res.status !== 503) throw new Error(`health ${res.status}`);
      const report = (await res.json()) as HealthReport;
      // The server dropped its cached fal answers; every AI view asks again.
      await mutate((key) => typeof key === "string" && key.startsWith("/api/ai/"));
      if (report.fal === "ok") {
        focusById(headingId);
        return;
      }
      // The banner already says why and how to fix it: the result line only says what the check found.
      const finding = report.fal_error?.replace(/^[a-z_]+: /, "").split(/(?<=\.) /)[0];
      setResult(
        `Checked just now: ${finding ? lowerFirst(finding) : "fal still refuses some views to this key."}`,
      );
    } catch {
      setResult("The check could not reach the dashboard server; try again.");
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div
      role={transient ? "status" : "alert"}
      data-diagnosis={state.code}
      data-permission={state.permission}
      className="rounded-lg border border-[color-mix(in_oklch,var(--warning-fg)_30%,transparent)] bg-warning-bg px-4 py-3 text-sm text-warning-fg"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="font-semibold">{copy.title}</p>
          <p>{copy.message}</p>
          {keyInfo.masked ? (
            <p className="text-xs">
              Key in use: <code className="rounded bg-black/5 px-1 dark:bg-white/10">{keyInfo.masked}</code>{" "}
              from <code className="rounded bg-black/5 px-1 dark:bg-white/10">{variable}</code>
            </p>
          ) : null}
          <p className="text-xs">
            {affected.length > 0 ? `Affected: ${affected.join(", ")}.` : ""}
            {stale} Event metrics are unaffected.
          </p>
          <p className="text-xs">
            <span className="font-medium">Fix: </span>
            {copy.hint}{" "}
            <a href="/keys" className="underline underline-offset-2">
              Check keys
            </a>
          </p>
          {keyInfo.exposedVariables.length > 0 ? (
            <p className="text-xs font-medium">
              Warning: {keyInfo.exposedVariables.join(", ")} would be shipped to every browser; move it to a
              server-only variable and rotate it.
            </p>
          ) : null}
          {result ? (
            <p ref={resultRef} tabIndex={-1} className="text-xs font-medium" data-testid="banner-result">
              {result}
            </p>
          ) : null}
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1 sm:flex-row">
          <Button variant="ghost" size="sm" onClick={() => void verify()} disabled={verifying}>
            {verifying ? "Verifying …" : "Verify now"}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            aria-label="Dismiss for this session"
            onClick={() => {
              sessionStorage.setItem(STORAGE_KEY, cause);
              window.dispatchEvent(new Event("fal-banner"));
              focusById(headingId);
            }}
          >
            Dismiss
          </Button>
        </div>
      </div>
    </div>
  );
}
