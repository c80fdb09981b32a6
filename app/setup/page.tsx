import { MAIN_ID } from "@/components/ui/skip-link";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up · fal analytics" };

/** Shown instead of data when a production server has neither a password nor an explicit opt-out. */
export default function SetupPage() {
  return (
    <main id={MAIN_ID} className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 px-4">
      <h1 className="text-2xl font-semibold tracking-tight">Protect this dashboard first</h1>
      <p className="text-sm">
        This dashboard shows what your team spends on fal, so it will not show any data until you choose who
        may see it. Set both variables in <code>.env.local</code> (or your host&apos;s environment) and
        restart:
      </p>
      <pre className="rounded-lg border border-border bg-card p-4 text-sm break-all whitespace-pre-wrap">
        {`DASHBOARD_PASSWORD=<at least 8 characters>\nSESSION_SECRET=<32+ random characters, e.g. openssl rand -hex 32>`}
      </pre>
      <p className="text-sm text-muted">
        Already behind your own access control (VPN, SSO proxy)? Set <code>DASHBOARD_AUTH=none</code> to open
        it explicitly.
      </p>
    </main>
  );
}
