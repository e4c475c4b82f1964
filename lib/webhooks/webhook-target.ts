import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { parseAddress } from "@/lib/net/address-list";

/**
 * Where a webhook may be sent. A webhook URL is chosen by whoever holds an admin session, and the
 * attempt log shows what the target answered, so an unchecked URL would let that person read
 * services inside our network (a database console on loopback, the cloud's metadata service).
 * Only public unicast addresses are accepted; WEBHOOK_ALLOW_PRIVATE_TARGETS opens loopback,
 * private, unique-local, link-local and CGNAT ranges for gateways whose storefronts sit on a
 * private network. Metadata services, unspecified, multicast, broadcast and reserved addresses
 * are never targets. The check runs when the URL is set and again at every send, on the addresses
 * the connection then uses (lib/webhooks/post-webhook.ts pins them), so DNS rebinding gains nothing.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** Every address a name resolves to. Injected in tests: no test may use real DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface WebhookTargetPolicy {
  allowPrivate: boolean;
  requireHttps: boolean;
  resolve?: Resolver;
}

export type TargetCheck =
  | { ok: true; url: URL; hostname: string; addresses: ResolvedAddress[] }
  | { ok: false; message: string };

// Cloud metadata and host-agent addresses: AWS/GCP/Azure IMDS, ECS tasks, AWS IPv6, Alibaba, Azure's wire server.
const METADATA_ADDRESSES = ["169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "168.63.129.16"];
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");
const PRIVATE_RANGES = new Set(["loopback", "private", "uniqueLocal", "linkLocal", "carrierGradeNat"]);
const RANGE_NAMES: Record<string, string> = {
  loopback: "a loopback", private: "a private", uniqueLocal: "a private (unique local)", linkLocal: "a link-local",
  carrierGradeNat: "a carrier-grade NAT", unspecified: "an unspecified", multicast: "a multicast", broadcast: "a broadcast",
};
const PRIVATE_HINT = "set WEBHOOK_ALLOW_PRIVATE_TARGETS=true if your storefronts are on a private network";

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** Why this address may not receive webhooks under the policy, or null when it may. */
export function blockedAddressReason(address: string, allowPrivate: boolean): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return `${address} is not an IP address`;
  const text = parsed.toString();
  if (METADATA_ADDRESSES.some((m) => ipaddr.parse(m).toString() === text)) return `${text} is a cloud metadata address, never a webhook target`;
  const range = parsed.range();
  // ::a.b.c.d (IPv4-compatible, deprecated) counts as unicast in ipaddr.js's table, yet may reach IPv4 space.
  if (range === "unicast" && parsed.kind() === "ipv6" && parsed.match(IPV4_COMPATIBLE)) return `${text} is an IPv4-compatible IPv6 address, never a webhook target`;
  if (range === "unicast") return null;
  if (PRIVATE_RANGES.has(range)) return allowPrivate ? null : `${text} is ${RANGE_NAMES[range]} address; webhooks go to public addresses only (${PRIVATE_HINT})`;
  return `${text} is ${RANGE_NAMES[range] ?? "a reserved"} address, never a webhook target`;
}

/** Checks a webhook URL: scheme, and every address its host resolves to. Never throws. */
export async function checkWebhookTarget(raw: string, policy: WebhookTargetPolicy): Promise<TargetCheck> {
  if (!URL.canParse(raw)) return { ok: false, message: "The webhook URL is not a valid URL." };
  const url = new URL(raw);
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "Webhook URLs must start with https:// (or http:// outside production)." };
  if (policy.requireHttps && url.protocol !== "https:") return { ok: false, message: "Webhook URLs must use https in production." };
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: ResolvedAddress[];
  if (parseAddress(hostname)) addresses = [{ address: hostname, family: hostname.includes(":") ? 6 : 4 }];
  else {
    try {
      addresses = await (policy.resolve ?? systemResolver)(hostname);
    } catch (error) {
      return { ok: false, message: `The webhook host ${hostname} could not be resolved (${(error as NodeJS.ErrnoException).code ?? "DNS error"}).` };
    }
    if (addresses.length === 0) return { ok: false, message: `The webhook host ${hostname} has no address.` };
  }
  // Every address: a name with one public and one internal address would otherwise reach the inside.
  for (const { address } of addresses) {
    const reason = blockedAddressReason(address, policy.allowPrivate);
    if (reason) return { ok: false, message: hostname === address ? `Refused webhook target: ${reason}.` : `Refused webhook target: ${hostname} resolves to ${reason}.` };
  }
  return { ok: true, url, hostname, addresses };
}
