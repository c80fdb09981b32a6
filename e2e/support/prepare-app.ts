/** Runs before `next start` in the e2e web server: a fresh store and the ADMIN key in the key file. */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { SIM_KEYS } from "../fal-simulator/keys";
import { DATA_DIR, KEY_FILE, STATE_DIR } from "./constants";

rmSync(DATA_DIR, { recursive: true, force: true });
mkdirSync(STATE_DIR, { recursive: true });
writeFileSync(KEY_FILE, `${SIM_KEYS.admin}\n`);
