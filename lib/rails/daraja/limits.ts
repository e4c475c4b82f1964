import { z } from "zod";
import { normalizeKenyanPhone } from "@/lib/phone/kenyan-phone";

// Checked before calling Daraja: it accepted a 14-char AccountReference, then never prompted (FACTS.md §2).

export const AMOUNT_MIN_KES = 1;
export const AMOUNT_MAX_KES = 250_000;
export const ACCOUNT_REFERENCE_MAX_LENGTH = 12;
export const TRANSACTION_DESC_MAX_LENGTH = 13;
/** Sent when the caller gives no description: Daraja documents the field as optional, but SDKs always send one. */
export const DEFAULT_TRANSACTION_DESC = "Payment";

/** Letters, digits, `- _ . / # :` and single inner spaces: the text lands on the customer's prompt and SMS. */
const SAFE_TEXT = /^[A-Za-z0-9\-_./#:]+( [A-Za-z0-9\-_./#:]+)*$/;
const SAFE_TEXT_MESSAGE = "may only contain letters, digits, single spaces and - _ . / # :";

export const amountSchema = z
  .number({ message: "Amount must be a number of Kenya shillings" })
  .int("Amount must be a whole number of shillings (M-Pesa has no cents)")
  .min(AMOUNT_MIN_KES, `Amount must be at least KES ${AMOUNT_MIN_KES}`)
  .max(AMOUNT_MAX_KES, `Amount must be at most KES ${AMOUNT_MAX_KES.toLocaleString("en-KE")} per transaction`);

export const accountReferenceSchema = z
  .string({ message: "Account reference is required" })
  .trim()
  .min(1, "Account reference is required")
  .max(ACCOUNT_REFERENCE_MAX_LENGTH, `Account reference must be at most ${ACCOUNT_REFERENCE_MAX_LENGTH} characters`)
  .regex(SAFE_TEXT, `Account reference ${SAFE_TEXT_MESSAGE}`);

export const transactionDescSchema = z
  .string()
  .trim()
  .min(1, "Description must not be empty")
  .max(TRANSACTION_DESC_MAX_LENGTH, `Description must be at most ${TRANSACTION_DESC_MAX_LENGTH} characters`)
  .regex(SAFE_TEXT, `Description ${SAFE_TEXT_MESSAGE}`);

export const phoneSchema = z.string({ message: "Phone number is required" }).transform((value, ctx) => {
  const result = normalizeKenyanPhone(value);
  if (result.ok) return result.phone;
  ctx.addIssue({ code: "custom", message: result.message });
  return z.NEVER;
});

/** No whitespace, and a lowercased host: Daraja was seen rejecting an uppercase one (FACTS.md §8). */
export const callbackUrlSchema = z
  .string({ message: "Callback URL is required" })
  .refine((v) => !/\s/.test(v), "Callback URL must not contain spaces")
  .refine((v) => URL.canParse(v) && ["http:", "https:"].includes(new URL(v).protocol), "Callback URL must be an http(s) URL")
  .transform((v) => v.replace(/^(https?:\/\/)([^/?#]+)/i, (_all, scheme: string, host: string) => scheme.toLowerCase() + host.toLowerCase()));

export const stkPushInputSchema = z.object({
  amount: amountSchema,
  phone: phoneSchema,
  accountReference: accountReferenceSchema,
  description: transactionDescSchema.optional(),
  callbackUrl: callbackUrlSchema,
});

export type StkPushInput = z.input<typeof stkPushInputSchema>;
export type ValidStkPushInput = z.output<typeof stkPushInputSchema>;
