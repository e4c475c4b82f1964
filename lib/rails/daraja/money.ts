/**
 * M-Pesa amounts as integers in minor units. KES has two decimals (ISO 4217): payments are whole
 * shillings, but statements, balances and charges carry cents ("22.40", "7722179.62"), so the
 * ledger keeps hundredths of a shilling. Amounts arrive as strings ("1.00", "1,100.00", "-4000.00")
 * or JSON numbers (1.0, 8959269.6); both are read exactly, never through a float sum.
 */

export const KES_MINOR_PER_MAJOR = 100;

const DECIMAL_TEXT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** An amount in minor units (may be negative), or null when it is not a plain amount with at most 2 decimals. */
export function parseAmountMinor(value: unknown): number | null {
  if (typeof value === "number") return numberToMinor(value);
  if (typeof value !== "string") return null;
  const match = DECIMAL_TEXT.exec(value.trim());
  if (!match) return null;
  const [, sign, whole = "", fraction = ""] = match;
  const minor = Number(whole.replaceAll(",", "")) * KES_MINOR_PER_MAJOR + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(minor)) return null;
  return sign === "-" && minor !== 0 ? -minor : minor;
}

function numberToMinor(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const scaled = value * KES_MINOR_PER_MAJOR;
  const minor = Math.round(scaled);
  // 8959269.6 * 100 is 895926959.99999…: allow float noise, refuse a third decimal.
  if (Math.abs(scaled - minor) > 1e-6 * Math.max(1, Math.abs(scaled)) || !Number.isSafeInteger(minor)) return null;
  return minor === 0 ? 0 : minor;
}

/** Whole shillings as minor units. */
export function majorToMinor(shillings: number): number {
  return shillings * KES_MINOR_PER_MAJOR;
}

/** Whole shillings when the amount has no cents (payments), otherwise null. */
export function minorToWholeMajor(minor: number): number | null {
  return Number.isSafeInteger(minor) && minor % KES_MINOR_PER_MAJOR === 0 ? minor / KES_MINOR_PER_MAJOR : null;
}

/** `1500.00`, `-4000.00`: the plain two-decimal form M-Pesa's statements and Daraja bodies use. */
export function formatMinor(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / KES_MINOR_PER_MAJOR)}.${String(abs % KES_MINOR_PER_MAJOR).padStart(2, "0")}`;
}
