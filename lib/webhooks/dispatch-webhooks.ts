import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { WebhookEndpoint, WebhookEvent } from "@/lib/generated/prisma/client";
import { createLogger, type Logger } from "@/lib/logger";
import { getProcessMetrics } from "@/lib/metrics/process-metrics";
import { claimDueDeliveries, type ClaimedDelivery } from "@/lib/webhooks/claim-due-deliveries";
import { activeSigningSecrets } from "@/lib/webhooks/endpoint-secrets";
import { markEndpointFailing, markEndpointHealthy } from "@/lib/webhooks/endpoint-health";
import { postWebhook, type PostWebhookOutcome } from "@/lib/webhooks/post-webhook";
import { recordDeliveryAttempt, type DeliveryResult } from "@/lib/webhooks/record-delivery-attempt";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signPayload } from "@/lib/webhooks/sign-payload";
import { sweepUndeliverable } from "@/lib/webhooks/sweep-undeliverable";
import type { WebhookTargetPolicy } from "@/lib/webhooks/webhook-target";

export const WEBHOOK_USER_AGENT = "Malipo-Webhooks/1.0";
// Claims outlive the HTTP timeout by this much, to cover signing and recording the attempt.
const LEASE_MARGIN_MS = 60_000;
// A disabled endpoint's backlog is looked at once a minute, not every second.
const PARK_DISABLED_MS = 60_000;

export interface DispatchWebhooksOptions {
  settings: Pick<Env["webhooks"], "timeoutMs" | "maxAgeSeconds" | "backoffBaseSeconds" | "backoffMaxSeconds" | "disableAfterSeconds">;
  /** DATA_SECRET, which the endpoints' signing secrets are encrypted under. */
  dataSecret: string;
  /** Which addresses webhooks may go to, checked again at every send. */
  targets: WebhookTargetPolicy;
  batchSize?: number;
  /** Stop claiming new batches after this long; the next run carries on. */
  budgetMs?: number;
  /** How long deliveries to a disabled endpoint wait before they are looked at again. */
  parkDisabledMs?: number;
  signal?: AbortSignal;
  random?: () => number;
  clock?: () => Date;
  logger?: Logger;
}

export type DispatchSummary = Record<DeliveryResult, number> & { expired: number; parked: number; endpointsDisabled: number };

/**
 * One dispatcher run (the `webhooks.dispatch` job, every second on every worker): fail what ran
 * out of time, then claim due deliveries in batches and send each batch concurrently. Any number of
 * runs may overlap; the claim guarantees that no delivery is sent by two of them at once.
 */
export async function dispatchWebhooks(db: Db, options: DispatchWebhooksOptions): Promise<DispatchSummary> {
  const { settings, batchSize = 25, budgetMs = 20_000, parkDisabledMs = PARK_DISABLED_MS, signal, clock = () => new Date() } = options;
  const log = options.logger ?? createLogger("webhooks");
  const summary: DispatchSummary = { succeeded: 0, retrying: 0, failed: 0, superseded: 0, expired: 0, parked: 0, endpointsDisabled: 0 };
  const horizonStart = () => new Date(clock().getTime() - settings.maxAgeSeconds * 1000);
  Object.assign(summary, await sweepUndeliverable(db, { now: clock(), horizonStart: horizonStart(), parkMs: parkDisabledMs }));

  const started = Date.now();
  while (!signal?.aborted && Date.now() - started < budgetMs) {
    const claims = await claimDueDeliveries(db, { now: clock(), limit: batchSize, leaseMs: settings.timeoutMs + LEASE_MARGIN_MS, horizonStart: horizonStart() });
    if (claims.length === 0) break;
    const [events, endpoints] = await Promise.all([
      db.webhookEvent.findMany({ where: { id: { in: claims.map((c) => c.eventId) } } }),
      db.webhookEndpoint.findMany({ where: { id: { in: claims.map((c) => c.endpointId) } } }),
    ]);
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const eventMap = byId(events);
    const endpointMap = byId(endpoints);
    const results = await Promise.all(
      claims.map((claim) => deliverOne(db, claim, eventMap.get(claim.eventId)!, endpointMap.get(claim.endpointId)!, options, log)),
    );
    for (const r of results) {
      if (r.result) summary[r.result] += 1;
      if (r.result) getProcessMetrics().webhookAttempts.inc({ result: r.result });
      if (r.disabled) summary.endpointsDisabled += 1;
    }
    if (claims.length < batchSize) break;
  }
  return summary;
}

