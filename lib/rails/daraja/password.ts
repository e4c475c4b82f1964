/**
 * Daraja's STK timestamp and password. The timestamp is East Africa Time (UTC+3, no daylight
 * saving) whatever the server's timezone, and the password must be built from the very same string.
 */

const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;

/** `YYYYMMDDHHmmss` in East Africa Time. */
export function darajaTimestamp(at: Date = new Date()): string {
  // Shift the instant by +3 h and read the UTC fields: independent of the process's TZ.
  const eat = new Date(at.getTime() + EAT_OFFSET_MS);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return (
    pad(eat.getUTCFullYear(), 4) + pad(eat.getUTCMonth() + 1) + pad(eat.getUTCDate()) +
    pad(eat.getUTCHours()) + pad(eat.getUTCMinutes()) + pad(eat.getUTCSeconds())
  );
}

/** base64(shortcode + passkey + timestamp): plain concatenation, no separators. */
export function stkPassword(shortcode: string, passkey: string, timestamp: string): string {
  return Buffer.from(`${shortcode}${passkey}${timestamp}`, "utf8").toString("base64");
}

/** Parses a `YYYYMMDDHHmmss` EAT timestamp into an instant; null when it is not a real date. */
export function parseDarajaTimestamp(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  // Reject 20250231 and friends: Date.UTC silently rolls them over.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(utc - EAT_OFFSET_MS);
}
