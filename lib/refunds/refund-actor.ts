/** Who asks for or decides a refund: a dashboard user, or a storefront through the API. */
export interface RefundActor {
  /** The user's id; null for a storefront. */
  id: string | null;
  /** For a storefront's request: the admin who issued its API key (who holds its secret), if known. */
  keyIssuedById?: string | null;
  /** The user's e-mail, or "storefront <id>" for the API. */
  email: string;
  via: "dashboard" | "api";
}

/**
 * Four eyes: whether this user asked for the refund — themselves, or through a storefront's API key
 * they issued (they hold its secret). They may not approve or reject it; another admin does.
 */
export function askedBy(refund: { requestedById: string | null }, userId: string | null): boolean {
  // requestedById: the requester, or for a storefront's request the key's issuer (request-refund.ts).
  return refund.requestedById !== null && refund.requestedById === userId;
}
