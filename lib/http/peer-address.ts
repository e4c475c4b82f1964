/**
 * The address of the TCP peer of a request, as set by our web server (lib/web/server.ts), which
 * overwrites this header on every request, so a client cannot forge it. Next's own
 * X-Forwarded-For keeps whatever the client sent, so it can never be trusted by itself.
 */
export const PEER_ADDRESS_HEADER = "x-malipo-peer-address";

export function getPeerAddress(req: Request): string | null {
  const value = req.headers.get(PEER_ADDRESS_HEADER);
  return value ? normaliseAddress(value) : null;
}

/** "::ffff:127.0.0.1" → "127.0.0.1": IPv4 clients of a dual-stack socket. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}

/**
 * The client's address: the peer itself, or — only when the peer is one of our trusted proxies —
 * the nearest untrusted address in X-Forwarded-For (read right to left, as each proxy appends).
 */
export function getClientAddress(req: Request, trustedProxies: readonly string[]): string | null {
  const peer = getPeerAddress(req);
  if (!peer || !trustedProxies.includes(peer)) return peer;
  const chain = (req.headers.get("x-forwarded-for") ?? "").split(",").map((s) => normaliseAddress(s)).filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]!;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return peer;
}