async function deliverOne(
  db: Db,
  claim: ClaimedDelivery,
  event: WebhookEvent,
  endpoint: WebhookEndpoint,
  { settings, dataSecret, targets, random, clock = () => new Date() }: DispatchWebhooksOptions,
  parent: Logger,
): Promise<{ result: DeliveryResult | null; disabled: boolean }> {
  // The URL's path or query may carry a storefront's own token: log only the host.
  const log = parent.child({ deliveryId: claim.id, eventId: event.id, endpointId: endpoint.id, host: safeHost(endpoint.url), attempt: claim.attemptNumber });
  const requestedAt = clock();
  const outcome = await send(event, endpoint, { dataSecret, targets, timeoutMs: settings.timeoutMs, now: requestedAt }, log);
  try {
    const now = clock();
    const result = await recordDeliveryAttempt(db, { claim, outcome, requestedAt, now, settings, random });
    let disabled = false;
    if (outcome.ok) await markEndpointHealthy(db, endpoint.id);
    else {
      const lastFailure = outcome.statusCode ? `HTTP ${outcome.statusCode}` : (outcome.error ?? "no answer");
      disabled = await markEndpointFailing(db, { endpointId: endpoint.id, now, disableAfterSeconds: settings.disableAfterSeconds, lastFailure });
      if (disabled) log.warn({ storefrontId: endpoint.storefrontId }, "webhook endpoint disabled after failing continuously");
    }
    const line = { result, statusCode: outcome.statusCode, latencyMs: outcome.latencyMs, error: outcome.error };
    if (outcome.ok) log.debug(line, "webhook delivered");
    else log.info(line, "webhook attempt failed");
    return { result, disabled };
  } catch (error) {
    // The claim's lease makes the delivery due again: a repeat, never a loss.
    log.error({ err: error }, "could not record a webhook attempt; it will be retried after its lease");
    return { result: null, disabled: false };
  }
}

interface SendOptions {
  dataSecret: string;
  targets: WebhookTargetPolicy;
  timeoutMs: number;
  now: Date;
}

async function send(event: WebhookEvent, endpoint: WebhookEndpoint, { dataSecret, targets, timeoutMs, now }: SendOptions, log: Logger): Promise<PostWebhookOutcome> {
  let secrets: string[];
  try {
    secrets = activeSigningSecrets(endpoint, dataSecret, now);
  } catch (error) {
    // Never send unsigned: record the failure so it shows in the dashboard and is retried.
    log.error({ err: error }, "cannot decrypt the endpoint's signing secret");
    return { ok: false, statusCode: null, latencyMs: 0, responseExcerpt: null, error: "signing secret could not be decrypted (has DATA_SECRET changed?)" };
  }
  const body = JSON.stringify(event.payload);
  const headers = {
    "Content-Type": "application/json",
    "User-Agent": WEBHOOK_USER_AGENT,
    [SIGNATURE_HEADER]: signPayload({ payload: body, secrets, timestamp: Math.floor(now.getTime() / 1000) }),
    [EVENT_ID_HEADER]: event.id,
  };
  return postWebhook({ url: endpoint.url, body, headers, timeoutMs, targets });
}

function safeHost(url: string): string {
  return URL.canParse(url) ? new URL(url).host : "invalid-url";
}
