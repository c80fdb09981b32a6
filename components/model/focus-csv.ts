import { toCsv } from "@/lib/csv";
import type { ReconciliationResponse } from "@/lib/contracts/reconciliation";

/**
 * The month-close export: one row per (endpoint, billing unit) of a reconciliation, under the FinOps
 * FOCUS column names, so it drops into the same sheet as other providers' FOCUS files. The billing and
 * charge periods are the window (UTC, end exclusive, as FOCUS has them). Billed = effective cost (fal's
 * cost after discounts); a unit without a list price leaves ListUnitPrice and ListCost empty, never 0.
 */

const COLUMNS = [
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "ServiceName",
  "ResourceId",
  "PricingUnit",
  "PricingQuantity",
  "ListUnitPrice",
  "ListCost",
  "BilledCost",
  "EffectiveCost",
  "BillingCurrency",
] as const;

type FocusRow = Record<(typeof COLUMNS)[number], string | number | null>;

const FOCUS_SERVICE_NAME = "fal.ai";

function focusRows(report: ReconciliationResponse): FocusRow[] {
  const start = new Date(report.range.start).toISOString();
  const end = new Date(report.range.end).toISOString();
  return report.models.flatMap((m) =>
    m.units.map((u) => ({
      BillingPeriodStart: start,
      BillingPeriodEnd: end,
      ChargePeriodStart: start,
      ChargePeriodEnd: end,
      ServiceName: FOCUS_SERVICE_NAME,
      ResourceId: m.endpoint_id,
      PricingUnit: u.unit,
      PricingQuantity: u.quantity,
      ListUnitPrice: u.list_unit_price,
      ListCost: u.list_estimate,
      BilledCost: u.billed,
      EffectiveCost: u.billed,
      BillingCurrency: report.currency,
    })),
  );
}

export function focusCsv(report: ReconciliationResponse): string {
  return toCsv(
    COLUMNS.map((c) => ({ key: c, header: c })),
    focusRows(report),
  );
}
