"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { ErrorBody } from "@/lib/contracts/errors";

/** Failures the server met while prefetching, by SWR key: answers that will fail the same way again. */
export type PrefetchedErrors = Record<string, ErrorBody["error"] & { status: number }>;

const Context = createContext<PrefetchedErrors>({});

/**
 * Hands the server's failed prefetches to the browser, so a panel whose request is bound to fail (a key
 * without the scope, a revoked key) renders its failed state — and the banner explaining it — in the
 * first paint, instead of a skeleton the banner then pushes down (layout shift).
 */
export function PrefetchedErrorsProvider({
  errors,
  children,
}: {
  errors: PrefetchedErrors;
  children: ReactNode;
}) {
  return <Context.Provider value={errors}>{children}</Context.Provider>;
}

export function usePrefetchedError(key: string | null) {
  const errors = useContext(Context);
  return key === null ? undefined : errors[key];
}
