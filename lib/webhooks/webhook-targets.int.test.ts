import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { insertUser } from "@/lib/testing/payment-fixtures";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createStorefront } from "@/lib/storefronts/create-storefront";
import { setWebhookEndpoint } from "@/lib/storefronts/set-webhook-endpoint";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createEndpointFixture, emitEventFixture, TEST_DATA_SECRET } from "@/lib/testing/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { dispatchWebhooks } from "@/lib/webhooks/dispatch-webhooks";
import type { Resolver } from "@/lib/webhooks/webhook-target";

/**
 * Webhook URLs that point inside the network are refused when an admin sets them and again when a
 * delivery is sent (a URL stored before this check, or a name whose DNS answer changed). Names
 * resolve through a fixed address book: no test uses real DNS.
 */
const book: Record<string, string> = { "shop.example": "93.184.215.14", "intranet.example": "10.0.0.5", "rebind.example": "127.0.0.1" };
const resolve: Resolver = async (host) => (book[host] ? [{ address: book[host]!, family: 4 }] : []);
const production = { allowPrivate: false, requireHttps: false, resolve };
const settings = { timeoutMs: 2000, maxAgeSeconds: 60, backoffBaseSeconds: 1, backoffMaxSeconds: 60, disableAfterSeconds: 3600 };

let database: TestDatabase;
let db: PrismaClient;
let receiver: WebhookReceiver;
let actor: { id: string; email: string };

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 4);
  receiver = await startWebhookReceiver();
  const admin = await insertUser(db, { role: "ADMIN" });
  actor = { id: admin.id, email: admin.email };
});
afterAll(async () => {
  await receiver?.close();
  await db?.$disconnect();
  await database?.drop();
});

const internalUrls = () => {
  const port = new URL(receiver.url).port;
  return [`http://127.0.0.1:${port}/hook`, "http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data/", `http://[::1]:${port}/hook`, "http://intranet.example/hook", `http://rebind.example:${port}/hook`];
};

describe("webhook targets", () => {
  it("refuses an internal URL when an admin sets it, saying why, and stores nothing", async () => {
    const sf = await createStorefront(db, { name: "Internal", actor });
    for (const url of internalUrls()) {
      const attempt = setWebhookEndpoint(db, { storefrontId: sf.id, mode: "TEST", url, actor, dataSecret: TEST_DATA_SECRET, targets: production });
      await expect(attempt, url).rejects.toMatchObject({ code: "validation_failed", param: "url", message: expect.stringMatching(/^Refused webhook target: .*(loopback|private|metadata)/) });
    }
    expect(await db.webhookEndpoint.count({ where: { storefrontId: sf.id } })).toBe(0);
  });

  it("accepts a public address", async () => {
    const sf = await createStorefront(db, { name: "Public", actor });
    const created = await setWebhookEndpoint(db, { storefrontId: sf.id, mode: "LIVE", url: "https://shop.example/hooks/malipo", actor, dataSecret: TEST_DATA_SECRET, targets: production });
    expect(created.secret).toMatch(/^whsec_/);
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.endpointId } })).toMatchObject({ url: "https://shop.example/hooks/malipo" });
  });

  it("refuses to send to an internal address, records why on the attempt, and never connects", async () => {
    const deliveries: string[] = [];
    for (const url of internalUrls()) {
      // Written straight to the table, as a URL stored before the check (or re-pointed by DNS) would be.
      const endpoint = await createEndpointFixture(db, { url });
      deliveries.push((await emitEventFixture(db, endpoint)).deliveryId);
    }
    const summary = await dispatchWebhooks(db, { settings, dataSecret: TEST_DATA_SECRET, targets: production, random: () => 0 });
    expect(summary.retrying).toBe(deliveries.length);
    const attempts = await db.webhookAttempt.findMany({ where: { deliveryId: { in: deliveries } } });
    expect(attempts).toHaveLength(deliveries.length);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ statusCode: null, responseExcerpt: null, error: expect.stringMatching(/^Refused webhook target: .*(loopback|private|metadata)/) });
    }
    expect(receiver.received).toHaveLength(0);
  });
});
