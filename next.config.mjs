/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next dev` on 127.0.0.1 otherwise refuses its own dev resources and the client never hydrates.
  allowedDevOrigins: ["127.0.0.1"],
  // PGlite ships WASM and data files it loads from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  experimental: {
    // The default (50 kB) leaves the dashboard's first load in six small shared chunks; merging them
    // saves / 1.8 kB (gzip) and three requests, at the price of some code shared with other routes.
    turbopackChunking: { minChunkSize: 150_000 },
  },
};

export default nextConfig;
