/**
 * The dashboard's Content-Security-Policy. Scripts run only with this response's nonce (Next puts
 * it on its own bootstrap and page scripts when it finds it in the request's policy header), or
 * when loaded by such a script ('strict-dynamic'): an injected <script> or inline handler never
 * runs. Styles may be inline (React and Next write style attributes); nothing else is allowed from
 * outside our origin, and no site may frame the dashboard.
 */
export function contentSecurityPolicy(nonce: string, { dev = false }: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code (call stacks, fast refresh); the production one does not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** HSTS for production: a year, subdomains included (sent over https only matters to browsers). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
