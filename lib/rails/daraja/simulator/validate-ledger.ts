import { isCallbackUrl } from "./validate-stk";

/**
 * Field checks shared by the C2B, Pull and initiator endpoints. As for STK, a failure names one
 * field and becomes `400.002.02 Bad Request - Invalid <Field>`.
 */
export function digitsOf(value: unknown, min: number, max: number): string | null {
  const text = typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  return typeof text === "string" && new RegExp(`^\\d{${min},${max}}$`).test(text.trim()) ? text.trim() : null;
}

export function textOf(value: unknown, min = 1, max = 200): string | null {
  return typeof value === "string" && value.trim().length >= min && value.trim().length <= max ? value.trim() : null;
}

/** Safaricom's banned words for C2B URLs, enforced here only in production mode (the sandbox is seen ignoring them). */
const BANNED_URL_WORDS = /m-?pesa|safaricom|exe|exec|cmd|sql|query/i;

export function urlOf(value: unknown, production = false): string | null {
  if (!isCallbackUrl(value)) return null;
  return production && BANNED_URL_WORDS.test(value as string) ? null : (value as string);
}

/** The initiator fields every initiator API shares; B2C names the initiator `InitiatorName`. */
export function initiatorFields(body: Record<string, unknown>, nameKey: "Initiator" | "InitiatorName"):
  { ok: true; name: string; credential: string; resultUrl: string; queueTimeoutUrl: string } | { ok: false; field: string } {
  const name = textOf(body[nameKey], 1, 100);
  if (!name) return { ok: false, field: nameKey };
  const credential = textOf(body.SecurityCredential, 1, 4096);
  if (!credential) return { ok: false, field: "SecurityCredential" };
  const resultUrl = urlOf(body.ResultURL);
  if (!resultUrl) return { ok: false, field: "ResultURL" };
  const queueTimeoutUrl = urlOf(body.QueueTimeOutURL);
  if (!queueTimeoutUrl) return { ok: false, field: "QueueTimeOutURL" };
  return { ok: true, name, credential, resultUrl, queueTimeoutUrl };
}
