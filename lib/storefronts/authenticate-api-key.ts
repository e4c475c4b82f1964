import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Mode } from "@/lib/generated/prisma/client";
import { hashApiKey, isWellFormedApiKey, modeOfApiKey } from "@/lib/storefronts/api-key-secret";

export interface ApiAuth {
  apiKeyId: string;
  storefrontId: string;
  /** The key's mode: it decides which payments the request sees and which Daraja it reaches. */
  mode: Mode;
  /** The admin who issued the key, if known: answerable for what is asked with it. */
  issuedById: string | null;
}

// lastUsedAt is for people ("used 3 minutes ago"): one write a minute per key is plenty.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves `Authorization: Bearer sk_…` to a storefront and mode; anything else is a 401. */
export async function authenticateApiKey(db: Db, authorization: string | null, now = new Date()): Promise<ApiAuth> {
  if (!authorization?.trim()) {
    throw unauthenticated("No API key provided. Send it as Authorization: Bearer sk_test_… (or sk_live_…)");
  }
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization.trim());
  if (!match) throw unauthenticated("Malformed Authorization header. Expected: Authorization: Bearer sk_test_… (or sk_live_…)");
  const secret = match[1]!;
  if (!isWellFormedApiKey(secret)) {
    throw unauthenticated("Malformed API key. Keys are sk_test_ or sk_live_ followed by 32 letters and digits");
  }
  // The key and its storefront in one statement (Prisma's nested select sends two).
  const [key] = await db.$queryRaw<{ id: string; storefrontId: string; mode: Mode; createdById: string | null; revokedAt: Date | null; lastUsedAt: Date | null; disabled: boolean }[]>`
    SELECT k.id, k.storefront_id AS "storefrontId", k.mode::text AS mode, k.created_by_id AS "createdById", k.revoked_at AS "revokedAt",
           k.last_used_at AS "lastUsedAt", s.disabled
      FROM api_keys k JOIN storefronts s ON s.id = k.storefront_id
     WHERE k.hash = ${hashApiKey(secret)}`;
  // The mode check is belt and braces: the hash already pins the exact secret.
  if (!key || key.mode !== modeOfApiKey(secret)) throw unauthenticated("Invalid API key provided");
  if (key.revokedAt && key.revokedAt <= now) throw unauthenticated("This API key has been revoked");
  if (key.disabled) throw unauthenticated("The storefront of this API key is disabled");
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests of one key write at most once per minute between them.
    await db.apiKey.updateMany({
      where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { apiKeyId: key.id, storefrontId: key.storefrontId, mode: key.mode, issuedById: key.createdById };
}

function unauthenticated(message: string): AppError {
  return new AppError("unauthenticated", message, { headers: { "WWW-Authenticate": 'Bearer realm="malipo"' } });
}
