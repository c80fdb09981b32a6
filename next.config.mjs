/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Nothing here uses next/image; its optimizer would only be a way for strangers to make the server
  // fetch URLs from itself (and answer 500 when the answer is a page). Off, /_next/image is a 404.
  images: { unoptimized: true },
  // `next dev` on 127.0.0.1 otherwise refuses its own dev resources and the client never hydrates.
  allowedDevOrigins: ["127.0.0.1"],
  // PGlite ships WASM and data files it loads from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  // Browsers ask for /favicon.ico where a page carries no icon link (a failed render's error page): the
  // app's icon answers instead of a 404 in the console.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  experimental: {
    // Next copies each request body the proxy sees in memory, before the proxy runs; the default (10 MB)
    // let strangers spend 10 MB per request. Equal to MAX_PROXIED_BODY_BYTES in lib/auth/access.ts, which
    // refuses anything larger, so no route ever reads a body cut short at this limit.
    proxyClientMaxBodySize: 64 * 1024,
    // The default (50 kB) leaves the dashboard's first load in six small shared chunks; merging them
    // saves / 1.8 kB (gzip) and three requests, at the price of some code shared with other routes.
    turbopackChunking: { minChunkSize: 150_000 },
  },
};

export default nextConfig;
