import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { apiKeyDisplayPrefix, generateApiKeySecret, hashApiKey, type KeyMode } from "@/lib/storefronts/api-key-secret";

export interface CreateApiKeyOptions {
  storefrontId: string;
  mode: KeyMode;
  name: string;
  /** The admin issuing it; none for the demo seed's key. */
  createdById?: string | null;
  /** Only for the demo seed, whose key must be the same at every start. */
  secret?: string;
}

/** Creates a key and returns its secret: the only time the secret exists outside the caller. */
export async function createApiKey(db: Db, { storefrontId, mode, name, createdById = null, secret }: CreateApiKeyOptions) {
  const value = secret ?? generateApiKeySecret(mode);
  const key = await db.apiKey.create({
    data: { id: createId("key"), storefrontId, mode, name, createdById, prefix: apiKeyDisplayPrefix(value), hash: hashApiKey(value) },
  });
  return { key, secret: value };
}
