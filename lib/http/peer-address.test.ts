import { describe, expect, it } from "vitest";
import { getClientAddress, PEER_ADDRESS_HEADER } from "@/lib/http/peer-address";

const req = (peer: string | null, xff?: string) =>
  new Request("http://x/", { headers: { ...(peer ? { [PEER_ADDRESS_HEADER]: peer } : {}), ...(xff ? { "x-forwarded-for": xff } : {}) } });

describe("getClientAddress", () => {
  it("ignores X-Forwarded-For from an untrusted peer", () => {
    expect(getClientAddress(req("203.0.113.9", "196.201.214.200"), ["10.0.0.1"])).toBe("203.0.113.9");
  });
  it("honours X-Forwarded-For from a trusted proxy, right to left", () => {
    expect(getClientAddress(req("10.0.0.1", "1.2.3.4, 196.201.214.200"), ["10.0.0.1"])).toBe("196.201.214.200");
    expect(getClientAddress(req("10.0.0.1", "196.201.214.200, 10.0.0.2"), ["10.0.0.1", "10.0.0.2"])).toBe("196.201.214.200");
  });
  it("unwraps IPv4-mapped IPv6 addresses", () => {
    expect(getClientAddress(req("::ffff:127.0.0.1"), [])).toBe("127.0.0.1");
  });
  it("has no address when the header is absent", () => {
    expect(getClientAddress(req(null, "1.2.3.4"), [])).toBeNull();
  });
});
