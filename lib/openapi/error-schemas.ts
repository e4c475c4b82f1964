import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { publicPaymentSchema } from "@/lib/payments/public-payment";

/**
 * The error contract as a schema, derived from lib/errors.ts's table so the document lists exactly
 * the codes and types AppError can produce. `param` names the request field at fault, when one is.
 */

const codes = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];
const types = [...new Set(Object.values(ERROR_CODES).map((c) => c.type))] as [string, ...string[]];

const errorFields = {
  type: z.enum(types).describe("The family of the error; branch on `code` for specifics."),
  code: z.enum(codes).describe("Stable machine-readable reason."),
  message: z.string().describe("For people: what went wrong and what to do. Wording may change."),
  param: z.string().optional().describe("The request field (or header) at fault, when there is one."),
};

export const apiErrorSchema = z.object({ error: z.object(errorFields) });

/** Codes whose answer also carries the payment that was recorded (and failed) for the request. */
export const PAYMENT_ERROR_CODES: readonly ErrorCode[] = ["mpesa_rejected", "mpesa_unavailable"];

export const paymentErrorSchema = z.object({
  error: z.object({
    ...errorFields,
    payment_id: z.string().optional().describe("The payment kept, as FAILED, for this request (mpesa_rejected, mpesa_unavailable)."),
    payment: publicPaymentSchema.optional(),
  }),
});
