import { describe, expect, it } from "vitest";
import { addressEntryProblem, parseAddress, parseAddressList } from "@/lib/net/address-list";

describe("address lists", () => {
  it("matches exact addresses and CIDR ranges, IPv4 and IPv6", () => {
    const list = parseAddressList(["196.201.214.200", "10.0.0.0/8", "2001:db8::/32", "fd00::1"]);
    expect(list.contains("196.201.214.200")).toBe(true);
    expect(list.contains("196.201.214.201")).toBe(false);
    expect(list.contains("10.255.3.4")).toBe(true);
    expect(list.contains("11.0.0.1")).toBe(false);
    expect(list.contains("2001:db8:1::5")).toBe(true);
    expect(list.contains("2001:db9::5")).toBe(false);
    expect(list.contains("fd00::1")).toBe(true);
    expect(list.contains("fd00::2")).toBe(false);
  });

  it("compares an IPv4-mapped IPv6 peer as the IPv4 address it carries", () => {
    const list = parseAddressList(["196.201.214.0/24", "::ffff:10.1.0.0/112"]);
    expect(list.contains("::ffff:196.201.214.207")).toBe(true);
    expect(list.contains("10.1.2.3")).toBe(true);
  });

  it("never matches something that is not an address", () => {
    const list = parseAddressList(["0.0.0.0/0"]);
    for (const junk of [null, undefined, "", "unknown", "127.1", "0x7f000001", "1.2.3.4.5", "1.2.3.4, 5.6.7.8"]) expect(list.contains(junk)).toBe(false);
    expect(list.contains("8.8.8.8")).toBe(true);
  });

  it("names entries that are neither an address nor a range", () => {
    expect(addressEntryProblem("10.0.0.0/33")).toMatch(/not an IP address or a CIDR range/);
    expect(addressEntryProblem("safaricom.co.ke")).toMatch(/not an IP address/);
    expect(addressEntryProblem("10.0.0.0/8")).toBeNull();
    expect(addressEntryProblem("[::1]")).toBeNull();
    expect(() => parseAddressList(["nope"])).toThrow(/"nope"/);
  });

  it("reads bracketed IPv6 and unwraps mapped addresses", () => {
    expect(parseAddress("[::1]")?.toString()).toBe("::1");
    expect(parseAddress("::ffff:127.0.0.1")?.toString()).toBe("127.0.0.1");
  });
});
