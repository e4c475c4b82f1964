import { z } from "zod";
import { serviceProviderCodeSchema, VODACOM_ENVIRONMENTS } from "@/lib/collection-accounts/vodacom-account-settings";
import { VODACOM_MARKETS, type VodacomMarketCode } from "@/lib/rails/vodacom/markets";
import { reasonField } from "@/lib/users/schemas";

/** Inputs of the Vodacom account form (beside schemas.ts, the Daraja one's); forms import these too. */

const storefrontId = z.string().regex(/^sf_[0-9A-Za-z]+$/);
const accountId = z.string().regex(/^acct_[0-9A-Za-z]+$/, "is not a collection account id");
const MARKET_CODES = Object.keys(VODACOM_MARKETS) as [VodacomMarketCode, ...VodacomMarketCode[]];

/** Add (no accountId) or edit (accountId) a Vodacom account; on edit an empty secret keeps the stored one. */
export const saveVodacomAccountSchema = z.object({
  storefrontId,
  accountId: z.string().trim().optional().transform((v) => v || undefined).pipe(accountId.optional()),
  mode: z.enum(["TEST", "LIVE"]),
  name: z.string().trim().min(1, "Name the account (e.g. Dar es Salaam shop)").max(80),
  environment: z.enum(VODACOM_ENVIRONMENTS, { message: "Choose where the account lives" }),
  market: z.enum(MARKET_CODES, { message: "Choose the market" }).default("TZN"),
  serviceProviderCode: serviceProviderCodeSchema,
  apiKey: z.string().trim().max(200).default(""),
  // A public key is long and multi-line; its validity is checked when it is sealed.
  publicKey: z.string().trim().max(4000).default(""),
  makeDefault: z.enum(["on"]).optional().transform((v) => v === "on"),
  reason: reasonField,
}).superRefine((input, ctx) => {
  if (!input.accountId && !input.apiKey) ctx.addIssue({ code: "custom", path: ["apiKey"], message: "is required" });
  // Only the simulator publishes its key: anywhere else the market's key from the portal is needed.
  if (!input.accountId && !input.publicKey && input.environment !== "simulator") ctx.addIssue({ code: "custom", path: ["publicKey"], message: "is required (the market's public key from Vodacom's portal)" });
});
export type SaveVodacomAccountInput = z.infer<typeof saveVodacomAccountSchema>;
