import Link from "next/link";
import { connection } from "next/server";
import { StatusPage } from "@/components/ui/status-page";

export const metadata = { title: "Not found · fal analytics" };

/**
 * Rendered per request, not prerendered: the proxy gives every response a fresh CSP nonce, and a page
 * built ahead of time carries none, so the browser would block its scripts.
 */
export default async function NotFound() {
  await connection();
  return (
    <StatusPage
      title="Page not found"
      actions={
        <Link href="/" className="underline underline-offset-2">
          Back to the dashboard
        </Link>
      }
    >
      <p className="text-sm text-muted">There is no page at this address.</p>
    </StatusPage>
  );
}
