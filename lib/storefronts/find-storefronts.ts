import type { Db } from "@/lib/db/client";

/** Storefronts with their keys and webhook endpoints, for the admin page; secrets are never selected. */
export async function findStorefronts(db: Db) {
  return db.storefront.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true, name: true, disabled: true, createdAt: true,
      apiKeys: { orderBy: { createdAt: "desc" }, select: { id: true, mode: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } },
      webhookEndpoints: {
        orderBy: { createdAt: "asc" },
        select: { id: true, mode: true, url: true, enabled: true, failingSince: true, disabledAt: true, disabledReason: true, previousSecretExpiresAt: true, createdAt: true },
      },
      collectionAccounts: { orderBy: [{ mode: "asc" }, { createdAt: "asc" }], select: { id: true, mode: true, name: true, currency: true, isDefault: true, disabled: true } },
    },
  });
}

export type StorefrontListItem = Awaited<ReturnType<typeof findStorefronts>>[number];

/** Names for the payments table's storefront filter. */
export async function listStorefrontNames(db: Db) {
  return db.storefront.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
