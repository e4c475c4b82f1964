import { ConfigError, getEnv, SANDBOX_PASSKEY, SANDBOX_SHORTCODE, type SimulatorAccount } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { startSimulator } from "@/lib/rails/daraja/simulator/server";
import type { ShortcodeConfig } from "@/lib/rails/daraja/simulator/types";

/**
 * `npm run simulator`: the Daraja simulator as its own process, configured by the SIMULATOR_*
 * settings. It serves the sandbox paybill 174379; when the gateway is configured with a till
 * (DARAJA_TEST_TILL_NUMBER / DARAJA_LIVE_TILL_NUMBER) while using the simulator, that till is
 * registered under 174379 so Buy Goods pushes succeed too. SIMULATOR_EXTRA_ACCOUNTS adds apps and
 * shortcodes (paybills, or tills under a store number), so collection accounts with their own
 * credentials can be set up against it and told apart.
 */
const log = createLogger("simulator");

async function main(): Promise<void> {
  const env = getEnv();
  const s = env.simulator;
  const tills = [env.daraja.test, env.daraja.live].flatMap((d) => (d?.isSimulator && d.tillNumber ? [d.tillNumber] : []));
  const simulator = await startSimulator({
    host: s.host,
    port: s.port,
    shortcodes: simulatorShortcodes({ shortcode: SANDBOX_SHORTCODE, passkey: SANDBOX_PASSKEY, paybill: true, tills: [...new Set(tills)] }, s.extraAccounts),
    apps: s.extraAccounts.map((a) => ({ consumerKey: a.consumerKey, consumerSecret: a.consumerSecret })),
    callbackDelayMs: s.callbackDelayMs,
    lateCallbackDelayMs: s.lateCallbackDelayMs,
    hangMs: s.hangMs,
    pendingStyle: s.pendingStyle,
    queryTypo: s.queryTypo,
    tokenTtlSeconds: s.tokenTtlSeconds,
    numericExpiresIn: s.numericExpiresIn,
    seed: s.seed,
    chaos: s.chaos,
    manualTimeoutMs: s.manualTimeoutMs,
    customerPin: s.customerPin,
    revokeOnReissue: s.revokeOnReissue,
    ...(s.callbackOrigin ? { callbackOrigin: s.callbackOrigin } : {}),
  });
  log.info({ url: simulator.url, phonePage: `${simulator.url}/phone`, tills: tills.length }, "Daraja simulator listening");

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means "now": don't wait for a stuck close.
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "Daraja simulator stopping");
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "Daraja simulator did not stop cleanly");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** The sandbox paybill, then each extra account's shortcode: one entry per shortcode, its tills merged. */
function simulatorShortcodes(sandbox: Required<ShortcodeConfig>, extra: readonly SimulatorAccount[]): ShortcodeConfig[] {
  const byCode = new Map<string, Required<ShortcodeConfig>>([[sandbox.shortcode, sandbox]]);
  for (const a of extra) {
    const entry = byCode.get(a.shortcode) ?? { shortcode: a.shortcode, passkey: a.passkey, paybill: false, tills: [] };
    byCode.set(a.shortcode, { ...entry, paybill: entry.paybill || a.tillNumber === null, tills: a.tillNumber ? [...entry.tills, a.tillNumber] : entry.tills });
  }
  return [...byCode.values()];
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else log.error({ err: error }, "Daraja simulator failed to start");
  process.exit(1);
});
