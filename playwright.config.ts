import { defineConfig } from "@playwright/test";
import {
  APP_PORT,
  AUTH_APP_PORT,
  AUTH_DATA_DIR,
  AUTH_SERVER_LOG,
  DASHBOARD_PASSWORD,
  DATA_DIR,
  INGEST_TOKEN,
  KEY_FILE,
  SERVER_LOG,
  SESSION_SECRET,
  SIM_PORT,
  SIM_URL,
} from "./e2e/support/constants";
import { SIM_KEYS } from "./e2e/fal-simulator/keys";
import { CHROMIUM_LAUNCH } from "./e2e/support/chromium";

/**
 * Playwright drives Debian's Chromium (a browser download cannot work here) against `next start`, with
 * the fal simulator as a second web server. The app reads its ADMIN key from a file, so specs switch key
 * states (ADMIN, API-scope, revoked, missing) by rewriting that file — the rotation path users rely on.
 */
const appEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  FAL_API_BASE_URL: `${SIM_URL}/v1`,
  FAL_ADMIN_KEY_FILE: KEY_FILE,
  REPLICATE_API_BASE_URL: `${SIM_URL}/replicate/v1`,
  REPLICATE_API_TOKEN: SIM_KEYS.replicate,
  DATA_DIR,
  INGEST_TOKEN,
  DASHBOARD_AUTH: "none",
  DASHBOARD_TIMEZONE: "UTC",
  // A short cache so a spec that changes the key or injects a fault sees it on the next load.
  FAL_CACHE_TTL_SECONDS: "1",
  // Set so the leak spec can prove it reaches neither a browser nor a log line.
  SESSION_SECRET,
};

/** The same build behind a password: the access-control specs run against it. */
const authEnv = {
  ...appEnv,
  FAL_ADMIN_KEY_FILE: "",
  FAL_ADMIN_KEY: SIM_KEYS.admin,
  DATA_DIR: AUTH_DATA_DIR,
  DASHBOARD_AUTH: "",
  DASHBOARD_PASSWORD,
  // The specs stand in for a reverse proxy, so per-client login limits can be tested.
  TRUST_PROXY: "1",
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  // One app, one simulator, one key file: specs change shared state, so they run one at a time.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  // CI machines have two cores; a loaded one can take longer than the default 5 s to paint a panel.
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    // A failing spec leaves a picture of what the user would have seen.
    screenshot: "only-on-failure",
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    launchOptions: CHROMIUM_LAUNCH,
  },
  webServer: [
    {
      command: `npx tsx e2e/fal-simulator/main.ts --port ${SIM_PORT}`,
      url: `${SIM_URL}/_sim/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Output goes to a file as well, so the leak spec can read every line the server logged.
      command: `npx tsx e2e/support/prepare-app.ts && npx tsx scripts/seed.ts && npx next start -H 127.0.0.1 -p ${APP_PORT} 2>&1 | tee ${SERVER_LOG}`,
      url: `http://127.0.0.1:${APP_PORT}/api/health/live`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: appEnv,
    },
    {
      command: `npx tsx e2e/support/prepare-app.ts auth && npx next start -H 127.0.0.1 -p ${AUTH_APP_PORT} 2>&1 | tee ${AUTH_SERVER_LOG}`,
      url: `http://127.0.0.1:${AUTH_APP_PORT}/api/health/live`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: authEnv,
    },
  ],
});
