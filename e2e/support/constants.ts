import path from "node:path";

export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4010);
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
export const STATE_DIR = path.resolve("test-results/e2e-state");
/** The app reads its ADMIN key from this file; specs rewrite it to switch key states without a restart. */
export const KEY_FILE = path.join(STATE_DIR, "fal-admin.key");
export const DATA_DIR = path.join(STATE_DIR, "data");
export const INGEST_TOKEN = "e2e-ingest-token-0123456789";
export const SCREENSHOT_DIR = path.resolve("e2e/screenshots");
