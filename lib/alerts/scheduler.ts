import "server-only";
import { deliverDue } from "@/lib/alerts/deliver";
import { evaluateAndDeliver } from "@/lib/alerts/evaluate";
import { env } from "@/lib/env";

/**
 * The in-process scheduler, started by instrumentation-node.ts: an evaluation every
 * ALERTS_INTERVAL_SECONDS (0 = off, for `npm run alerts` from cron) and, between them, the retries that
 * fall due. A run never overlaps the previous one; the timers do not keep the process alive.
 */
const RETRY_TICK_MS = 15_000;

export function startAlertScheduler(): void {
  const seconds = env().ALERTS_INTERVAL_SECONDS;
  if (seconds === 0) return;
  let busy = false;
  const guarded = (work: () => Promise<unknown>) => async () => {
    if (busy) return;
    busy = true;
    try {
      await work();
    } catch (error) {
      console.error(`[alerts] ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
    }
  };
  setInterval(guarded(evaluateAndDeliver), seconds * 1000).unref();
  setInterval(guarded(deliverDue), RETRY_TICK_MS).unref();
}
