import { describe, expect, it } from "vitest";
import { focusCsv } from "@/components/model/focus-csv";
import type { ReconciliationResponse } from "@/lib/contracts/reconciliation";

const report: ReconciliationResponse = {
  range: {
    start: "2026-11-01T00:00:00-04:00",
    end: "2026-12-01T00:00:00-05:00",
    timezone: "America/New_York",
    timeframe: "day",
  },
  currency: "USD",
  models: [
    {
      endpoint_id: "fal-ai/flux/dev",
      units: [{ unit: "image", quantity: 1200, billed: 27.5, list_estimate: 30, list_unit_price: 0.025 }],
      billed: 27.5,
      billing_events_total: 27.5,
      list_estimate: 30,
      difference: 0,
      flagged: false,
    },
    {
      endpoint_id: "acme/lora",
      units: [{ unit: "image", quantity: 3, billed: 0.09, list_estimate: null, list_unit_price: null }],
      billed: 0.09,
      billing_events_total: 0.09,
      list_estimate: null,
      difference: 0,
      flagged: false,
    },
  ],
  totals: {
    billed: 27.59,
    billing_events_total: 27.59,
    list_estimate: 30,
    list_estimate_complete: false,
    difference: 0,
    flagged: 0,
  },
  fetched_at: "2026-12-01T05:00:00Z",
  stale: false,
  stale_reason: null,
};

describe("FOCUS CSV", () => {
  it("has FOCUS column names, UTC periods, one row per unit, and empty list cells when unpriced", () => {
    const lines = focusCsv(report).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,ResourceId,PricingUnit,PricingQuantity,ListUnitPrice,ListCost,BilledCost,EffectiveCost,BillingCurrency",
    );
    expect(lines[1]).toBe(
      "2026-11-01T04:00:00.000Z,2026-12-01T05:00:00.000Z,2026-11-01T04:00:00.000Z,2026-12-01T05:00:00.000Z,fal.ai,fal-ai/flux/dev,image,1200,0.025,30,27.5,27.5,USD",
    );
    expect(lines[2]).toBe(
      "2026-11-01T04:00:00.000Z,2026-12-01T05:00:00.000Z,2026-11-01T04:00:00.000Z,2026-12-01T05:00:00.000Z,fal.ai,acme/lora,image,3,,,0.09,0.09,USD",
    );
    expect(lines).toHaveLength(3);
  });
});
