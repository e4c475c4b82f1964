import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Mode } from "@/lib/generated/prisma/client";
import { createDarajaClient, type DarajaClient } from "@/lib/rails/daraja/client";

// One client per Daraja configuration and process, so the OAuth token cache is shared by requests.
const holder = globalThis as unknown as { __malipoDarajaClients?: Map<string, DarajaClient> };

/** The Daraja client of a payment's mode: test → env.daraja.test (sandbox or simulator), live → production. */
export function darajaClientForMode(env: Env, mode: Mode): DarajaClient {
  const config = mode === "LIVE" ? env.daraja.live : env.daraja.test;
  if (!config) {
    throw new AppError("service_unavailable", `${mode === "LIVE" ? "Live" : "Test"} payments are not configured on this gateway`);
  }
  const key = [config.mode, config.baseUrl, config.consumerKey, config.shortcode, config.tillNumber ?? "", config.timeoutMs].join("|");
  holder.__malipoDarajaClients ??= new Map();
  let client = holder.__malipoDarajaClients.get(key);
  if (!client) {
    client = createDarajaClient(config);
    holder.__malipoDarajaClients.set(key, client);
  }
  return client;
}
