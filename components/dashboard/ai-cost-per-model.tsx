"use client";
import { type Answer, DataState } from "@/components/dashboard/data-state";
import { MODEL_TABLE_HEIGHT, ModelTable } from "@/components/dashboard/model-table";
import { PanelSection } from "@/components/ui/panel-section";
import type { CostPerOutcomeResponse, UsageResponse } from "@/lib/contracts/ai";
import { windowId } from "@/lib/view-state";

/**
 * Billed usage per model and unit, joined with cost per photo when that answer is in — for the same
 * window only: while one of the two still shows the previous window, the column waits rather than mix.
 */
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
        {(u) => {
          const same = cost.data !== undefined && windowId(cost.data.range) === windowId(u.range);
          return (
            <ModelTable
              usage={u}
              costPerPhoto={same ? (cost.data?.by_endpoint ?? null) : null}
              costPending={!same && cost.error === undefined}
            />
          );
        }}
      </DataState>
    </PanelSection>
  );
}
