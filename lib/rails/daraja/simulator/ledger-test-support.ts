import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE, SIMULATOR_CONSUMER_KEY, SIMULATOR_CONSUMER_SECRET, type DarajaConfig } from "@/lib/env";
import { initiatorCredentials, type InitiatorCredentials } from "../initiator/credentials";
import { SANDBOX_INITIATOR } from "./ledger-options";
import type { RunningSimulator } from "./server";
import { waitUntil } from "./test-support";

/**
 * Helpers for tests of the ledger APIs against a running simulator: a receiver for C2B
 * validations/confirmations and initiator results that answers as told per path, the client
 * configuration for a simulator, and initiator credentials encrypted with its certificate.
 */
export interface Received {
  path: string;
  body: string;
  json: unknown;
  at: number;
}

export interface Answer {
  status?: number;
  body?: unknown;
  /** Wait this long before answering (a slow validation URL). */
  delayMs?: number;
}

export interface NotificationReceiver {
  url: string;
  received: Received[];
  /** How the receiver answers requests on `path` from now on (default 200 `{"ResultCode":0,"ResultDesc":"Accepted"}`). */
  answer(path: string, answer: Answer): void;
  on(path: string): Received[];
  /** Resolves with the requests on `path` once there are `count`; rejects after `timeoutMs`. */
  waitFor(path: string, count?: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startNotificationReceiver(): Promise<NotificationReceiver> {
  const received: Received[] = [];
  const answers = new Map<string, Answer>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "";
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      received.push({ path, body, json, at: Date.now() });
      const answer = answers.get(path) ?? {};
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(answer.body ?? { ResultCode: 0, ResultDesc: "Accepted" }));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const on = (path: string) => received.filter((r) => r.path === path);
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (path, answer) => void answers.set(path, answer),
    on,
    waitFor: (path, count = 1, timeoutMs = 5000) => waitUntil(() => (on(path).length >= count ? on(path) : null), timeoutMs),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function simulatorConfig(sim: RunningSimulator, overrides: Partial<DarajaConfig> = {}): DarajaConfig {
  return {
    mode: "test", baseUrl: sim.url, consumerKey: SIMULATOR_CONSUMER_KEY, consumerSecret: SIMULATOR_CONSUMER_SECRET,
    shortcode: SANDBOX_SHORTCODE, passkey: SANDBOX_PASSKEY, tillNumber: null, timeoutMs: 5000, isSimulator: true, ...overrides,
  };
}

/** The sandbox initiator, its password encrypted with the simulator's published certificate. */
export function simulatorInitiator(sim: RunningSimulator, password = SANDBOX_INITIATOR.password): InitiatorCredentials {
  return initiatorCredentials({ name: SANDBOX_INITIATOR.name, password, certificate: sim.certificatePem });
}
