import { timingSafeEqual } from "node:crypto";

/** Whether an Authorization header carries exactly this bearer token, compared in constant time. */
export function isMetricsTokenValid(header: string | null | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]!, "utf8");
  const expected = Buffer.from(token, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
