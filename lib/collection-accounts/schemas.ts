import { z } from "zod";
import { DARAJA_ENVIRONMENTS, shortcodeSchema, tillNumberSchema } from "@/lib/collection-accounts/daraja-account-settings";
import { reasonField } from "@/lib/users/schemas";

/** Inputs of the collection-account actions; forms import these too (no "use server" here). */

const storefrontId = z.string().regex(/^sf_[0-9A-Za-z]+$/);
export const accountIdSchema = z.string().regex(/^acct_[0-9A-Za-z]+$/, "is not a collection account id");
const secret = z.string().trim().max(200).default("");

/** Add (no accountId) or edit (accountId) a Daraja account; on edit an empty secret keeps the stored one. */
export const saveDarajaAccountSchema = z.object({
  storefrontId,
  accountId: z.string().trim().optional().transform((v) => v || undefined).pipe(accountIdSchema.optional()),
  mode: z.enum(["TEST", "LIVE"]),
  name: z.string().trim().min(1, "Name the account (e.g. Main paybill)").max(80),
  environment: z.enum(DARAJA_ENVIRONMENTS, { message: "Choose where the account lives" }),
  kind: z.enum(["paybill", "till"], { message: "Choose paybill or till" }),
  shortcode: shortcodeSchema,
  tillNumber: z.string().trim().optional().transform((v) => v || undefined).pipe(tillNumberSchema.optional()),
  consumerKey: secret,
  consumerSecret: secret,
  passkey: secret,
  makeDefault: z.enum(["on"]).optional().transform((v) => v === "on"),
  reason: reasonField,
}).superRefine((input, ctx) => {
  if (input.kind === "till" && !input.tillNumber) ctx.addIssue({ code: "custom", path: ["tillNumber"], message: "A till account needs its till number" });
  if (input.kind === "paybill" && input.tillNumber) ctx.addIssue({ code: "custom", path: ["tillNumber"], message: "A paybill account has no till number" });
  if (!input.accountId) {
    for (const field of ["consumerKey", "consumerSecret", "passkey"] as const) {
      if (!input[field]) ctx.addIssue({ code: "custom", path: [field], message: "is required" });
    }
  }
});
export type SaveDarajaAccountInput = z.infer<typeof saveDarajaAccountSchema>;

export const accountActionSchema = z.object({ storefrontId, accountId: accountIdSchema, reason: reasonField });
export const testAccountSchema = z.object({ storefrontId, accountId: accountIdSchema });
