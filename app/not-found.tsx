import Link from "next/link";
import { connection } from "next/server";

export const metadata = { title: "Not found · fal analytics" };

/**
 * Rendered per request, not prerendered: the proxy gives every response a fresh CSP nonce, and a page
 * built ahead of time carries none, so the browser would block its scripts.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 px-4">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-sm">
        <Link href="/" className="underline">
          Back to the dashboard
        </Link>
      </p>
    </main>
  );
}
