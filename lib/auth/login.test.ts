import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { defaultStoreForFile } from "@/lib/events/test-engines";

/**
 * Signing in and out through the real route handlers and the proxy, with sessions in an embedded store of
 * this file's own. Each case imports fresh modules after setting the environment (lib/env.ts parses once).
 */
const DATA_DIR = defaultStoreForFile("login-test-");
const PASSWORD = "correct horse battery";
const SECRET = "s".repeat(40);
const ORIGIN = "http://dashboard.test";

async function dashboard(vars: Record<string, string | undefined> = {}) {
  const all = {
    NODE_ENV: "production",
    DASHBOARD_PASSWORD: PASSWORD,
    SESSION_SECRET: SECRET,
    DASHBOARD_AUTH: undefined,
    TRUST_PROXY: undefined,
    DATABASE_URL: undefined,
    DATA_DIR,
    ...vars,
  };
  for (const [k, v] of Object.entries(all)) vi.stubEnv(k, v);
  vi.resetModules();
  const { proxy } = await import("@/proxy");
  const login = (await import("@/app/api/auth/login/route")).POST;
  const logout = (await import("@/app/api/auth/logout/route")).POST;
  const { resetLoginThrottle } = await import("@/lib/auth/throttle");
  resetLoginThrottle();
  return {
    /** The request as the browser sends it: through the proxy, then to the route when it lets it pass. */
    async send(
      route: (req: NextRequest, ctx: unknown) => Promise<Response>,
      url: string,
      init: { method?: string; headers?: Record<string, string>; body?: string } = {},
    ): Promise<Response> {
      const headers = { ...init.headers };
      if (init.body !== undefined) headers["content-length"] ??= String(Buffer.byteLength(init.body));
      const req = () => new NextRequest(new URL(url, ORIGIN), { ...init, headers });
      const res = await proxy(req());
      return res.headers.get("x-middleware-next") === "1" ? route(req(), {}) : res;
    },
    login,
    logout,
    page: (cookie: string) =>
      proxy(new NextRequest(new URL("/api/ai/usage", ORIGIN), { headers: { cookie } })),
  };
}
type Dashboard = Awaited<ReturnType<typeof dashboard>>;

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  body: new URLSearchParams(fields).toString(),
});

/** `name=value` of the session cookie a response sets. */
function sessionCookie(res: Response): string {
  const set = res.headers.getSetCookie()[0];
  expect(set, "a session cookie").toBeDefined();
  return set!.split(";")[0]!;
}

async function signIn(d: Dashboard, headers: Record<string, string> = {}): Promise<string> {
  const res = await d.send(d.login, "/api/auth/login", json({ password: PASSWORD }, headers));
  expect(res.status).toBe(200);
  return sessionCookie(res);
}

describe("sessions end when they should", () => {
  it("a token stops working the moment its session logs out", async () => {
    const d = await dashboard();
    const cookie = await signIn(d);
    const other = await signIn(d);
    expect((await d.page(cookie)).headers.get("x-middleware-next")).toBe("1");

    const out = await d.send(d.logout, "/api/auth/logout", { method: "POST", headers: { cookie } });
    expect(out.status).toBe(303);
    expect((await d.page(cookie)).status).toBe(401);
    // Only that session: another browser stays signed in.
    expect((await d.page(other)).headers.get("x-middleware-next")).toBe("1");
  });

  it("changing DASHBOARD_PASSWORD ends every session issued under the old one", async () => {
    const cookie = await signIn(await dashboard());
    const after = await dashboard({ DASHBOARD_PASSWORD: "a brand new password" });
    expect((await after.page(cookie)).status).toBe(401);
  });

  it("a token without exp or sub is refused even when signed with the secret", async () => {
    const d = await dashboard();
    const cookie = await signIn(d);
    const [name] = cookie.split("=");
    const { SignJWT, decodeJwt } = await import("jose");
    const claims = decodeJwt(cookie.slice(name!.length + 1));
    const key = new TextEncoder().encode(SECRET);
    const { exp: _exp, ...noExp } = claims;
    const { sub: _sub, ...noSub } = claims;
    for (const payload of [noExp, noSub]) {
      const forged = await new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).sign(key);
      expect((await d.page(`${name}=${forged}`)).status).toBe(401);
    }
  });
});

