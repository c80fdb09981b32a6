import localFont from "next/font/local";

// Self-hosted from npm: the build machine has no route to Google Fonts.
export const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
  weight: "100 900",
});
