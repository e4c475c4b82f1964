/** Who asks for or decides a refund: a dashboard user, or a storefront through the API. */
export interface RefundActor {
  /** The user's id; for a storefront, the admin who issued its API key (null if unknown). */
  id: string | null;
  /** The user's e-mail, or "storefront <id>" for the API. */
  email: string;
  via: "dashboard" | "api";
}

/**
 * Four eyes: whether this user asked for the refund — themselves, or through a storefront's API key
 * they issued (they hold its secret). They may not approve or reject it; another admin does.
 */
export function askedBy(refund: { requestedById: string | null }, userId: string | null): boolean {
  return refund.requestedById !== null && refund.requestedById === userId;
}
