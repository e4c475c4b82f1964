/**
 * Date and time formats of Daraja and the M-Pesa portal, all in East Africa Time (UTC+3, no
 * daylight saving) unless they carry a zone. Every parser returns null for an impossible date
 * (31 February, hour 24) rather than letting Date roll it over.
 */

const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;

type Fields = [year: number, month: number, day: number, hour: number, minute: number, second: number];

/** The instant of a wall-clock time in Nairobi, or null when the fields are not a real time. */
export function eatFieldsToDate([y, mo, d, h, mi, s]: Fields): Date | null {
  if (h > 23 || mi > 59 || s > 59 || mo < 1 || mo > 12 || d < 1) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(utc - EAT_OFFSET_MS);
}

const PATTERNS: readonly { re: RegExp; order: "dmy" | "ymd" }[] = [
  // Statement layout A: 01-10-2026 23:59:02; layout B: 01/10/2026 23:59:02; B2C results: 06.07.2024 22:48:52.
  { re: /^(\d{2})[-/.](\d{2})[-/.](\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/, order: "dmy" },
  // 2026-10-01 10:00:00 and Pull Transactions' 2019-07-31 19:00.
  { re: /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/, order: "ymd" },
];

/** Reads `dd-MM-yyyy HH:mm:ss`, `dd/MM/yyyy …`, `dd.MM.yyyy …`, `yyyy-MM-dd HH:mm[:ss]` or `yyyyMMddHHmmss` as EAT. */
export function parseEatDateTime(value: unknown): Date | null {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== "string") return null;
  const trimmed = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(trimmed);
  if (compact) return eatFieldsToDate(compact.slice(1).map(Number) as Fields);
  for (const { re, order } of PATTERNS) {
    const m = re.exec(trimmed);
    if (!m) continue;
    const [a, b, c, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as Fields;
    return eatFieldsToDate(order === "dmy" ? [c, b, a, h, mi, s] : [a, b, c, h, mi, s]);
  }
  return null;
}

function eatParts(at: Date) {
  const eat = new Date(at.getTime() + EAT_OFFSET_MS);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return {
    date: `${pad(eat.getUTCFullYear(), 4)}-${pad(eat.getUTCMonth() + 1)}-${pad(eat.getUTCDate())}`,
    dmy: `${pad(eat.getUTCDate())}-${pad(eat.getUTCMonth() + 1)}-${pad(eat.getUTCFullYear(), 4)}`,
    time: `${pad(eat.getUTCHours())}:${pad(eat.getUTCMinutes())}:${pad(eat.getUTCSeconds())}`,
  };
}

/** `2026-10-01 08:00:00` in EAT: the Pull Transactions StartDate/EndDate form. */
export function formatEatDateTime(at: Date): string {
  const { date, time } = eatParts(at);
  return `${date} ${time}`;
}

/** `01-10-2026 08:00:00` in EAT: the org portal statement's form. */
export function formatStatementDateTime(at: Date): string {
  const { dmy, time } = eatParts(at);
  return `${dmy} ${time}`;
}

/** `2026-10-01`: the EAT calendar day of an instant. */
export function eatDate(at: Date): string {
  return eatParts(at).date;
}
