import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The signed result appended to a storefront's return (or cancel) URL, so the storefront can trust
 * what the customer's browser brings back without calling the API. The signature is the hex
 * HMAC-SHA256, under the session's return secret, of the values joined with "." in this order:
 * timestamp, session id, payment id (empty when none), status, amount, reference.
 */
export const RETURN_PARAMS = ["malipo_session", "malipo_payment", "malipo_status", "malipo_amount", "malipo_reference", "malipo_timestamp", "malipo_signature"] as const;

/** Statuses the customer comes back with: succeeded to the return URL, the others to the cancel URL. */
export type ReturnStatus = "succeeded" | "failed" | "cancelled" | "expired" | "unconfirmed";

export interface ReturnResult {
  sessionId: string;
  paymentId: string | null;
  status: ReturnStatus;
  amount: number;
  reference: string;
}

/** The default tolerance for verifying: a returned URL older than this is refused (replay). */
export const RETURN_TOLERANCE_SECONDS = 600;

export function returnSignature(result: ReturnResult, timestamp: number, secret: string): string {
  const signed = [timestamp, result.sessionId, result.paymentId ?? "", result.status, result.amount, result.reference].join(".");
  return createHmac("sha256", secret).update(signed).digest("hex");
}

/** The storefront's URL with the signed result added (its own query parameters are kept). */
export function signedReturnUrl(baseUrl: string, result: ReturnResult, secret: string, now: Date): string {
  const url = new URL(baseUrl);
  const timestamp = Math.floor(now.getTime() / 1000);
  for (const name of RETURN_PARAMS) url.searchParams.delete(name);
  url.searchParams.set("malipo_session", result.sessionId);
  url.searchParams.set("malipo_payment", result.paymentId ?? "");
  url.searchParams.set("malipo_status", result.status);
  url.searchParams.set("malipo_amount", String(result.amount));
  url.searchParams.set("malipo_reference", result.reference);
  url.searchParams.set("malipo_timestamp", String(timestamp));
  url.searchParams.set("malipo_signature", returnSignature(result, timestamp, secret));
  return url.toString();
}

export type VerifiedReturn = { ok: true; result: ReturnResult; timestamp: number } | { ok: false; reason: string };

/** What a storefront does with the URL it was returned to (the README shows the same steps). */
export function verifyReturnUrl(returned: string, secret: string, options: { now: Date; toleranceSeconds?: number }): VerifiedReturn {
  const params = new URL(returned).searchParams;
  const signature = params.get("malipo_signature") ?? "";
  const timestamp = Number(params.get("malipo_timestamp"));
  const status = params.get("malipo_status") as ReturnStatus | null;
  const amount = Number(params.get("malipo_amount"));
  const sessionId = params.get("malipo_session");
  const reference = params.get("malipo_reference");
  if (!sessionId || !status || reference === null || !Number.isInteger(timestamp) || !Number.isInteger(amount)) return { ok: false, reason: "missing or malformed parameters" };
  const result: ReturnResult = { sessionId, paymentId: params.get("malipo_payment") || null, status, amount, reference };
  const expected = Buffer.from(returnSignature(result, timestamp, secret), "hex");
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : "", "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "signature does not match" };
  if (Math.abs(options.now.getTime() / 1000 - timestamp) > (options.toleranceSeconds ?? RETURN_TOLERANCE_SECONDS)) return { ok: false, reason: "timestamp outside the tolerance" };
  return { ok: true, result, timestamp };
}
