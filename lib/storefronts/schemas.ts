import { z } from "zod";
import { reasonField } from "@/lib/users/schemas";

/** Inputs of the storefront actions; forms import these too (no "use server" here). */

const storefrontId = z.string().regex(/^sf_[0-9A-Za-z]+$/);
export const MODES = ["TEST", "LIVE"] as const;

export const createStorefrontSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80),
});

export const createApiKeySchema = z.object({
  storefrontId,
  mode: z.enum(MODES),
  name: z.string().trim().min(1, "Name the key (where it is used)").max(80),
});

export const revokeApiKeySchema = z.object({
  storefrontId,
  keyId: z.string().regex(/^key_[0-9A-Za-z]+$/),
  reason: reasonField,
});

export const setWebhookEndpointSchema = z.object({
  storefrontId,
  mode: z.enum(MODES),
  url: z
    .string()
    .trim()
    .max(2000)
    .url("Enter a URL such as https://shop.example.co.ke/malipo/webhooks")
    .refine((u) => /^https?:\/\//i.test(u), "Use an http(s) URL"),
});

export const rotateWebhookSecretSchema = z.object({
  storefrontId,
  endpointId: z.string().regex(/^we_[0-9A-Za-z]+$/),
  reason: reasonField,
});
