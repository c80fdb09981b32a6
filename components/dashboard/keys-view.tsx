import { KeyInUse } from "@/components/dashboard/key-in-use";
import { KeyInventory } from "@/components/dashboard/key-inventory";
import { KeyRotation } from "@/components/dashboard/key-rotation";
import type { KeyInfo } from "@/lib/contracts/key-info";

/** The key page: what the dashboard uses, what fal says it can do, the inventory and how to rotate. */
export function KeysView({ keyInfo, defaultTimezone }: { keyInfo: KeyInfo; defaultTimezone: string }) {
  return (
    <div className="flex flex-col gap-6">
      <KeyInUse keyInfo={keyInfo} defaultTimezone={defaultTimezone} />
      <KeyInventory defaultTimezone={defaultTimezone} />
      <KeyRotation />
    </div>
  );
}
