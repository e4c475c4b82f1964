import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "Malipo-Signature";
export const EVENT_ID_HEADER = "Malipo-Event-Id";

export interface SignPayloadOptions {
  /** The exact body that will be sent. */
  payload: string;
  /** Current secret first, then the previous one while its grace period lasts. */
  secrets: readonly string[];
  /** Unix seconds. */
  timestamp: number;
}

/**
 * The Malipo-Signature header value: `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, with one v1 per
 * secret so a storefront still holding the old secret verifies during a rotation.
 */
export function signPayload({ payload, secrets, timestamp }: SignPayloadOptions): string {
  if (secrets.length === 0) throw new Error("At least one signing secret is required");
  const t = Math.floor(timestamp);
  const signatures = secrets.map((secret) => `v1=${createHmac("sha256", secret).update(`${t}.${payload}`, "utf8").digest("hex")}`);
  return [`t=${t}`, ...signatures].join(",");
}
