import { z } from "zod";
import { accountIdSchema } from "@/lib/collection-accounts/schemas";
import { reasonField } from "@/lib/users/schemas";

/** Input of the B2C shortcode action; its form imports this too (no "use server" here). */
export const saveB2cShortcodeSchema = z.object({
  storefrontId: z.string().regex(/^sf_[0-9A-Za-z]+$/),
  accountId: accountIdSchema,
  /** Empty: the account has no B2C shortcode any more (partial refunds refused; whole ones by Reversal still). */
  b2cShortcode: z.string().trim().regex(/^(\d{5,7})?$/, "A B2C shortcode is 5 to 7 digits (leave it empty for none)").default(""),
  reason: reasonField,
});
export type SaveB2cShortcodeInput = z.infer<typeof saveB2cShortcodeSchema>;
