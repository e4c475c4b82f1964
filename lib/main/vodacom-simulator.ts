import { createLogger } from "@/lib/logger";
import { optionsFromArgs } from "@/lib/rails/vodacom/simulator/args";
import { startVodacomSimulator } from "@/lib/rails/vodacom/simulator/server";

/**
 * `npm run simulator:vodacom [-- --port 4020 --activation-delay-ms 0 …]`: the Vodacom OpenAPI
 * simulator as its own process. Settings are command-line flags (args.ts, the module's README); it
 * prints the base URL, the API key and the public key a client needs.
 */
const log = createLogger("vodacom-simulator");

async function main(): Promise<void> {
  const simulator = await startVodacomSimulator(optionsFromArgs(process.argv.slice(2)));
  const o = simulator.options;
  log.info({ url: simulator.url, phonePage: `${simulator.url}/phone`, responseMode: o.responseMode, activationDelayMs: o.activationDelayMs }, "Vodacom simulator listening");
  // What a person needs to point a client at it; the API key is a fixed test value, not a secret.
  console.error(`Vodacom simulator on ${simulator.url} (sandbox and openapi paths, every market)
  API key:                ${o.apiKey}
  Service provider codes: ${o.serviceProviderCodes.join(", ")}
  Public key:             ${simulator.publicKey}
  Customer phone:         ${simulator.url}/phone`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means "now": don't wait for a stuck close.
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "Vodacom simulator stopping");
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "Vodacom simulator did not stop cleanly");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  log.error({ err: error }, "Vodacom simulator failed to start");
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
