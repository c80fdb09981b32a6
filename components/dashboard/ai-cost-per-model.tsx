"use client";
import { type Answer, DataState } from "@/components/dashboard/data-state";
import { MODEL_TABLE_HEIGHT, ModelTable } from "@/components/dashboard/model-table";
import { PanelSection } from "@/components/ui/panel-section";
import type { CostPerOutcomeResponse, UsageResponse } from "@/lib/contracts/ai";

/** Billed usage per model and unit, joined with cost per photo when that answer is in. */
export function CostPerModel({
  usage,
  cost,
}: {
  usage: Answer<UsageResponse>;
  cost: Answer<CostPerOutcomeResponse>;
}) {
  return (
    <PanelSection label="Cost per model">
      <DataState answer={usage} label="Cost per model" height={MODEL_TABLE_HEIGHT}>
        {(u) => <ModelTable usage={u} costPerPhoto={cost.data?.by_endpoint ?? null} />}
      </DataState>
    </PanelSection>
  );
}
