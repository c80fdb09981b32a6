"use client";
import { useEffect, type ReactNode } from "react";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { SWRConfig } from "swr";
import { ThemeProvider } from "@/components/dashboard/theme-toggle";
import type { Theme } from "@/components/ui/theme";
import { isPermanent } from "@/lib/hooks/fetcher";

export function Providers({ theme, children }: { theme: Theme; children: ReactNode }) {
  // Effects run once the page has hydrated: `data-hydrated` on <html> tells the bench (and any script
  // that needs to know) when the page became interactive.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return (
    <ThemeProvider initial={theme}>
      <NuqsAdapter>
        <SWRConfig
          value={{
            revalidateOnFocus: false,
            // Keep refreshing while the tab is open; the server cache keeps fal calls at one per TTL.
            refreshInterval: 60_000,
            onErrorRetry: (error, _key, _config, revalidate, { retryCount }) => {
              if (isPermanent(error) || retryCount >= 4) return;
              setTimeout(() => void revalidate({ retryCount }), Math.min(30_000, 2_000 * 2 ** retryCount));
            },
          }}
        >
          {children}
        </SWRConfig>
      </NuqsAdapter>
    </ThemeProvider>
  );
}
