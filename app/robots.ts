import type { MetadataRoute } from "next";

/** A private dashboard: no crawler has anything to index here. Served outside the proxy (see proxy.ts). */
export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: "*", disallow: "/" } };
}
