import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressList } from "@/lib/net/address-list";
import { parseAddress } from "@/lib/net/address-list";

/**
 * The address of a request's TCP peer, handed from our Node server (lib/web/serve-web.ts) to the
 * route code that Next runs in the same process. Next keeps every client-sent header, so the value
 * carries a proof: a random key made once per process and never sent anywhere. A header a client
 * wrote, or any start other than our server's (`next start`), carries no valid proof and is ignored:
 * then there is no peer address, and the callback allowlist refuses instead of trusting a forgery.
 */
export const PEER_ADDRESS_HEADER = "x-malipo-peer-address";

// On globalThis: the server and Next's bundled copy of this module are two module instances.
const PROOF_KEY = Symbol.for("malipo.peer-address-proof");
type ProofHolder = { [PROOF_KEY]?: string };

function processProof(): string {
  const holder = globalThis as ProofHolder;
  holder[PROOF_KEY] ??= randomBytes(24).toString("base64url");
  return holder[PROOF_KEY];
}

/** Drops whatever the client sent under our header and records the real peer, with this process's proof. */
export function stampPeerAddress(headers: IncomingHttpHeaders, remoteAddress: string | undefined): void {
  delete headers[PEER_ADDRESS_HEADER];
  headers[PEER_ADDRESS_HEADER] = `${processProof()} ${remoteAddress ?? ""}`;
}

/** The peer recorded by stampPeerAddress in this process, or null (absent, forged, or another start). */
export function getPeerAddress(req: Request): string | null {
  const value = req.headers.get(PEER_ADDRESS_HEADER);
  const holder = globalThis as ProofHolder;
  if (!value || !holder[PROOF_KEY]) return null;
  const [proof = "", address = ""] = value.split(" ", 2);
  const expected = Buffer.from(holder[PROOF_KEY]);
  const given = Buffer.from(proof);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return address ? normaliseAddress(address) : null;
}

/** "::ffff:127.0.0.1" → "127.0.0.1" (IPv4 clients of a dual-stack socket); other text as it is. */
export function normaliseAddress(address: string): string {
  return parseAddress(address)?.toString() ?? address.trim();
}

/**
 * The client's address: the peer itself, or — only when the peer is one of our trusted proxies —
 * the nearest untrusted address in X-Forwarded-For (read right to left, as each proxy appends).
 */
export function getClientAddress(req: Request, trustedProxies: AddressList): string | null {
  const peer = getPeerAddress(req);
  if (!peer || !trustedProxies.contains(peer)) return peer;
  const chain = (req.headers.get("x-forwarded-for") ?? "").split(",").map((s) => normaliseAddress(s)).filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]!;
    if (!trustedProxies.contains(hop)) return hop;
  }
  return peer;
}
