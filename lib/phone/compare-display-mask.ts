/**
 * Whether a number masked with one run of asterisks standing for however many digits — Malipo's
 * display form of a C2B MSISDN ("2547****149", stored from Daraja's "2547 ***** 149") — shows the
 * expected number: the digits before the run begin it (in its 2547…, 07… or 7… form), those after
 * it end it, and at least one subscriber digit is shown. compareReportedPhone (which the settle path
 * uses) places a mask by its length and cannot place this one; a B2C refund, which must know it
 * pays the number that paid, asks this too.
 */
export function compareDisplayMask(expected: string, masked: string): "same" | "different" | "unverifiable" {
  const parts = /^(\d*)\*+(\d*)$/.exec(masked.replace(/\s/g, ""));
  if (!parts) return "unverifiable";
  const [, before = "", after = ""] = parts;
  const subscriber = expected.slice(3);
  const form = before.startsWith("254") ? expected : before.startsWith("0") ? `0${subscriber}` : subscriber;
  if (before.length + after.length >= form.length) return "unverifiable";
  if (!form.startsWith(before) || !form.endsWith(after)) return "different";
  // The country code, the trunk prefix and a mobile number's first digit (7 or 1) say nothing about whose it is.
  const telling = form.length - subscriber.length + 1;
  return Math.max(0, before.length - telling) + after.length === 0 ? "unverifiable" : "same";
}
