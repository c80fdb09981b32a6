import { expect, test } from "@playwright/test";
import { AUTH_APP_PORT, DASHBOARD_PASSWORD, INGEST_TOKEN } from "../support/constants";

/** Against the password-protected server: what strangers can and cannot reach. */
const BASE = `http://127.0.0.1:${AUTH_APP_PORT}`;
test.use({ baseURL: BASE });

test("without a session: pages redirect to /login, API routes answer 401, health has no details", async ({
  request,
}) => {
  const page = await request.get("/", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toBe("/login?next=%2F");
  for (const path of ["/api/ai/usage", "/api/ai/balance", "/api/events/metrics", "/api/ai/keys", "/keys"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect([307, 401], path).toContain(res.status());
    if (path.startsWith("/api/")) expect((await res.json()).error.code).toBe("unauthorized");
  }
  const health = await request.get("/api/health/providers");
  const body = await health.json();
  expect(body).toMatchObject({ fal: "ok" });
  expect(body.details).toBeUndefined();
  // Ingestion keeps its own token.
  const ingest = await request.post("/api/ingest", {
    data: { activities: [] },
    headers: { authorization: `Bearer ${INGEST_TOKEN}` },
  });
  expect(ingest.status()).not.toBe(401);
});

test("login: wrong password is refused, the right one sets a hardened cookie, logout ends it", async ({
  page,
  context,
}) => {
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/login\?next=%2Fkeys/);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That password is not right.")).toBeVisible();

  await page.getByLabel("Password").fill(DASHBOARD_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${BASE}/keys`);
  await expect(page.getByRole("heading", { level: 1, name: "Keys" })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "fal_dashboard_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  const health = await (await page.request.get("/api/health/providers")).json();
  expect(health.details.fal.verdict).toBe("full");

  // Logging out ends the session itself: a copy of the cookie kept elsewhere stops working too.
  const copied = { cookie: `${cookie!.name}=${cookie!.value}` };
  const out = await page.request.post("/api/auth/logout", { maxRedirects: 0 });
  expect(out.status()).toBe(303);
  await context.clearCookies();
  const replay = await context.request.get("/api/ai/balance", { headers: copied });
  expect(replay.status()).toBe(401);
});

// The auth server runs with TRUST_PROXY=1: these requests play the proxy, and X-Forwarded-For's last
// address is the client.
test("login attempts are throttled per client", async ({ request }) => {
  const headers = { "x-forwarded-for": "203.0.113.77" };
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) {
    statuses.push(
      (await request.post("/api/auth/login", { data: { password: `guess-${i}` }, headers })).status(),
    );
  }
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.slice(5)).toEqual([429, 429]);
  const throttled = await request.post("/api/auth/login", {
    data: { password: DASHBOARD_PASSWORD },
    headers,
  });
  expect(throttled.status()).toBe(429);
  expect(Number(throttled.headers()["retry-after"])).toBeGreaterThan(0);
});

test("security headers: a nonce CSP the page satisfies, no framing, no sniffing", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/login");
  const h = res!.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).not.toContain("unsafe-eval");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await page.getByLabel("Password").fill(DASHBOARD_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("ai-panel")).toBeVisible();
  await expect(page.getByRole("figure", { name: /cost per day/i })).toBeVisible();
  expect(violations).toEqual([]);
});

test("an open redirect through ?next is refused", async ({ request }) => {
  const res = await request.post("/api/auth/login", {
    form: { password: DASHBOARD_PASSWORD, next: "//evil.example/steal" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(303);
  expect(res.headers().location).toBe("/");
});

test("strangers failing more often than any limit, from many addresses, cannot keep the owner out", async ({
  request,
}) => {
  for (let client = 0; client < 10; client++) {
    for (let i = 0; i < 5; i++) {
      const res = await request.post("/api/auth/login", {
        data: { password: `guess-${client}-${i}` },
        headers: { "x-forwarded-for": `198.51.100.${client}` },
      });
      expect(res.status()).toBe(401);
    }
  }
  const owner = await request.post("/api/auth/login", {
    data: { password: DASHBOARD_PASSWORD },
    headers: { "x-forwarded-for": "192.0.2.1" },
  });
  expect(owner.status()).toBe(200);
});

test("a cross-site form post cannot sign a browser in", async ({ request }) => {
  const res = await request.post("/api/auth/login", {
    form: { password: DASHBOARD_PASSWORD, next: "/" },
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(res.headers()["set-cookie"]).toBeUndefined();
});

test("control characters in ?next redirect home instead of failing", async ({ request }) => {
  for (const next of ["/\u0001x", "/\t/evil.example", "/\r\nx: y"]) {
    const res = await request.post("/api/auth/login", {
      form: { password: DASHBOARD_PASSWORD, next },
      maxRedirects: 0,
    });
    expect(res.status(), JSON.stringify(next)).toBe(303);
    expect(res.headers().location, JSON.stringify(next)).toBe("/");
  }
});

test("a stranger's large upload is refused, not buffered", async ({ request }) => {
  const res = await request.post("/api/ai/usage", {
    data: Buffer.alloc(10 * 1024 * 1024, 97),
    headers: { "content-type": "application/json" },
  });
  expect(res.status()).toBe(413);
  expect((await res.json()).error.code).toBe("payload_too_large");
});

test("JSON answers are private and never stored; the image optimizer is off", async ({ request }) => {
  for (const path of ["/api/ai/usage", "/api/health/providers", "/api/health/live"]) {
    const res = await request.get(path);
    expect(res.headers()["cache-control"], path).toBe("private, no-store");
  }
  expect((await request.get("/_next/image?url=/&w=64&q=75")).status()).toBe(404);
});

test("the 404 page carries this response's nonce, so its scripts run", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Password").fill(DASHBOARD_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("ai-panel")).toBeVisible();
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/no-such-page");
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("TRACE is refused with 405 before Next sees it, not a 500 and a logged stack", async ({ request }) => {
  const res = await request.fetch("/api/ai/usage", { method: "TRACE" });
  expect(res.status()).toBe(405);
  expect((await res.json()).error.code).toBe("method_not_allowed");
  // Node's own parser turns away methods it does not know (TRACK) with a 400; never a 500.
  expect((await request.fetch("/api/ai/usage", { method: "TRACK" })).status()).toBe(400);
  expect((await request.get("/api/health/live")).status()).toBe(200);
});
