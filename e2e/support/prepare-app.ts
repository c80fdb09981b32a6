/**
 * Runs before each e2e `next start`: a fresh store and log, and for the main server the ADMIN key in
 * the key file. `auth` prepares the password-protected second server instead.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { SIM_KEYS } from "../fal-simulator/keys";
import { AUTH_DATA_DIR, AUTH_SERVER_LOG, DATA_DIR, KEY_FILE, SERVER_LOG, STATE_DIR } from "./constants";

const auth = process.argv.includes("auth");
mkdirSync(STATE_DIR, { recursive: true });
rmSync(auth ? AUTH_DATA_DIR : DATA_DIR, { recursive: true, force: true });
rmSync(auth ? AUTH_SERVER_LOG : SERVER_LOG, { force: true });
if (!auth) writeFileSync(KEY_FILE, `${SIM_KEYS.admin}\n`);
