"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { viewParsers } from "@/lib/view-state";

const VIEW_KEYS = Object.keys(viewParsers);

/** `path` with the view's parameters (range, dates, granularity, zone) from `search`, and nothing else. */
export function viewHref(path: string, search: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of VIEW_KEYS) {
    const value = search.get(key);
    if (value !== null) kept.set(key, value);
  }
  const query = kept.toString();
  return query ? `${path}?${query}` : path;
}

/** A link between the dashboard's pages that keeps the window the reader chose. */
export function ViewLink({
  href,
  className,
  children,
}: {
  href: string;
  className?: string;
  children: ReactNode;
}) {
  const search = useSearchParams();
  return (
    <Link href={viewHref(href, search)} className={className}>
      {children}
    </Link>
  );
}
