"use client";
import { RenderError } from "@/components/ui/render-error";
import { inter } from "./fonts";
import "./globals.css";

/**
 * Stands in for the root layout itself when that fails, so it brings its own document, font and styles.
 * The theme cookie cannot be read here (the layout that reads it is what failed); the page follows the
 * system theme.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans antialiased">
        <title>Error · fal analytics</title>
        <RenderError error={error} retry={retry} />
      </body>
    </html>
  );
}
