import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * proxy.ts under each way the dashboard can be configured. lib/env.ts parses the environment once per
 * module instance, so every case imports a fresh copy after setting the variables.
 */
const VARS = ["NODE_ENV", "DASHBOARD_PASSWORD", "SESSION_SECRET", "DASHBOARD_AUTH"] as const;

afterEach(() => {
  vi.unstubAllEnvs();
});

async function proxyWith(vars: Partial<Record<(typeof VARS)[number], string>>) {
  // Unset what the case does not name, so the shell running the tests cannot change the mode.
  for (const k of VARS) vi.stubEnv(k, vars[k]);
  vi.resetModules();
  return (await import("@/proxy")).proxy;
}

const get = (proxy: Awaited<ReturnType<typeof proxyWith>>, path: string) =>
  proxy(new NextRequest(new URL(path, "http://dashboard.test")));

/** NextResponse.next() marks a request the proxy let through to its page or route. */
const passed = (res: Response) => res.headers.get("x-middleware-next") === "1";

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
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe(
        "auth_not_configured",
      );
    }
  });

  it("keeps ingestion and the health endpoints reachable, and sets the security headers everywhere", async () => {
    const proxy = await setup();
    for (const path of ["/api/ingest", "/api/health/providers", "/api/health/live"]) {
      expect(passed(await get(proxy, path)), path).toBe(true);
    }
    for (const path of ["/", "/setup", "/api/ai/usage"]) {
      const res = await get(proxy, path);
      expect(res.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});

describe("the other modes", () => {
  it("DASHBOARD_AUTH=none opens the dashboard explicitly", async () => {
    const proxy = await proxyWith({ NODE_ENV: "production", DASHBOARD_AUTH: "none" });
    expect(passed(await get(proxy, "/"))).toBe(true);
    expect(passed(await get(proxy, "/api/ai/usage"))).toBe(true);
  });

  it("next dev stays open for local work", async () => {
    const proxy = await proxyWith({ NODE_ENV: "development" });
    expect(passed(await get(proxy, "/"))).toBe(true);
  });

  it("a password asks for a session: pages go to /login with where they were going, the API says 401", async () => {
    const proxy = await proxyWith({
      NODE_ENV: "production",
      DASHBOARD_PASSWORD: "correct horse battery",
      SESSION_SECRET: "s".repeat(40),
    });
    const page = await get(proxy, "/keys?x=1");
    expect(page.status).toBe(307);
    const login = new URL(page.headers.get("location")!);
    expect(login.pathname).toBe("/login");
    expect(login.searchParams.get("next")).toBe("/keys?x=1");
    expect((await get(proxy, "/api/ai/usage")).status).toBe(401);
    expect(passed(await get(proxy, "/login"))).toBe(true);
  });
});
