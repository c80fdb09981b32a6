/**
 * `npm run seed [-- --force]`: demo activity for the event-metrics panel, written to the store env()
 * configures (DATABASE_URL, else PGlite under DATA_DIR). Does nothing when the store already has
 * activities, unless --force (which wipes it first).
 */
import { allowServerOnlyImports } from "@/lib/events/outside-next";

allowServerOnlyImports();
const { env } = await import("@/lib/env");
const { closeDefaultEventStore, configuredStoreOptions, defaultEventStore } = await import("@/lib/events/db");
const { seedDemoData } = await import("@/lib/events/seed");

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--force");
if (unknown.length > 0) {
  console.error(`seed: unknown argument ${unknown.join(" ")}\nusage: npm run seed [-- --force]`);
  process.exit(2);
}

const options = configuredStoreOptions();
const where = options.engine === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite at ${options.dataDir}`;
const started = performance.now();
try {
  const result = await seedDemoData(await defaultEventStore(), {
    force: args.includes("--force"),
    now: Date.now(),
    timezone: env().DASHBOARD_TIMEZONE,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    result.status === "seeded"
      ? `seed: ${result.activities.toLocaleString("en-US")} activities for ${result.events} events written to ${where} in ${seconds} s`
      : `seed: ${where} already holds ${result.existing.toLocaleString("en-US")} activities; nothing written (--force wipes and reseeds)`,
  );
} catch (error) {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await closeDefaultEventStore();
}
