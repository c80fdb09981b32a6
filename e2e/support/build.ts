/** `npm run build:e2e`: the production build, made with every secret set to a sentinel value. */
import { spawnSync } from "node:child_process";
import { SENTINEL_BUILD_ENV } from "./sentinels";

const result = spawnSync("npx", ["next", "build"], {
  stdio: "inherit",
  env: { ...process.env, ...SENTINEL_BUILD_ENV, NEXT_TELEMETRY_DISABLED: "1" },
});
process.exit(result.status ?? 1);
