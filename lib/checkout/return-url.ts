import { z } from "zod";
import type { Mode } from "@/lib/generated/prisma/client";

export const RETURN_URL_MAX_LENGTH = 2000;

/**
 * A URL the customer's browser is sent to after checkout. Only http(s) — `javascript:`, `data:` and
 * other schemes would run in Malipo's origin or hide where the customer goes — and https for live
 * payments; no user name or password in it (they would be shown to the customer).
 */
export function returnUrlProblem(value: string, mode: Mode): string | null {
  if (value.length > RETURN_URL_MAX_LENGTH) return `must be at most ${RETURN_URL_MAX_LENGTH} characters`;
  if (/[\s\u0000-\u001f]/.test(value) || !URL.canParse(value)) return "must be an absolute http(s) URL";
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http(s) URL";
  if (mode === "LIVE" && url.protocol !== "https:") return "must be an https URL for live payments";
  if (url.username || url.password) return "must not contain a user name or password";
  return null;
}

/** A return URL as the API and the dashboard's forms take it; the mode is checked where it is known. */
export const returnUrlInputSchema = z
  .string({ message: "must be a URL" })
  .trim()
  .superRefine((value, ctx) => {
    const problem = returnUrlProblem(value, "TEST");
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
