import { describe, expect, it } from "vitest";
import { blockedAddressReason, checkWebhookTarget, type Resolver } from "@/lib/webhooks/webhook-target";

// A fixed address book instead of DNS: no test may use real DNS or reach the internet.
const names: Record<string, string[]> = {
  "shop.example": ["93.184.215.14"],
  "loopback.example": ["127.0.0.1"],
  "internal.example": ["10.0.0.5"],
  "metadata.example": ["169.254.169.254"],
  "v6loop.example": ["::1"],
  "mixed.example": ["93.184.215.14", "10.0.0.5"],
};
const resolve: Resolver = async (host) => {
  const found = names[host];
  if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};
const strict = { allowPrivate: false, requireHttps: false, resolve };
const check = (url: string, policy = strict) => checkWebhookTarget(url, policy);

describe("webhook targets", () => {
  it.each([
    ["http://127.0.0.1:8080/hook", /127\.0\.0\.1 is a loopback address; webhooks go to public addresses only/],
    ["http://10.0.0.5/hook", /10\.0\.0\.5 is a private address/],
    ["http://169.254.169.254/latest/meta-data/", /169\.254\.169\.254 is a cloud metadata address, never a webhook target/],
    ["http://[::1]:3000/hook", /::1 is a loopback address/],
    ["http://[::ffff:127.0.0.1]/hook", /127\.0\.0\.1 is a loopback address/],
    ["http://0x7f.1/hook", /127\.0\.0\.1 is a loopback address/],
    ["http://100.64.0.9/", /carrier-grade NAT/],
    ["http://0.0.0.0/", /unspecified address, never a webhook target/],
    ["http://224.0.0.1/", /multicast address, never/],
    ["http://[fd00:ec2::254]/", /cloud metadata/],
    ["http://[::7f00:1]/", /IPv4-compatible/],
    ["http://loopback.example/hook", /loopback\.example resolves to 127\.0\.0\.1 is a loopback address/],
    ["http://internal.example/hook", /internal\.example resolves to 10\.0\.0\.5 is a private address/],
    ["http://metadata.example/", /resolves to 169\.254\.169\.254 is a cloud metadata address/],
    ["http://v6loop.example/", /resolves to ::1 is a loopback address/],
    ["http://mixed.example/", /resolves to 10\.0\.0\.5 is a private address/],
  ])("refuses %s with a clear message", async (url, message) => {
    const result = await check(url);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toMatch(message);
    expect(result.ok ? "" : result.message).toMatch(/^Refused webhook target: /);
  });

  it("accepts a public address, by literal or by name, and says which addresses it checked", async () => {
    expect(await check("https://93.184.215.14/hook")).toMatchObject({ ok: true, addresses: [{ address: "93.184.215.14", family: 4 }] });
    expect(await check("https://shop.example/hook")).toMatchObject({ ok: true, hostname: "shop.example", addresses: [{ address: "93.184.215.14", family: 4 }] });
    expect(await check("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/")).toMatchObject({ ok: true });
  });

  it("opens private networks only when allowed, and never the metadata service or multicast", async () => {
    const open = { ...strict, allowPrivate: true };
    for (const url of ["http://127.0.0.1:8080/", "http://10.0.0.5/", "http://[::1]/", "http://internal.example/", "http://192.168.1.10/"]) {
      expect((await check(url, open)).ok, url).toBe(true);
    }
    for (const url of ["http://169.254.169.254/", "http://metadata.example/", "http://224.0.0.1/", "http://0.0.0.0/"]) {
      expect((await check(url, open)).ok, url).toBe(false);
    }
  });

  it("requires https when told, and refuses what is not a web URL or has no address", async () => {
    expect(await check("http://shop.example/", { ...strict, requireHttps: true })).toEqual({ ok: false, message: "Webhook URLs must use https in production." });
    expect((await check("ftp://shop.example/")).ok).toBe(false);
    expect((await check("not a url")).ok).toBe(false);
    expect(await check("https://nowhere.example/")).toEqual({ ok: false, message: "The webhook host nowhere.example could not be resolved (ENOTFOUND)." });
  });

  it("classifies addresses", () => {
    expect(blockedAddressReason("8.8.8.8", false)).toBeNull();
    expect(blockedAddressReason("172.16.3.4", false)).toMatch(/private/);
    expect(blockedAddressReason("fe80::1", false)).toMatch(/link-local/);
    expect(blockedAddressReason("fc00::1", true)).toBeNull();
    expect(blockedAddressReason("198.51.100.1", true)).toMatch(/reserved/);
    expect(blockedAddressReason("168.63.129.16", true)).toMatch(/metadata/);
  });
});
