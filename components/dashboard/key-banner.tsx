"use client";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { VIEW_LABELS, type BannerState } from "@/lib/banner";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import type { KeyInfo } from "@/lib/contracts/key-info";

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

/**
 * The inline key-scope banner: one message per diagnosis, in our own words, naming the variable and the
 * masked key, what is affected and that event metrics are not. Dismissed for the session; it comes back
 * when the cause (diagnosis or key) changes.
 */
export function KeyBanner({ state, keyInfo }: { state: BannerState | null; keyInfo: KeyInfo }) {
  const dismissed = useSyncExternalStore(dismissedStore.subscribe, dismissedStore.get, dismissedStore.server);
  if (!state) return null;
  const cause = `${state.code}|${keyInfo.masked ?? "none"}`;
  if (dismissed === cause) return null;

  const variable = keyInfo.source ?? (keyInfo.keyFile ? "FAL_ADMIN_KEY_FILE" : "FAL_ADMIN_KEY");
  const copy = diagnosisCopy(state.code, { variable, detail: keyInfo.formatProblem ?? undefined });
  const affected = state.affected.map((v) => VIEW_LABELS[v]);
  const transient = state.code === "rate_limited" || state.code === "upstream_unavailable";

  return (
    <div
      role={transient ? "status" : "alert"}
      data-diagnosis={state.code}
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
          {affected.length > 0 ? (
            <p className="text-xs">
              Affected: {affected.join(", ")}.{state.showingStale ? " Showing the last good data." : ""} Event
              metrics are unaffected.
            </p>
          ) : (
            <p className="text-xs">
              {state.showingStale ? "Showing the last good data. " : ""}Event metrics are unaffected.
            </p>
          )}
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
        </div>
        <Button
          variant="ghost"
          size="sm"
          aria-label="Dismiss for this session"
          onClick={() => {
            sessionStorage.setItem(STORAGE_KEY, cause);
            window.dispatchEvent(new Event("fal-banner"));
          }}
        >
          Dismiss
        </Button>
      </div>
    </div>
  );
}
