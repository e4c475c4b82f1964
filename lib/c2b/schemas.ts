import { z } from "zod";
import { accountIdSchema } from "@/lib/collection-accounts/schemas";
import { reasonField } from "@/lib/users/schemas";

/** Inputs of the C2B actions; forms import these too (no "use server" here). */

const receiptIdSchema = z.string().regex(/^ura_[0-9A-Za-z]+$/, "is not an unattached receipt id");

export const registerC2bSchema = z.object({ storefrontId: z.string().regex(/^sf_[0-9A-Za-z]+$/), accountId: accountIdSchema, reason: reasonField });

export const attachReceiptSchema = z.object({
  receiptId: receiptIdSchema,
  paymentId: z.string().trim().regex(/^pay_[0-9A-Za-z]+$/, "Enter the payment's id (pay_…)"),
  reason: reasonField,
});

export const markDirectSchema = z.object({ receiptId: receiptIdSchema, reason: reasonField });
