import ipaddr from "ipaddr.js";

/**
 * A list of addresses and CIDR ranges (callback allowlist, trusted proxies), parsed once.
 * IPv4-mapped IPv6 addresses (`::ffff:196.201.214.200`, what a dual-stack socket reports) are
 * compared as the IPv4 address they carry, so one entry covers both spellings.
 */
export interface AddressList {
  /** The entries as configured, for messages and the README. */
  readonly entries: readonly string[];
  contains(address: string | null | undefined): boolean;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Why an entry is not an address or a range, or null when it is one. */
export function addressEntryProblem(entry: string): string | null {
  return parseEntry(entry) ? null : `"${entry}" is not an IP address or a CIDR range such as 196.201.214.0/24`;
}

/** Builds the list; throws on an entry that is neither (env validation reports those first). */
export function parseAddressList(entries: readonly string[]): AddressList {
  const ranges = entries.map((entry) => {
    const range = parseEntry(entry);
    if (!range) throw new Error(addressEntryProblem(entry)!);
    return range;
  });
  return {
    entries: [...entries],
    contains(address) {
      const parsed = parseAddress(address);
      return parsed !== null && ranges.some(([base, bits]) => parsed.kind() === base.kind() && parsed.match(base, bits));
    },
  };
}

/** A parsed address, IPv4-mapped IPv6 unwrapped to IPv4; null for anything else. */
export function parseAddress(address: string | null | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const text = address?.trim().replace(/^\[(.*)\]$/, "$1");
  if (!text || !ipaddr.isValid(text)) return null;
  // ipaddr.js also reads "127.1" and hex or octal parts; an address on the wire never looks like that.
  if (!text.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(text)) return null;
  return unwrapMapped(ipaddr.parse(text));
}

function parseEntry(entry: string): Range | null {
  const text = entry.trim();
  if (text.includes("/")) {
    const [base] = text.split("/");
    if (!ipaddr.isValidCIDR(text) || (!base!.includes(":") && !ipaddr.IPv4.isValidCIDRFourPartDecimal(text))) return null;
    const [address, bits] = ipaddr.parseCIDR(text);
    if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
    }
    return [address, bits];
  }
  const address = parseAddress(text);
  return address ? [address, address.kind() === "ipv4" ? 32 : 128] : null;
}

function unwrapMapped(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}
