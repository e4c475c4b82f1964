import type { C2bValidationRule } from "@/lib/generated/prisma/client";
import type { C2bNotification } from "@/lib/rails/daraja/c2b/notification";
import { acceptC2bValidation, rejectC2bValidation, type C2bValidationAnswer } from "@/lib/rails/daraja/c2b/validation-response";

/** Longest pattern a storefront may set: it runs on every validation request. */
export const MAX_VALIDATION_PATTERN_LENGTH = 200;

export interface ValidationRule {
  rule: C2bValidationRule;
  pattern: string | null;
}

/** What the OPEN_PAYMENT rule found: the amounts of matchable payments with that reference, or null when the database could not say in time. */
export type OpenReference = { amounts: number[] } | null;

/** A pattern as stored: it must compile, and it matches the whole account number. */
export function compileValidationPattern(pattern: string): RegExp | null {
  if (pattern.length === 0 || pattern.length > MAX_VALIDATION_PATTERN_LENGTH) return null;
  try {
    return new RegExp(`^(?:${pattern})$`, "i");
  } catch {
    return null;
  }
}

/**
 * The answer to one C2B validation request under a storefront's rule. Tills carry no account
 * number, so no rule about one can refuse them. When the database could not tell in time whether a
 * reference is open, the payment is accepted: it then arrives as an unattached receipt for finance,
 * which is better than turning a paying customer away during our own outage.
 */
export function judgeC2bValidation(rule: ValidationRule, n: Pick<C2bNotification, "billRefNumber" | "amountMinor" | "channel">, open: OpenReference): C2bValidationAnswer {
  const account = n.billRefNumber?.trim() ?? "";
  if (rule.rule === "ACCEPT_ALL" || n.channel === "till") return acceptC2bValidation();
  if (rule.rule === "PATTERN") {
    const pattern = rule.pattern ? compileValidationPattern(rule.pattern) : null;
    // A rule without a usable pattern refuses nothing rather than everything.
    if (!pattern) return acceptC2bValidation();
    return pattern.test(account) ? acceptC2bValidation() : rejectC2bValidation("invalid_account_number");
  }
  if (account === "") return rejectC2bValidation("invalid_account_number");
  if (open === null) return acceptC2bValidation();
  if (open.amounts.length === 0) return rejectC2bValidation("invalid_account_number");
  return open.amounts.some((amount) => amount * 100 === n.amountMinor) ? acceptC2bValidation() : rejectC2bValidation("invalid_amount");
}
