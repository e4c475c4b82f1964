"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { createStorefront } from "@/lib/storefronts/create-storefront";
import { issueApiKey } from "@/lib/storefronts/issue-api-key";
import { revokeApiKey } from "@/lib/storefronts/revoke-api-key";
import {
  createApiKeySchema, createStorefrontSchema, revokeApiKeySchema, rotateWebhookSecretSchema, setWebhookEndpointSchema,
} from "@/lib/storefronts/schemas";
import { setWebhookEndpoint } from "@/lib/storefronts/set-webhook-endpoint";
import { rotateEndpointSecret } from "@/lib/webhooks/endpoint-secrets";
import { formatEat } from "@/lib/time/eat";

/** Secrets travel back in `data.secret` for the single time they are shown. */
type SecretData = { secret: string };

export const createStorefrontAction = createAction({ name: "storefronts.create", schema: createStorefrontSchema, auth: "admin" }, async (input, { user, address }) => {
  const storefront = await createStorefront(getDb(), { name: input.name, actor: user, ip: address });
  revalidatePath("/storefronts");
  return { status: "success", message: `Created storefront ${storefront.name}.` };
});

export const createApiKeyAction = createAction<typeof createApiKeySchema, SecretData>(
  { name: "storefronts.create_api_key", schema: createApiKeySchema, auth: "admin" },
  async (input, { user, address }) => {
    const { key, secret } = await issueApiKey(getDb(), { ...input, actor: user, ip: address });
    revalidatePath("/storefronts");
    return { status: "success", message: `Created ${key.mode.toLowerCase()} key "${key.name}". Copy it now: it is not shown again.`, data: { secret } };
  },
);

export const revokeApiKeyAction = createAction({ name: "storefronts.revoke_api_key", schema: revokeApiKeySchema, auth: "admin" }, async (input, { user, address }) => {
  await revokeApiKey(getDb(), { ...input, actor: user, ip: address });
  revalidatePath("/storefronts");
  return { status: "success", message: "Key revoked. Requests using it are refused from now on." };
});

export const setWebhookEndpointAction = createAction<typeof setWebhookEndpointSchema, SecretData>(
  { name: "storefronts.set_webhook_endpoint", schema: setWebhookEndpointSchema, auth: "admin" },
  async (input, { user, address }) => {
    const env = getEnv();
    const result = await setWebhookEndpoint(getDb(), { ...input, actor: user, ip: address, dataSecret: env.secrets.data, targets: env.webhooks.targets });
    revalidatePath("/storefronts");
    if (!result.secret) return { status: "success", message: "Webhook URL updated." };
    return { status: "success", message: "Webhook endpoint created. Copy its signing secret now: it is not shown again.", data: { secret: result.secret } };
  },
);

export const rotateWebhookSecretAction = createAction<typeof rotateWebhookSecretSchema, SecretData>(
  { name: "storefronts.rotate_webhook_secret", schema: rotateWebhookSecretSchema, auth: "admin" },
  async (input, { user, address }) => {
    const env = getEnv();
    const { secret, previousValidUntil } = await rotateEndpointSecret(getDb(), {
      ...input, actor: user, ip: address, dataSecret: env.secrets.data, graceSeconds: env.webhooks.secretGraceSeconds,
    });
    revalidatePath("/storefronts");
    return {
      status: "success",
      message: `New signing secret created. The old one stays valid until ${formatEat(previousValidUntil)} EAT. Copy the new one now: it is not shown again.`,
      data: { secret },
    };
  },
);
