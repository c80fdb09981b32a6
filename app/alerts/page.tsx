import Link from "next/link";
import { AlertsView } from "@/components/alerts/alerts-view";
import { env } from "@/lib/env";
import { MAIN_ID } from "@/components/ui/skip-link";

export const dynamic = "force-dynamic";

export const metadata = { title: "Alerts · fal analytics" };

export default function AlertsPage() {
  return (
    <main id={MAIN_ID} className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6 sm:px-6">
      <header className="flex items-end justify-between border-b border-border pb-5">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
          <p className="text-sm text-muted">
            Budgets, credit runway, spend anomalies, errors, latency and key health, sent to webhooks, Slack
            and email.
          </p>
        </div>
        <Link
          href="/"
          className="text-sm text-muted underline-offset-2 hover:text-foreground hover:underline"
        >
          ← Dashboard
        </Link>
      </header>
      <AlertsView timezone={env().DASHBOARD_TIMEZONE} />
    </main>
  );
}
