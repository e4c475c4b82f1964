import { z } from "zod";

/** Inputs of the endpoint tools on the Storefronts page; forms import these too (no "use server" here). */

export const sendTestEventSchema = z.object({
  storefrontId: z.string().regex(/^sf_[0-9A-Za-z]+$/),
  endpointId: z.string().regex(/^we_[0-9A-Za-z]+$/),
});

const DELIVERY_FILTERS = ["all", "pending", "succeeded", "failed"] as const;
export const DELIVERY_LOG_PAGE_SIZE = 25;

/** The delivery log's URL state: `?status=failed&page=2`; bad values fall back to the defaults. */
export const deliveryLogSearchParams = z.object({
  status: z.enum(DELIVERY_FILTERS).catch("all"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type DeliveryLogParams = z.infer<typeof deliveryLogSearchParams>;
