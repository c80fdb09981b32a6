import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { defaultStoreForFile } from "@/lib/events/test-engines";

/**
 * proxy.ts under each way the dashboard can be configured. lib/env.ts parses the environment once per
 * module instance, so every case imports a fresh copy after setting the variables.
 */
const VARS = [
  "NODE_ENV",
  "DASHBOARD_PASSWORD",
  "SESSION_SECRET",
  "DASHBOARD_AUTH",
  "TRUST_PROXY",
  "DATABASE_URL",
] as const;
// Sessions live in the store: an embedded one of this file's own.
const DATA_DIR = defaultStoreForFile("proxy-test-");

async function proxyWith(vars: Partial<Record<(typeof VARS)[number], string>>) {
  // Unset what the case does not name, so the shell running the tests cannot change the mode.
  for (const k of VARS) vi.stubEnv(k, vars[k]);
  vi.stubEnv("DATA_DIR", DATA_DIR);
  vi.resetModules();
  return (await import("@/proxy")).proxy;
}

const PASSWORD = { DASHBOARD_PASSWORD: "correct horse battery", SESSION_SECRET: "s".repeat(40) };

const get = (proxy: Awaited<ReturnType<typeof proxyWith>>, path: string, headers: HeadersInit = {}) =>
  proxy(new NextRequest(new URL(path, "http://dashboard.test"), { headers }));

const post = (proxy: Awaited<ReturnType<typeof proxyWith>>, path: string, headers: HeadersInit) =>
  proxy(new NextRequest(new URL(path, "http://dashboard.test"), { method: "POST", headers }));

