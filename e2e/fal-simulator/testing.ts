import { afterAll, beforeAll } from "vitest";
import { SIM_KEYS } from "./keys";
import { describeErrors, falValidator, legacyUsageValidator, replicateValidator } from "./openapi";
import { startSimulator, type SimulatorOptions } from "./server";

/**
 * Test harness for the simulator's contract tests: starts it on a random port with a pinned clock and
 * fetches through `get`, which validates EVERY body it returns against fal's OpenAPI document (or the
 * shared error envelope, or Replicate's shapes) and throws when it does not conform.
 */

/** A fixed "now", so expected values never drift with the wall clock (data starts 400 days before it). */
export const FIXED_NOW = Date.parse("2026-11-10T15:20:30Z");

export type Credential = { key: string | null } | { authorization: string };

export type FalResponse<T> = { status: number; headers: Headers; body: T };

export type TestSim = {
  url: string;
  close(): Promise<void>;
  /**
   * GET through the simulator; the default credential is the ADMIN key. `legacyUsage` validates a
   * /models/usage 200 against the pre-2026-07-21 schema (the "mixed" shape).
   */
  get<T = unknown>(
    path: string,
    opts?: { auth?: Credential; legacyUsage?: boolean },
  ): Promise<FalResponse<T>>;
  /** Raw fetch with the ADMIN key, for responses meant to break the contract (drift, malformed, reset). */
  raw(path: string, init?: RequestInit): Promise<Response>;
  control<T = unknown>(
    method: "GET" | "POST" | "DELETE",
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
};

export function authHeader(auth: Credential = { key: SIM_KEYS.admin }): Record<string, string> {
  if ("authorization" in auth) return { authorization: auth.authorization };
  return auth.key === null ? {} : { authorization: `Key ${auth.key}` };
}

/** Spec path of a simulator URL path: `/v1/models/usage?x` → `/models/usage`. */
function specPath(path: string): string {
  return (path.split("?")[0] ?? "").replace(/^\/v1/, "");
}

export class ContractViolation extends Error {
  override name = "ContractViolation";
}

/** Checks a body against the schema for (path, status); throws ContractViolation when it fails. */
export function assertContract(
  path: string,
  status: number,
  body: unknown,
  opts: { legacyUsage?: boolean } = {},
): void {
  const isReplicate = path.startsWith("/replicate/");
  const sp = specPath(path);
  const validate = isReplicate
    ? replicateValidator(status)
    : opts.legacyUsage && sp === "/models/usage" && status === 200
      ? legacyUsageValidator()
      : falValidator(sp, status);
  if (!validate(body)) {
    throw new ContractViolation(
      `${status} ${path} does not match the contract:\n${describeErrors(validate)}`,
    );
  }
}

/**
 * The simulator for one test file (or describe block): started before its tests, closed after them. The
 * returned handle forwards to the running simulator, so tests use it like a started one.
 */
export function simulatorForSuite(opts: SimulatorOptions = {}): TestSim {
  let started: TestSim | undefined;
  beforeAll(async () => {
    started = await startTestSimulator(opts);
  });
  afterAll(() => started?.close());
  const sim = () => {
    if (!started) throw new Error("the test simulator is used outside a test");
    return started;
  };
  return {
    get url() {
      return sim().url;
    },
    close: () => sim().close(),
    get: (path, o) => sim().get(path, o),
    raw: (path, init) => sim().raw(path, init),
    control: (method, path, body) => sim().control(method, path, body),
  };
}

export async function startTestSimulator(opts: SimulatorOptions = {}): Promise<TestSim> {
  const sim = await startSimulator({ port: 0, now: () => FIXED_NOW, ...opts });

  async function raw(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(sim.url + path, {
      ...init,
      headers: { ...authHeader(), ...(init.headers as Record<string, string>) },
    });
  }

  return {
    url: sim.url,
    close: () => sim.close(),
    raw,
    async get<T>(path: string, opts: { auth?: Credential; legacyUsage?: boolean } = {}) {
      const res = await fetch(sim.url + path, { headers: authHeader(opts.auth) });
      const body = JSON.parse(await res.text()) as unknown;
      assertContract(path, res.status, body, opts);
      return { status: res.status, headers: res.headers, body: body as T };
    },
    async control<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown) {
      const res = await fetch(sim.url + path, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}

/** fal's error envelope, as the tests read it (already validated by `get`). */
export type ErrorEnvelope = {
  error: { type: string; message: string; docs_url?: string; request_id?: string };
};

export function qs(params: Record<string, string | number | readonly string[]>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const item of v as readonly string[]) sp.append(k, item);
    else sp.append(k, String(v));
  }
  return sp.toString();
}
