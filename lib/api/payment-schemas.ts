import { z } from "zod";
import { PUBLIC_STATUSES, publicPaymentSchema } from "@/lib/payments/public-payment";
import { accountReferenceSchema, transactionDescSchema } from "@/lib/rails/daraja/limits";
import { RAIL_KINDS } from "@/lib/rails/rail";

/**
 * The storefront API's contract for payments: what POST /api/v1/payments accepts, what the list
 * accepts as filters, and the payment object every answer and webhook carries. Routes parse with
 * these; the OpenAPI document can be generated from them.
 */

export const METADATA_MAX_KEYS = 20;
export const METADATA_KEY_MAX_LENGTH = 40;
export const METADATA_VALUE_MAX_LENGTH = 500;
export const LIST_DEFAULT_LIMIT = 20;
export const LIST_MAX_LIMIT = 100;


const metadataValueSchema = z.union([
  // PostgreSQL's jsonb cannot hold \u0000: refused here instead of failing at insert.
  z.string().max(METADATA_VALUE_MAX_LENGTH, `must be at most ${METADATA_VALUE_MAX_LENGTH} characters`).refine((v) => !v.includes("\u0000"), "must not contain NUL characters"),
  z.number().finite(),
  z.boolean(),
], { message: "must be a string, a number or a boolean" });

/** A small flat object: at most 20 keys of ≤ 40 characters, each a short string, a number or a boolean. */
export const metadataSchema = z
  .record(
    z.string().min(1, "keys must not be empty").max(METADATA_KEY_MAX_LENGTH, `keys must be at most ${METADATA_KEY_MAX_LENGTH} characters`)
      .regex(/^[A-Za-z0-9_.-]+$/, "keys may only contain letters, digits, _ . and -"),
    metadataValueSchema,
  )
  .refine((value) => Object.keys(value).length <= METADATA_MAX_KEYS, `must have at most ${METADATA_MAX_KEYS} keys`);

export type PaymentMetadata = z.infer<typeof metadataSchema>;

// Storefronts often keep phone numbers as numbers; the text form is what gets validated, by the
// rules of the rail the number's country chooses (lib/collection-accounts/route-payment.ts).
const phoneInputSchema = z.union([z.string(), z.number().int().nonnegative()], { message: "Phone number is required" })
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, "Phone number is required").max(32, "Phone number is too long"));

/** In the currency's minor unit as M-Pesa uses it (whole shillings for KES and TZS): never a fraction. */
const amountInputSchema = z
  .number({ message: "Amount must be a number in the currency's smallest unit M-Pesa uses (whole shillings for KES and TZS)" })
  .int("Amount must be a whole number (whole shillings for KES and TZS: M-Pesa has no cents)")
  .min(1, "Amount must be at least 1");

export const createPaymentSchema = z.strictObject({
  amount: amountInputSchema,
  phone: phoneInputSchema,
  reference: accountReferenceSchema,
  description: transactionDescSchema.nullish().transform((v) => v ?? undefined),
  metadata: metadataSchema.nullish().transform((v) => v ?? undefined),
  collection_account: z.string().trim().regex(/^acct_[0-9A-Za-z]{1,64}$/, "must be a collection account id (acct_…)").nullish().transform((v) => v ?? undefined),
  /** Which provider: absent, the phone number's country chooses among the storefront's accounts. */
  rail: z.enum(RAIL_KINDS, { message: `must be one of ${RAIL_KINDS.join(", ")}` })
    .describe("The rail to charge on: `daraja_stk` (M-Pesa Kenya) or `vodacom_c2b` (Vodacom M-Pesa, Tanzania). Absent: the phone number's country chooses.")
    .nullish().transform((v) => v ?? undefined),
  /** If given, must be the chosen account's currency (an unknown one is refused): it never converts. */
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code such as KES or TZS")
    .describe("ISO 4217 code of `amount`. Optional: it must be the chosen account's currency (it also chooses among rails); an unknown or other currency is a 422.")
    .transform((v) => v.toUpperCase()).nullish().transform((v) => v ?? undefined),
});

/** A validated create request; description, metadata, account, rail and currency may be left out. */
export type CreatePaymentInput = Omit<z.output<typeof createPaymentSchema>, "description" | "metadata" | "collection_account" | "rail" | "currency"> & {
  description?: string;
  metadata?: PaymentMetadata;
  collection_account?: string;
  rail?: (typeof RAIL_KINDS)[number];
  currency?: string;
};

/** ISO 8601 (a date or a date-time) or Unix seconds. */
const instantSchema = z.string().trim().transform((value, ctx) => {
  const date = /^\d{1,12}$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (value === "" || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 date-time or Unix seconds" });
    return z.NEVER;
  }
  return date;
});

export const listPaymentsQuerySchema = z
  .strictObject({
    status: z.enum(PUBLIC_STATUSES, { message: `must be one of ${PUBLIC_STATUSES.join(", ")}` }).optional(),
    "created[gte]": instantSchema.optional(),
    "created[gt]": instantSchema.optional(),
    "created[lte]": instantSchema.optional(),
    "created[lt]": instantSchema.optional(),
    // Plain aliases of created[gte] / created[lte] for clients that cannot send brackets.
    created_from: instantSchema.optional(),
    created_to: instantSchema.optional(),
    reference: z.string().trim().min(1).max(64).optional(),
    limit: z.coerce.number({ message: "must be a number" }).int("must be a whole number")
      .min(1, "must be at least 1").max(LIST_MAX_LIMIT, `must be at most ${LIST_MAX_LIMIT}`).default(LIST_DEFAULT_LIMIT),
    starting_after: z.string().trim().min(1).max(64).optional(),
  })
  .transform((q) => ({
    status: q.status,
    createdGte: latest(q["created[gte]"], q.created_from),
    createdGt: q["created[gt]"],
    createdLte: earliest(q["created[lte]"], q.created_to),
    createdLt: q["created[lt]"],
    reference: q.reference,
    limit: q.limit,
    startingAfter: q.starting_after,
  }));

export type ListPaymentsQuery = z.output<typeof listPaymentsQuerySchema>;



export const paymentListSchema = z.object({
  object: z.literal("list"),
  data: z.array(publicPaymentSchema),
  has_more: z.boolean(),
});

export type PaymentList = z.infer<typeof paymentListSchema>;

function latest(a?: Date, b?: Date): Date | undefined {
  return a && b ? (a > b ? a : b) : (a ?? b);
}

function earliest(a?: Date, b?: Date): Date | undefined {
  return a && b ? (a < b ? a : b) : (a ?? b);
}
