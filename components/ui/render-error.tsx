"use client";
import Link from "next/link";
import { Button } from "./button";
import { StatusPage } from "./status-page";

/**
 * What a failed render shows (app/error.tsx, app/global-error.tsx) instead of Next's bare default: what
 * happened, a retry, a way home, and the digest Next logs beside the error on the server, so the
 * reader can quote it. The error's message is never shown: in production it is a generic stand-in, and
 * in development it may hold details a screenshot should not carry.
 */
export function RenderError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <StatusPage
      title="This page could not be shown"
      actions={
        <>
          <Button variant="primary" onClick={retry}>
            Try again
          </Button>
          <Link href="/" className="underline underline-offset-2">
            Back to the dashboard
          </Link>
        </>
      }
    >
      <p className="text-sm">
        Something went wrong on the server while building it. Trying again often helps; if it keeps happening,
        the server log says what failed.
      </p>
      {digest ? (
        <p className="text-xs text-muted">
          Reference: <code>{digest}</code>
        </p>
      ) : null}
    </StatusPage>
  );
}