describe("nobody can lock the owner out", () => {
  it("after more failures than any limit, from many claimed addresses, the right password still signs in", async () => {
    const d = await dashboard();
    for (let i = 0; i < 60; i++) {
      const res = await d.send(
        d.login,
        "/api/auth/login",
        json({ password: `guess-${i}` }, { "x-forwarded-for": `198.51.100.${i}` }),
      );
      expect([401, 429]).toContain(res.status);
    }
    const owner = await d.send(d.login, "/api/auth/login", json({ password: PASSWORD }));
    expect(owner.status).toBe(200);
  }, 30_000);

  it("without TRUST_PROXY, X-Forwarded-For does not give a guesser fresh attempts", async () => {
    const d = await dashboard();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await d.send(
        d.login,
        "/api/auth/login",
        json({ password: `guess-${i}` }, { "x-forwarded-for": `198.51.100.${i}` }),
      );
      statuses.push(res.status);
    }
    // Spoofed addresses are one client, and that client is not refused outright (it may be the owner):
    // every guess is still checked and still wrong.
    expect(statuses).toEqual(Array(8).fill(401));
  });

  it("with TRUST_PROXY=1, the address the proxy appended is the client, and a guesser is stopped per client", async () => {
    const d = await dashboard({ TRUST_PROXY: "1" });
    const guess = (i: number, xff: string) =>
      d.send(d.login, "/api/auth/login", json({ password: `guess-${i}` }, { "x-forwarded-for": xff }));
    const statuses: number[] = [];
    // The client forges a first entry each time; the proxy's entry (the last) stays the same.
    for (let i = 0; i < 7; i++) statuses.push((await guess(i, `10.0.0.${i}, 203.0.113.9`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const owner = await d.send(
      d.login,
      "/api/auth/login",
      json({ password: PASSWORD }, { "x-forwarded-for": "203.0.113.10" }),
    );
    expect(owner.status).toBe(200);
  });
  it("parallel guesses from one client are counted as they arrive, not once they have been checked", async () => {
    const d = await dashboard({ TRUST_PROXY: "1" });
    const guess = (i: number, address: string) =>
      d.send(d.login, "/api/auth/login", json({ password: `guess-${i}` }, { "x-forwarded-for": address }));
    // Enough failures from other clients that every further attempt waits before it is checked.
    for (let i = 0; i < 51; i++) await guess(i, `198.51.100.${i}`);
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => guess(100 + i, "203.0.113.9")));
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
  });
});

describe("the login request", () => {
  it("refuses a text/plain body, which any site can send without asking", async () => {
    const d = await dashboard();
    const res = await d.send(d.login, "/api/auth/login", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(res.status).toBe(415);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("refuses a cross-site form post", async () => {
    const d = await dashboard();
    const res = await d.send(
      d.login,
      "/api/auth/login",
      form(
        { password: PASSWORD, next: "/" },
        { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      ),
    );
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it.each([
    ["/\t/evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/\\evil.example", "/"],
    ["//evil.example", "/"],
    ["https://evil.example/", "/"],
    ["/\u0001x", "/"],
    ["/\r\nset-cookie: x=1", "/"],
    ["/keys?preset=7d", "/keys?preset=7d"],
  ])("next=%j redirects to %j, never off the site and never a 500", async (next, location) => {
    const d = await dashboard();
    const res = await d.send(d.login, "/api/auth/login", form({ password: PASSWORD, next }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(location);
  });

  it("a wrong JSON shape names the field", async () => {
    const d = await dashboard();
    const res = await d.send(d.login, "/api/auth/login", json({ password: 42 }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("password");
  });

  it("names the cookie __Host- and marks it Secure, except on a loopback address over http", async () => {
    const d = await dashboard();
    const res = await d.send(d.login, "/api/auth/login", json({ password: PASSWORD }));
    const set = res.headers.getSetCookie()[0]!;
    expect(set).toMatch(/^__Host-/);
    expect(set).toMatch(/; Secure/i);
    expect(set).toMatch(/; Path=\//i);
    expect(set).toMatch(/; HttpOnly/i);

    const local = await loginAt(d, "http://127.0.0.1:3000/api/auth/login");
    const localSet = local.headers.getSetCookie()[0]!;
    expect(localSet).not.toMatch(/^__Host-/);
    expect(localSet).not.toMatch(/; Secure/i);
    // And the proxy reads back the name it chose for that address.
    const { proxy } = await import("@/proxy");
    const back = await proxy(
      new NextRequest("http://127.0.0.1:3000/api/ai/usage", { headers: { cookie: sessionCookie(local) } }),
    );
    expect(back.headers.get("x-middleware-next")).toBe("1");
  });
});

async function loginAt(d: Dashboard, url: string): Promise<Response> {
  const body = JSON.stringify({ password: PASSWORD });
  const init = {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": String(body.length) },
    body,
  };
  return d.login(new NextRequest(url, init), {});
}
