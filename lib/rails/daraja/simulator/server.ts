import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createContext } from "./context";
import { pushView, type PushView } from "./introspection";
import { transactionView } from "./ledger-introspection";
import { route } from "./router";
import type { ResolvedOptions, SimulatorOptions } from "./types";

export type { SimulatorOptions } from "./types";

export interface RunningSimulator {
  /** Base URL to use as the Daraja base URL, e.g. http://127.0.0.1:4010. */
  url: string;
  port: number;
  options: ResolvedOptions;
  /** Accepted pushes, oldest first, as /__sim/pushes shows them. */
  pushes(): PushView[];
  /** Every transaction on the simulated Utility accounts, oldest first, as /__sim/transactions shows them. */
  transactions(): ReturnType<typeof transactionView>[];
  /** The certificate whose key initiator passwords are encrypted with (GET /__sim/certificate). */
  certificatePem: string;
  /** Forgets every push, transaction and registration and stops pending callbacks (tokens stay valid). */
  reset(): Promise<void>;
  /** Stops timers and callbacks, drops open connections (hung pushes too) and stops listening. */
  close(): Promise<void>;
}

/** Starts a Daraja simulator on node:http; port 0 picks a free port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const ctx = createContext(options);
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
    pushes: () => ctx.store.all().map(pushView),
    transactions: () => ctx.ledger.transactions.all().map(transactionView),
    certificatePem: ctx.ledger.keys.certificatePem,
    async reset() {
      await ctx.scheduler.cancelAll();
      ctx.store.clear();
      ctx.ledger.clear();
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await ctx.scheduler.cancelAll();
        await stopped;
      })();
      return closing;
    },
  };
}

/** The host to put in a URL for a server bound to `host`. */
export function urlHost(host: string): string {
  // A wildcard bind is reachable on loopback; that is the address to hand to a local client.
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
