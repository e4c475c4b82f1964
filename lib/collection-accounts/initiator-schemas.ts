import { z } from "zod";
import { accountIdSchema } from "@/lib/collection-accounts/schemas";
import { reasonField } from "@/lib/users/schemas";

/** Inputs of the initiator actions; forms import these too (no "use server" here). */

const storefrontId = z.string().regex(/^sf_[0-9A-Za-z]+$/);

/** Set an account's API operator; an empty password or certificate keeps the stored one. */
export const saveInitiatorSchema = z.object({
  storefrontId,
  accountId: accountIdSchema,
  initiatorName: z.string().trim().min(1, "Name the API operator (the initiator username on the org portal)").max(100)
    .regex(/^[A-Za-z0-9_.@-]+$/, "may only contain letters, digits, _ . @ and -"),
  initiatorPassword: z.string().max(200).default(""),
  certificate: z.string().trim().max(20_000, "is too long for a certificate").default(""),
  reason: reasonField,
});
export type SaveInitiatorInput = z.infer<typeof saveInitiatorSchema>;

/** An M-Pesa receipt as people copy it from an SMS or a statement: 10 letters and digits, any case. */
export const receiptField = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{8,20}$/, "An M-Pesa receipt is 10 letters and digits (e.g. UAB1C2D3E4)");

/** Ask Transaction Status about one receipt for a payment. */
export const lookUpReceiptSchema = z.object({
  paymentId: z.string().regex(/^pay_[0-9A-Za-z]+$/, "is not a payment id"),
  receipt: receiptField,
  reason: reasonField,
});
export type LookUpReceiptInput = z.infer<typeof lookUpReceiptSchema>;
