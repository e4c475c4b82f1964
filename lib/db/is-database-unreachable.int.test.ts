import net from "node:net";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { isDatabaseUnreachable } from "@/lib/db/is-database-unreachable";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { freePort } from "@/lib/testing/free-port";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/** The classification the callback spool rests on, held to errors the real stack raises. */
describe("isDatabaseUnreachable", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let silent: net.Server;
  let silentUrl: string;
  const caught = async (fn: () => Promise<unknown>) => fn().then(() => { throw new Error("expected a failure"); }, (error: unknown) => error);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 2);
    // Accepts connections and never says a word: a blackholed or hung server.
    silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentUrl = `postgresql://postgres:postgres@127.0.0.1:${(silent.address() as net.AddressInfo).port}/malipo`;
  });
  afterAll(async () => {
    await db?.$disconnect();
    silent?.close();
    await database?.drop();
  });

  it("says yes when nothing listens: Prisma's P1001, and pg-boss's ECONNREFUSED", async () => {
    const url = `postgresql://postgres:postgres@127.0.0.1:${await freePort()}/malipo`;
    const dead = createPrisma(url, 1);
    const query = await caught(() => dead.callbackLog.count());
    const transaction = await caught(() => dead.$transaction(async (tx) => tx.callbackLog.count()));
    const boss = new PgBoss({ connectionString: url, supervise: false, schedule: false });
    boss.on("error", () => undefined);
    const start = await caught(() => boss.start());
    expect([query, transaction, start].map(isDatabaseUnreachable)).toEqual([true, true, true]);
    expect((query as { code: string }).code).toBe("P1001");
    await dead.$disconnect();
  });

  it("says yes when the server never answers within the connect timeout", { timeout: 30_000 }, async () => {
    const hung = createPrisma(silentUrl, 1);
    const error = await caught(() => hung.callbackLog.count());
    expect(String((error as Error).message)).toMatch(/connection timeout|Connection terminated/);
    expect(isDatabaseUnreachable(error)).toBe(true);
    await hung.$disconnect();
  });

  it("says yes when the server ends the connection mid-transaction (57P01, admin shutdown)", async () => {
    const victim = createPrisma(database.url, 1);
    const error = await caught(() => victim.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_terminate_backend(pg_backend_pid())`;
    }));
    expect(isDatabaseUnreachable(error)).toBe(true);
    await victim.$disconnect();
  });

  it("says no when PostgreSQL refuses the statement itself: a unique violation, a bad value, a bug", async () => {
    const spoolId = "11111111-1111-4111-8111-111111111111";
    const row = { spoolId, token: "t", body: "{}", headers: {}, sourceIp: "127.0.0.1", ipAllowed: true, tokenValid: true };
    await db.callbackLog.create({ data: row });
    const duplicate = await caught(() => db.callbackLog.create({ data: row }));
    const rawDuplicate = await caught(() => db.$executeRaw`INSERT INTO callback_logs (spool_id, token, body, headers, source_ip, ip_allowed, token_valid) VALUES (${spoolId}, 't', '{}', '{}', 'x', true, true)`);
    const badValue = await caught(() => db.$executeRaw`SELECT 'not a number'::int`);
    const missingTable = await caught(() => db.$executeRawUnsafe("SELECT * FROM no_such_table"));
    expect((duplicate as { code: string }).code).toBe("P2002");
    expect([duplicate, rawDuplicate, badValue, missingTable, new Error("boom"), null, "text"].map(isDatabaseUnreachable)).toEqual([false, false, false, false, false, false, false]);
  });
});
