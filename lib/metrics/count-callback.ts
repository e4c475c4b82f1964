import { getProcessMetrics } from "@/lib/metrics/process-metrics";

/** The verdicts of lib/callbacks/receive-callback.ts, named here so metrics depends on no domain. */
export type CallbackVerdictKind = "accepted" | "spooled" | keyof typeof REFUSAL_REASONS | "error";

const REFUSAL_REASONS = { address_rejected: "source_address", token_rejected: "invalid_token", too_large: "too_large" } as const;

/**
 * Starts timing one callback request; call the returned function with its verdict ("error" when
 * none came) just before answering. In memory only, so the acknowledgement is not slowed.
 */
export function startCallbackClock(): (verdict: CallbackVerdictKind) => void {
  const started = performance.now();
  return (verdict) => {
    const metrics = getProcessMetrics();
    metrics.callbacksReceived.inc();
    let outcome: "accepted" | "spooled" | "refused" | "error" = "error";
    if (verdict === "accepted" || verdict === "spooled") outcome = verdict;
    else if (verdict !== "error") {
      outcome = "refused";
      metrics.callbacksRefused.inc({ reason: REFUSAL_REASONS[verdict] });
    }
    if (verdict === "spooled") metrics.callbacksSpooled.inc();
    metrics.callbackAckSeconds.observe({ outcome }, (performance.now() - started) / 1000);
  };
}
