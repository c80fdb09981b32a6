import { healthReport } from "@/lib/contracts/health";
import { SIM_KEYS } from "../fal-simulator/keys";
import { expect, test, useKey } from "../support/fixtures";

const SECRETS = Object.values(SIM_KEYS);

test("GET /api/health/providers: the monitored shape, 200 when every provider is ok", async ({ request }) => {
  const res = await request.get("/api/health/providers?refresh=1");
  expect(res.status()).toBe(200);
  const body = await res.json();
  // The contract the browser types its reading with holds for the real answer, details included.
  expect(healthReport.strict().parse(body).details).toBeDefined();
  expect(body).toMatchObject({ fal: "ok", replicate: "ok", fal_error: null, replicate_error: null });
  expect(body.details.fal).toMatchObject({
    source: "FAL_ADMIN_KEY_FILE",
    masked: "simadmin…4c6f",
    verdict: "full",
    permissions: { "billing:usage:read": "ok", "auth:keys:read": "ok" },
    recommended_preset: null,
  });
  expect(body.details.fal.matrix).toEqual({
    usage: "ok",
    analytics: "ok",
    pricing: "ok",
    billing: "ok",
    keys: "ok",
  });
  for (const s of SECRETS) expect(JSON.stringify(body)).not.toContain(s);
});

test("rotation without restart: health flips error → ok → error as the key file changes", async ({
  request,
}) => {
  useKey("api");
  let res = await request.get("/api/health/providers");
  expect(res.status()).toBe(503);
  let body = await res.json();
  expect(body.fal).toBe("error");
  expect(body.details.fal.verdict).toBe("api");
  expect(body.details.fal.permissions).toEqual({
    "billing:usage:read": "missing",
    "auth:keys:read": "missing",
  });
  expect(body.details.fal.recommended_preset).toBe("BILLING");
  expect(body.fal_error).toMatch(/^scope_insufficient: .*billing:usage:read.*Read-only preset/);
  expect(body.details.fal.matrix).toMatchObject({
    analytics: "ok",
    pricing: "ok",
    usage: "scope_insufficient",
  });

  useKey("admin");
  res = await request.get("/api/health/providers");
  expect(res.status()).toBe(200);
  expect((await res.json()).details.fal.verdict).toBe("full");

  // A Read-only key reads spend and balance: a sound setup (200), the inventory permission missing.
  useKey("readonly");
  res = await request.get("/api/health/providers");
  expect(res.status()).toBe(200);
  body = await res.json();
  expect(body).toMatchObject({ fal: "ok", fal_error: null });
  expect(body.details.fal).toMatchObject({
    verdict: "partial",
    permissions: { "billing:usage:read": "ok", "auth:keys:read": "missing" },
    recommended_preset: "BILLING",
  });

  useKey("revoked");
  res = await request.get("/api/health/providers");
  body = await res.json();
  expect(res.status()).toBe(503);
  expect(body.details.fal.verdict).toBe("rejected");
  expect(body.fal_error).toMatch(/^key_rejected: /);

  useKey({ raw: "no-colon-here" });
  body = await (await request.get("/api/health/providers")).json();
  expect(body.fal_error).toMatch(/^key_malformed: /);
  expect(body.details.fal.format_problem).toBe("expected the format key_id:key_secret");

  useKey("none");
  body = await (await request.get("/api/health/providers")).json();
  expect(body.fal).toBe("not_configured");
  expect(body.fal_error).toMatch(/^key_missing: /);
  for (const s of SECRETS) expect(JSON.stringify(body)).not.toContain(s);
});
