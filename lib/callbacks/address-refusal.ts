/**
 * A callback refused only for its source address while its token — an HMAC only Malipo can make —
 * is valid: almost certainly a real one from Safaricom that arrived through a reverse proxy nobody
 * listed in TRUSTED_PROXIES (or from an address missing from CALLBACK_IP_ALLOWLIST). It is stored
 * whole, filed REJECTED as "refused: source address", shown to operators loudly, and an admin who
 * has checked it may accept its source and reprocess it.
 */

export interface CallbackChecks {
  outcome: string;
  ipAllowed: boolean;
  tokenValid: boolean;
}

/** Prisma `where` for these callbacks, so every list and count means the same thing. */
export const ADDRESS_REFUSAL_WHERE = { outcome: "REJECTED", ipAllowed: false, tokenValid: true } as const;

export const ADDRESS_REFUSAL_LABEL = "Refused: source address";

export function isAddressRefusal(c: CallbackChecks): boolean {
  return c.outcome === ADDRESS_REFUSAL_WHERE.outcome && !c.ipAllowed && c.tokenValid;
}

/** The reason stored on the callback; the worker files it under this when it processes it. */
export function addressRefusalReason(sourceIp: string): string {
  return `refused: source address ${sourceIp} is not on the callback allowlist, but the token is valid: probably a real callback `
    + "behind a reverse proxy (check TRUSTED_PROXIES and CALLBACK_IP_ALLOWLIST); an admin can reprocess it after checking it";
}
