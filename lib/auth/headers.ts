import "server-only";

/**
 * The Content-Security-Policy the app actually satisfies: scripts only from us or carrying this
 * request's nonce (Next stamps it on its own scripts when it finds the policy on the request), no
 * framing, no plugins. Styles allow inline attributes because charts position elements with them.
 * `dev` (only `next dev`) adds what its hot reloader needs: eval and a websocket.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(csp: string, opts: { https: boolean; api: boolean }): Record<string, string> {
  return {
    "content-security-policy": csp,
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    // Browsers ignore it over http; no includeSubDomains: other hosts under the domain are not ours.
    ...(opts.https ? { "strict-transport-security": "max-age=31536000" } : {}),
    // Spend, balance and the key inventory must not land in a shared cache between the browser and us.
    ...(opts.api ? { "cache-control": "private, no-store" } : {}),
  };
}
