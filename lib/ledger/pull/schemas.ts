import { z } from "zod";
import { accountIdSchema } from "@/lib/collection-accounts/schemas";
import { reasonField } from "@/lib/users/schemas";

/** Inputs of the Pull Transactions actions; forms import these too (no "use server" here). */

/** The KYC number Daraja wants, in 2547… form (integrators report 07… refused); empty: the account's or the default. */
export const nominatedNumberField = z.string().trim().optional().transform((v) => v || undefined)
  .pipe(z.string().regex(/^254[17]\d{8}$/, "Enter the shortcode's KYC number as 12 digits, 2547… or 2541…").optional());

export const registerPullSchema = z.object({
  storefrontId: z.string().regex(/^sf_[0-9A-Za-z]+$/),
  accountId: accountIdSchema,
  nominatedNumber: nominatedNumberField,
  reason: reasonField,
});
