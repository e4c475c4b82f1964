import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { urlHost } from "@/lib/rails/daraja/simulator/server";
import { createContext } from "./context";
import { generateSimulatorKeys, importSimulatorKeys } from "./keys";
import { abandonAll } from "./lifecycle";
import { resolveOptions } from "./options";
import { resetSimulator, transactionView, type TransactionView } from "./introspection";
import { route } from "./router";
import type { ResolvedOptions, VodacomSimulatorOptions } from "./types";

export type { VodacomSimulatorOptions } from "./types";

export interface RunningVodacomSimulator {
  /** The base URL to configure the client with, e.g. http://127.0.0.1:4020. */
  url: string;
  port: number;
  options: ResolvedOptions;
  /** The public key (base64 DER SPKI) to configure the client with. */
  publicKey: string;
  /** Payments and reversals, oldest first, as /__sim/transactions shows them. */
  transactions(): TransactionView[];
  /** How many sessions getSession has issued. */
  sessionsIssued(): number;
  /** Ends every session now. */
  expireSessions(): number;
  /** Forgets every transaction and stops pending work (sessions stay valid). */
  reset(): Promise<void>;
  /** Stops timers and result deliveries, drops open connections (held payments too) and stops listening. */
  close(): Promise<void>;
}

/** Starts a Vodacom OpenAPI simulator on node:http with a fresh RSA key pair; port 0 picks a free port. */
export async function startVodacomSimulator(options: VodacomSimulatorOptions = {}): Promise<RunningVodacomSimulator> {
  const keys = options.keyPair ? importSimulatorKeys(options.keyPair) : await generateSimulatorKeys(resolveOptions(options).keyBits);
  const ctx = createContext(options, keys);
  const server = createServer((req, res) => void route(ctx, req, res));
  // Callers poll and keep connections alive; don't let idle sockets hold close() up.
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(ctx.options.port, ctx.options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = urlHost(ctx.options.host);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    options: ctx.options,
    publicKey: keys.publicKeyBase64,
    transactions: () => ctx.store.all().map((r) => transactionView(ctx, r)),
    sessionsIssued: () => ctx.sessions.issued(),
    expireSessions: () => ctx.sessions.expireAll(),
    reset: () => resetSimulator(ctx),
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        abandonAll(ctx);
        await ctx.scheduler.cancelAll();
        await stopped;
      })();
      return closing;
    },
  };
}
