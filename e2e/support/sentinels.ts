import { SIM_KEYS } from "../fal-simulator/keys";
import { DASHBOARD_PASSWORD, INGEST_TOKEN, SESSION_SECRET } from "./constants";

/**
 * Every secret the e2e servers hold. Full keys and their secret halves: a masked form (first 8 of the
 * id, last 4 of the secret) is allowed, anything that would let someone use a key is not.
 */
export const SENTINELS: string[] = [
  ...Object.values(SIM_KEYS),
  ...[SIM_KEYS.admin, SIM_KEYS.api, SIM_KEYS.revoked].map((k) => k.split(":")[1]!),
  INGEST_TOKEN,
  DASHBOARD_PASSWORD,
  SESSION_SECRET,
];

/** The environment the e2e build is made with, so the leak spec can prove nothing was inlined. */
export const SENTINEL_BUILD_ENV: Record<string, string> = {
  FAL_ADMIN_KEY: SIM_KEYS.admin,
  FAL_KEY: SIM_KEYS.api,
  REPLICATE_API_TOKEN: SIM_KEYS.replicate,
  INGEST_TOKEN,
  DASHBOARD_PASSWORD,
  SESSION_SECRET,
};
