import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Demo mode's metrics token: derived from this installation's random session secret, so it is as
 * random as the other demo secrets, the same in every process of the installation, and needs no
 * new field in the demo secrets file. `npm start` prints it.
 */
export function demoMetricsToken(authSecret: string): string {
  return `mt_${createHmac("sha256", authSecret).update("malipo metrics token").digest("base64url").slice(0, 32)}`;
}

/** Whether an Authorization header carries exactly this bearer token, compared in constant time. */
export function isMetricsTokenValid(header: string | null | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]!, "utf8");
  const expected = Buffer.from(token, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
