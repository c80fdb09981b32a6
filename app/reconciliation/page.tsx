import { Suspense } from "react";
import { ReconciliationView } from "@/components/model/reconciliation-view";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { env } from "@/lib/env";
import { MAIN_ID } from "@/components/ui/skip-link";

export const dynamic = "force-dynamic";

export const metadata = { title: "Reconciliation · fal analytics" };

export default function ReconciliationPage() {
  // A server component renders once per request: its clock is that request's "now", shared with the
  // browser so both compute the same window.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  return (
    <main id={MAIN_ID} className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6">
      <Suspense fallback={<PanelSkeleton height={700} label="Loading reconciliation …" />}>
        <ReconciliationView defaultTimezone={env().DASHBOARD_TIMEZONE} initialNow={now} />
      </Suspense>
    </main>
  );
}
