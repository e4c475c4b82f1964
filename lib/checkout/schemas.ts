import { z } from "zod";
import { accountReferenceSchema, amountSchema, phoneSchema, transactionDescSchema } from "@/lib/rails/daraja/limits";
import { returnUrlInputSchema } from "@/lib/checkout/return-url";

/** A session is open for 30 minutes unless the storefront says otherwise; between 1 minute and 24 hours. */
export const SESSION_DEFAULT_SECONDS = 30 * 60;
export const SESSION_MIN_SECONDS = 60;
export const SESSION_MAX_SECONDS = 24 * 3600;

const optionalText = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/** POST /api/v1/checkout/sessions: Stripe's shape where it has one (expires_at in Unix seconds). */
export const createCheckoutSessionSchema = z.strictObject({
  amount: amountSchema,
  reference: accountReferenceSchema,
  description: optionalText(transactionDescSchema),
  return_url: returnUrlInputSchema,
  cancel_url: optionalText(returnUrlInputSchema),
  phone: optionalText(z.union([z.string(), z.number().int().nonnegative()]).transform(String).pipe(phoneSchema)),
  expires_at: optionalText(z.number({ message: "must be Unix seconds" }).int("must be whole Unix seconds")),
});

export type CreateCheckoutSessionInput = z.output<typeof createCheckoutSessionSchema>;

/** The customer's form on /pay/<token>: the number, in any common Kenyan format. */
export const payFormSchema = z.object({ phone: phoneSchema });

// A form sends every field as text; an empty one means "not given".
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const formAmount = z.preprocess((v) => (blank(v) === undefined ? undefined : Number(v)), amountSchema.optional());
const formText = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

/** A payment link as an admin sets it up in the dashboard's form. */
export const paymentLinkInputSchema = z
  .object({
    storefrontId: z.string().min(1),
    mode: z.enum(["TEST", "LIVE"], { message: "Choose test or live" }),
    title: z.string().trim().min(1, "Title is required").max(80, "Title must be at most 80 characters"),
    description: formText(transactionDescSchema),
    amount: formAmount,
    minAmount: formAmount,
    maxAmount: formAmount,
    referencePrefix: z.string().trim().regex(/^[A-Za-z0-9]{1,6}$/, "Reference prefix must be 1 to 6 letters or digits").transform((v) => v.toUpperCase()),
    returnUrl: formText(returnUrlInputSchema),
    cancelUrl: formText(returnUrlInputSchema),
  })
  .refine((v) => v.amount !== undefined || (v.minAmount !== undefined && v.maxAmount !== undefined), { message: "Give a fixed amount, or a minimum and a maximum", path: ["amount"] })
  .refine((v) => v.amount !== undefined || v.minAmount! <= v.maxAmount!, { message: "The minimum must not be above the maximum", path: ["minAmount"] });

/** Turning a link on or off. */
export const paymentLinkToggleSchema = z.object({ storefrontId: z.string().min(1), linkId: z.string().min(1), active: z.enum(["true", "false"]).transform((v) => v === "true") });

export type PaymentLinkInput = z.output<typeof paymentLinkInputSchema>;

/** What the customer enters on an open-amount link's page. */
export const linkAmountSchema = z.coerce.number({ message: "Enter an amount" }).pipe(amountSchema);
