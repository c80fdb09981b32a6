import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { SkipLink } from "@/components/ui/skip-link";
import { THEME_COOKIE, parseTheme } from "@/components/ui/theme";
import { inter } from "./fonts";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "fal analytics",
  description: "Event metrics, fal spend and model performance on one page.",
};

/** Every page is rendered per request (fresh CSP nonce), so reading the theme cookie here costs nothing. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html
      lang="en"
      className={theme === "system" ? inter.variable : `${inter.variable} ${theme}`}
      // The toggle changes the theme class after hydration.
      suppressHydrationWarning
    >
      <body className="min-h-screen font-sans antialiased">
        <SkipLink />
        <Providers theme={theme}>{children}</Providers>
      </body>
    </html>
  );
}
