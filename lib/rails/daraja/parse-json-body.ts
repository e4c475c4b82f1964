import { isRecord } from "./daraja-api";

/** A callback body as text or already parsed, as a JSON object; never throws. */
export function jsonObjectOf(body: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  let value = body;
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    const text = body.toString().replace(/^\uFEFF/, "");
    if (text.trim() === "") return { ok: false, reason: "body is empty" };
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, reason: "body is not JSON" };
    }
  }
  return isRecord(value) ? { ok: true, value } : { ok: false, reason: "body is not a JSON object" };
}

/** Looks a key up exactly, then ignoring case and spaces ("Conversation ID" in old samples). */
export function field(record: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  const wanted = name.replace(/\s+/g, "").toLowerCase();
  return Object.entries(record).find(([key]) => key.replace(/\s+/g, "").toLowerCase() === wanted)?.[1];
}
