import { createHmac } from "node:crypto";

/**
 * Demo mode's metrics token: derived from this installation's random session secret, so it is as
 * random as the other demo secrets, the same in every process of the installation, and needs no
 * new field in the demo secrets file. `npm start` prints it.
 */
export function demoMetricsToken(authSecret: string): string {
  return `mt_${createHmac("sha256", authSecret).update("malipo metrics token").digest("base64url").slice(0, 32)}`;
}
