/**
 * `npm run alerts`: one evaluation of every alert rule, then the deliveries that are due, and exit — for
 * cron, with ALERTS_INTERVAL_SECONDS=0 on the servers. Prints the evaluation as JSON; exit 1 when a rule
 * could not be evaluated or the store failed.
 */
import nextEnv from "@next/env";

// Load .env.local and .env exactly as `next start` would, before anything reads the environment.
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });

const { evaluateAndDeliver } = await import("../lib/alerts/evaluate");
const { closeDefaultEventStore } = await import("../lib/events/db");

let code = 0;
try {
  const result = await evaluateAndDeliver();
  console.log(JSON.stringify(result));
  if (result.errors.length > 0) code = 1;
} catch (error) {
  console.error(`[alerts] evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  await closeDefaultEventStore().catch(() => {});
}
process.exit(code);
