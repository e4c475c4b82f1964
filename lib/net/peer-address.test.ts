import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { parseAddressList } from "@/lib/net/address-list";
import { getClientAddress, getPeerAddress, PEER_ADDRESS_HEADER, stampPeerAddress } from "@/lib/net/peer-address";

/** A request as our server hands it on: the client's headers, then the stamp. */
function req(peer: string | null, extra: Record<string, string> = {}): Request {
  const headers: IncomingHttpHeaders = { ...extra };
  if (peer !== null) stampPeerAddress(headers, peer);
  return new Request("http://x/", { headers: headers as Record<string, string> });
}
const proxies = (...entries: string[]) => parseAddressList(entries);

describe("getClientAddress", () => {
  it("ignores X-Forwarded-For from an untrusted peer", () => {
    expect(getClientAddress(req("203.0.113.9", { "x-forwarded-for": "196.201.214.200" }), proxies("10.0.0.1"))).toBe("203.0.113.9");
  });
  it("honours X-Forwarded-For from a trusted proxy, right to left, with ranges", () => {
    expect(getClientAddress(req("10.0.0.1", { "x-forwarded-for": "1.2.3.4, 196.201.214.200" }), proxies("10.0.0.1"))).toBe("196.201.214.200");
    expect(getClientAddress(req("10.0.0.1", { "x-forwarded-for": "196.201.214.200, 10.0.0.2" }), proxies("10.0.0.0/24"))).toBe("196.201.214.200");
  });
  it("unwraps IPv4-mapped IPv6 addresses", () => {
    expect(getClientAddress(req("::ffff:127.0.0.1"), proxies())).toBe("127.0.0.1");
  });
  it("has no address when the header is absent", () => {
    expect(getClientAddress(req(null, { "x-forwarded-for": "1.2.3.4" }), proxies())).toBeNull();
  });
});

describe("the peer header", () => {
  it("replaces a value the client sent", () => {
    expect(getPeerAddress(req("203.0.113.9", { [PEER_ADDRESS_HEADER]: "196.201.214.200" }))).toBe("203.0.113.9");
  });
  it("is ignored when nothing in this process stamped it (a forged header, or `next start`)", () => {
    stampPeerAddress({}, "127.0.0.1"); // this process has a proof; a client cannot know it
    for (const forged of ["196.201.214.200", "x 196.201.214.200", " 196.201.214.200"]) {
      expect(getPeerAddress(new Request("http://x/", { headers: { [PEER_ADDRESS_HEADER]: forged } }))).toBeNull();
    }
  });
});
