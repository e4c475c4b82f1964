/** Who asks for or decides a refund: a dashboard user, or a storefront through the API. */
export interface RefundActor {
  /** The user's id; null for a storefront. */
  id: string | null;
  /** The user's e-mail, or "storefront <id>" for the API. */
  email: string;
  via: "dashboard" | "api";
}
