/**
 * `npm run doctor`: checks the fal and Replicate keys the way the dashboard will use them — where each
 * comes from, its format, and what fal and Replicate actually allow — and prints one line of advice per
 * problem. `--json` for machines. Exit 0 only when every configured provider is ok.
 */
import nextEnv from "@next/env";

// Load .env.local and .env exactly as `next start` would, before anything reads the environment.
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });

const { diagnose } = await import("../lib/health/doctor");
const report = await diagnose();

if (process.argv.includes("--json")) {
  console.log(JSON.stringify(report, null, 2));
} else {
  for (const line of report.lines) console.log(line);
}
process.exit(report.ok ? 0 : 1);
