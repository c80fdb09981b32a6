import "server-only";
import { z } from "zod";
import { isValidTimezone } from "@/lib/contracts/range";

/**
 * The one place that reads `process.env`. Parsed once, on first use; a bad value throws an error that
 * names the variable, and `instrumentation.ts` touches this module so the server refuses to start.
 *
 * Key values are deliberately not validated here: a malformed key is a diagnosis (`key_malformed`)
 * shown in the banner and the doctor, and the call is still attempted, so it must not stop the server.
 */

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  FAL_ADMIN_KEY: optionalString,
  FAL_ADMIN_KEY_FILE: optionalString,
  FAL_KEY: optionalString,
  FAL_KEY_ID: optionalString,
  FAL_KEY_SECRET: optionalString,
  FAL_API_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .default("https://api.fal.ai/v1")
    .transform((u) => u.replace(/\/+$/, "")),
  FAL_ENDPOINTS: optionalString.transform((v) =>
    v
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  ),
  FAL_TIMEOUT_MS: positiveInt(15_000),
  FAL_CACHE_TTL_SECONDS: positiveInt(60),
  /** fal response bodies the answer cache keeps; the parsed answers take a few times that in heap. */
  FAL_CACHE_MAX_MB: positiveInt(128),
  REPLICATE_API_TOKEN: optionalString,
  REPLICATE_API_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .default("https://api.replicate.com/v1")
    .transform((u) => u.replace(/\/+$/, "")),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  // How long the event store may take on PostgreSQL before a request gives up with 503 store_unavailable:
  // to get a connection, for the server to run one statement, and for any answer at all (a stalled server).
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(10_000),
  DATABASE_QUERY_TIMEOUT_MS: positiveInt(15_000),
  DATA_DIR: z.string().min(1).default("./.data"),
  DASHBOARD_PASSWORD: optionalString.pipe(z.string().min(8, "must be at least 8 characters").optional()),
  SESSION_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  DASHBOARD_AUTH: optionalString.pipe(z.enum(["password", "none"]).optional()),
  /**
   * How many reverse proxies sit in front of the server. 0 (the default): X-Forwarded-* headers come from
   * whoever sent the request and are never believed. N: the Nth address from the right of X-Forwarded-For
   * is the client (each proxy appends the address it saw), and X-Forwarded-Proto/Host are the proxy's.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" || v === "false" ? "0" : v === "true" ? "1" : v))
    .pipe(z.coerce.number<string>().int("must be true, false or a number of proxies").min(0).max(10)),
  INGEST_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  DASHBOARD_TIMEZONE: z
    .string()
    .default("UTC")
    .refine(isValidTimezone, "must be an IANA time zone such as Europe/Berlin"),
  // Watch and alerts (docs/architecture.md, "Watch and alerts").
  /** fal locks the account when the prepaid balance falls to this; the runway counts down to it. */
  FAL_LOCK_THRESHOLD_USD: z.coerce.number().min(0).default(0),
  /** Seconds between alert evaluations in the server; 0 turns the scheduler off (use `npm run alerts`). */
  ALERTS_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  /** smtp(s)://user:pass@host:port for email channels. */
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  ALERTS_FROM: z.string().min(3).default("fal dashboard <alerts@localhost>"),
  /** Where alert messages link to: the dashboard's address as its users reach it. */
  DASHBOARD_URL: z
    .url({ protocol: /^https?$/ })
    .default("http://localhost:3000")
    .transform((u) => u.replace(/\/+$/, "")),
});

export type Env = z.infer<typeof schema>;

// Sessions are signed with SESSION_SECRET; a password without one could only mean an unsigned cookie.
const checked = schema.superRefine((e, ctx) => {
  if (e.DASHBOARD_PASSWORD && !e.SESSION_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["SESSION_SECRET"],
      message: "is required when DASHBOARD_PASSWORD is set (32+ random characters)",
    });
  }
});

/** Names of variables that would ship a secret to the browser bundle. */
const PUBLIC_SECRET = /^(NEXT_PUBLIC_|VITE_).*(FAL|KEY|TOKEN|SECRET|PASSWORD|PASSWD|DATABASE_URL|DSN)/;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = checked.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** Variables whose name says they hold a secret but whose prefix publishes them to browsers. */
export function publicSecretVariables(source: Record<string, string | undefined>): string[] {
  return Object.keys(source)
    .filter((name) => PUBLIC_SECRET.test(name) && source[name])
    .sort();
}

/**
 * True only inside `next dev`. Next replaces `process.env.NODE_ENV` in the bundles it builds, so a
 * production build says "production" here whatever NODE_ENV the process is later started with: a
 * `next start` with NODE_ENV=development must not relax anything.
 */
export const NEXT_DEV = process.env.NODE_ENV === "development";

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function exposedSecretVariables(): string[] {
  return publicSecretVariables(process.env);
}