/** NextResponse.next() marks a request the proxy let through to its page or route. */
const passed = (res: Response) => res.headers.get("x-middleware-next") === "1";
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("a production server with neither a password nor DASHBOARD_AUTH=none", () => {
  const setup = () => proxyWith({ NODE_ENV: "production" });

  it("sends every page to /setup and shows /setup itself", async () => {
    const proxy = await setup();
    for (const path of ["/", "/keys", "/?preset=30d", "/login"]) {
      const res = await get(proxy, path);
      expect(res.status, path).toBe(307);
      expect(new URL(res.headers.get("location")!).pathname, path).toBe("/setup");
    }
    expect(passed(await get(proxy, "/setup"))).toBe(true);
  });

  it("answers data routes 503 auth_not_configured, with no data", async () => {
    const proxy = await setup();
    for (const path of ["/api/ai/usage", "/api/events/metrics", "/api/ai/keys", "/api/auth/login"]) {
      const res = await get(proxy, path);
      expect(res.status, path).toBe(503);
      expect(await errorCode(res), path).toBe("auth_not_configured");
    }
  });

  it("keeps the health endpoints reachable, and sets the security headers everywhere", async () => {
    const proxy = await setup();
    for (const path of ["/api/health/providers", "/api/health/live"]) {
      expect(passed(await get(proxy, path)), path).toBe(true);
    }
    for (const path of ["/", "/setup", "/api/ai/usage"]) {
      const res = await get(proxy, path);
      expect(res.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  it.each(["development", "test"])(
    "stays closed when NODE_ENV=%s: openness comes from DASHBOARD_AUTH=none only",
    async (nodeEnv) => {
      const proxy = await proxyWith({ NODE_ENV: nodeEnv });
      const api = await get(proxy, "/api/ai/usage");
      expect(api.status).toBe(503);
      expect(await errorCode(api)).toBe("auth_not_configured");
      expect(new URL((await get(proxy, "/")).headers.get("location")!).pathname).toBe("/setup");
    },
  );
});

describe("the other modes", () => {
  it("DASHBOARD_AUTH=none opens the dashboard explicitly", async () => {
    const proxy = await proxyWith({ NODE_ENV: "production", DASHBOARD_AUTH: "none" });
    expect(passed(await get(proxy, "/"))).toBe(true);
    expect(passed(await get(proxy, "/api/ai/usage"))).toBe(true);
  });

  it("a password asks for a session: pages go to /login with where they were going, the API says 401", async () => {
    const proxy = await proxyWith({ NODE_ENV: "production", ...PASSWORD });
    const page = await get(proxy, "/keys?x=1");
    expect(page.status).toBe(307);
    const login = new URL(page.headers.get("location")!);
    expect(login.pathname).toBe("/login");
    expect(login.searchParams.get("next")).toBe("/keys?x=1");
    const api = await get(proxy, "/api/ai/usage");
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: { code: "unauthorized", message: "Sign in first." } });
    expect(passed(await get(proxy, "/login"))).toBe(true);
  });
});

describe("headers", () => {
  it("API answers tell shared caches not to store them, the proxy's own refusals included", async () => {
    const proxy = await proxyWith({ NODE_ENV: "production", ...PASSWORD });
    for (const path of ["/api/ai/usage", "/api/health/providers", "/api/auth/login"]) {
      expect((await get(proxy, path)).headers.get("cache-control"), path).toBe("private, no-store");
    }
  });

  it("sends HSTS only over https", async () => {
    const proxy = await proxyWith({ NODE_ENV: "production", DASHBOARD_AUTH: "none" });
    const https = await proxy(new NextRequest("https://dashboard.test/"));
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const http = await get(proxy, "/");
    expect(http.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("request bodies", () => {
  it("refuses a declared body over the limit before anything reads it, even without a session", async () => {
    const proxy = await proxyWith({ NODE_ENV: "production", ...PASSWORD });
    for (const path of ["/api/ai/usage", "/api/auth/login", "/"]) {
      const res = await post(proxy, path, { "content-length": String(10 * 1024 * 1024) });
      expect(res.status, path).toBe(413);
      expect(await errorCode(res), path).toBe("payload_too_large");
    }
  });

  it("refuses a body of unknown length (chunked), which the limit could only cut short", async () => {
    const proxy = await proxyWith({ NODE_ENV: "production", DASHBOARD_AUTH: "none" });
    const res = await post(proxy, "/api/auth/login", { "transfer-encoding": "chunked" });
    expect(res.status).toBe(411);
    expect(await errorCode(res)).toBe("length_required");
  });

  it("uses the same limit as Next's copy of the body for the proxy (next.config.mjs)", async () => {
    const { MAX_PROXIED_BODY_BYTES } = await import("@/lib/auth/access");
    // @ts-expect-error -- a plain JavaScript config module without type declarations
    const config = (await import("@/next.config.mjs")).default as {
      experimental: { proxyClientMaxBodySize: number };
    };
    expect(config.experimental.proxyClientMaxBodySize).toBe(MAX_PROXIED_BODY_BYTES);
  });
});

describe("cross-site requests", () => {
  it("refuses a cross-site POST by Sec-Fetch-Site or by Origin, and accepts a same-origin one", async () => {
    const proxy = await proxyWith({ NODE_ENV: "production", ...PASSWORD });
    const cases: [HeadersInit, number][] = [
      [{ "sec-fetch-site": "cross-site", origin: "https://evil.example" }, 403],
      [{ "sec-fetch-site": "same-site", origin: "https://sub.dashboard.test" }, 403],
      [{ origin: "https://evil.example" }, 403],
      [{ origin: "null" }, 403],
    ];
    for (const [headers, status] of cases) {
      const res = await post(proxy, "/api/auth/login", { ...headers, "content-length": "10" });
      expect(res.status, JSON.stringify(headers)).toBe(status);
      expect(await errorCode(res)).toBe("cross_site_request");
    }
    const sameOrigin: Record<string, string>[] = [
      { "sec-fetch-site": "same-origin", origin: "http://dashboard.test" },
      { origin: "http://dashboard.test" },
      {},
    ];
    for (const headers of sameOrigin) {
      const res = await post(proxy, "/api/auth/login", { ...headers, "content-length": "10" });
      expect(passed(res), JSON.stringify(headers)).toBe(true);
    }
  });
});
