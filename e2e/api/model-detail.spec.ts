import { SIM_KEYS } from "../fal-simulator/keys";
import { SIM_URL } from "../support/constants";
import { expect, refreshApp, test, useKey } from "../support/fixtures";
import { costPerOutcomeResponse } from "@/lib/contracts/ai";
import { insightsResponse, modelResponse, requestsResponse } from "@/lib/contracts/model-detail";
import { reconciliationResponse } from "@/lib/contracts/reconciliation";

/**
 * The model page's routes against the running app and simulator: shapes, 400s naming the field, costs
 * joined, the injected billing discrepancy as the only flagged reconciliation row, and cost per event.
 */

const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();
const FLUX = "fal-ai/flux/dev";
const DAY_MS = 86_400_000;
// Whole UTC days before today: the simulator has data there, and answers do not move within a run.
const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const WINDOW = {
  start: new Date(today - 3 * DAY_MS).toISOString(),
  end: new Date(today - DAY_MS).toISOString(),
  timezone: "UTC",
};

async function simControl(path: string, body: unknown) {
  const res = await fetch(`${SIM_URL}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

test("GET /api/ai/requests: fal's rows page by page, costs joined, 400s naming the field", async ({
  request,
}) => {
  const first = requestsResponse.parse(
    await (
      await request.get(
        `/api/ai/requests?${qs({ ...WINDOW, endpoint_id: FLUX, limit: "20", status: "success" })}`,
      )
    ).json(),
  );
  expect(first.items).toHaveLength(20);
  expect(first.cost_unavailable).toBeNull();
  expect(first.items.every((i) => i.status_code === 200 && i.cost !== null && i.cost > 0)).toBe(true);
  expect(first.next_cursor).not.toBeNull();
  const second = requestsResponse.parse(
    await (
      await request.get(
        `/api/ai/requests?${qs({ ...WINDOW, endpoint_id: FLUX, limit: "20", status: "success", cursor: first.next_cursor ?? "" })}`,
      )
    ).json(),
  );
  const ids = new Set([...first.items, ...second.items].map((i) => i.request_id));
  expect(ids.size).toBe(40);

  // The same first page straight from the simulator.
  const simPage = (await (
    await fetch(
      `${SIM_URL}/v1/models/requests/by-endpoint?${qs({ endpoint_id: FLUX, start: WINDOW.start.replace(".000", ""), end: WINDOW.end.replace(".000", ""), status: "success", limit: "20" })}`,
      { headers: { authorization: `Key ${SIM_KEYS.admin}` } },
    )
  ).json()) as { items: { request_id: string }[] };
  expect(first.items.map((i) => i.request_id)).toEqual(simPage.items.map((i) => i.request_id));

  for (const [query, field] of [
    [{ ...WINDOW }, "endpoint_id"],
    [{ ...WINDOW, endpoint_id: "flux" }, "endpoint_id"],
    [{ ...WINDOW, endpoint_id: FLUX, status: "failed" }, "status"],
    [{ ...WINDOW, endpoint_id: FLUX, sort_by: "cost" }, "sort_by"],
    [{ ...WINDOW, endpoint_id: FLUX, limit: "101" }, "limit"],
  ] as const) {
    const res = await request.get(`/api/ai/requests?${qs(query)}`);
    expect(res.status()).toBe(400);
    expect((await res.json()).error.field).toBe(field);
  }
});

test("GET /api/ai/requests with a key that may not read billing events: cost null, reason given", async ({
  request,
}) => {
  useKey("api");
  await refreshApp();
  const body = requestsResponse.parse(
    await (await request.get(`/api/ai/requests?${qs({ ...WINDOW, endpoint_id: FLUX, limit: "5" })}`)).json(),
  );
  expect(body.items).toHaveLength(5);
  expect(body.items.every((i) => i.cost === null)).toBe(true);
  expect(body.cost_unavailable).toBe("scope_insufficient");
});

test("GET /api/ai/model and /api/ai/insights: shapes, and a 400 naming endpoint_id", async ({ request }) => {
  const model = modelResponse.parse(
    await (await request.get(`/api/ai/model?${qs({ ...WINDOW, endpoint_id: FLUX })}`)).json(),
  );
  expect(model.requests).toBeGreaterThan(0);
  expect(model.series.length).toBeGreaterThan(0);
  expect(model.cost).toBeGreaterThan(0);
  const insights = insightsResponse.parse(
    await (await request.get(`/api/ai/insights?endpoint_id=${FLUX}&endpoint_id=acme/photobooth-lora`)).json(),
  );
  expect(insights.models.map((m) => [m.endpoint_id, m.public])).toEqual([
    [FLUX, true],
    ["acme/photobooth-lora", false],
  ]);
  expect(insights.models[0]?.your_p50_seconds).toBeGreaterThan(0);
  for (const path of [
    "/api/ai/insights",
    "/api/ai/insights?endpoint_id=nope",
    "/api/ai/model?endpoint_id=x",
  ]) {
    const res = await request.get(path);
    expect(res.status()).toBe(400);
    expect((await res.json()).error.field).toBe("endpoint_id");
  }
});

test("GET /api/ai/reconciliation: the injected discrepancy is the only flagged row", async ({ request }) => {
  await simControl("/_sim/billing-gap", { endpoint_id: "fal-ai/flux/schnell" });
  await refreshApp();
  const body = reconciliationResponse.parse(
    await (await request.get(`/api/ai/reconciliation?${qs(WINDOW)}`)).json(),
  );
  expect(body.models.filter((m) => m.flagged).map((m) => m.endpoint_id)).toEqual(["fal-ai/flux/schnell"]);
  expect(body.models.filter((m) => !m.flagged).every((m) => m.difference === 0)).toBe(true);
  expect(body.totals.flagged).toBe(1);
});

test("GET /api/ai/cost-per-outcome: cost per event, exact where photos name their requests", async ({
  request,
}) => {
  const body = costPerOutcomeResponse.parse(
    await (
      await request.get(
        `/api/ai/cost-per-outcome?${qs({ start: new Date(today - 89 * DAY_MS).toISOString(), timezone: "UTC" })}`,
      )
    ).json(),
  );
  const basis = Object.fromEntries(body.events.map((e) => [e.event_id, e.basis]));
  expect(basis).toMatchObject({
    "flagship-store-kiosk": "estimated",
    "expo-2026-booth": "mixed",
    "smith-wedding": "exact",
  });
  const wedding = body.events.find((e) => e.event_id === "smith-wedding");
  // The demo's photos name successful simulator requests: every id has its billing event.
  expect(wedding?.matched_requests).toBeGreaterThan(0);
  expect(wedding?.unmatched_requests).toBe(0);
  expect(wedding?.cost).toBeGreaterThan(0);
});
