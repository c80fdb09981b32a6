import path from "node:path";

export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
/** A second server on the same build, protected by a password, for the access-control specs. */
export const AUTH_APP_PORT = Number(process.env.E2E_AUTH_APP_PORT ?? APP_PORT + 1);
export const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4010);
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
export const STATE_DIR = path.resolve("test-results/e2e-state");
/** The app reads its ADMIN key from this file; specs rewrite it to switch key states without a restart. */
export const KEY_FILE = path.join(STATE_DIR, "fal-admin.key");
export const DATA_DIR = path.join(STATE_DIR, "data");
export const INGEST_TOKEN = "e2e-ingest-token-0123456789";
export const SCREENSHOT_DIR = path.resolve("e2e/screenshots");
export const AUTH_DATA_DIR = path.join(STATE_DIR, "data-auth");
/** The e2e servers' stdout and stderr, read by the leak spec. */
export const SERVER_LOG = path.join(STATE_DIR, "server.log");
export const AUTH_SERVER_LOG = path.join(STATE_DIR, "server-auth.log");
export const DASHBOARD_PASSWORD = "sentinel-password-Q7x9";
export const SESSION_SECRET = "sentinel-session-secret-5f1c0b7e9a2d4c68b3e1";
