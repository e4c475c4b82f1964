import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ADDRESS_REFUSAL_LABEL, isAddressRefusal, type CallbackChecks } from "@/lib/callbacks/address-refusal";

const STATUS: Record<string, { tone: BadgeTone; label: string }> = {
  INITIATING: { tone: "blue", label: "Initiating" },
  PENDING: { tone: "blue", label: "Pending" },
  SUCCEEDED: { tone: "green", label: "Succeeded" },
  FAILED: { tone: "red", label: "Failed" },
  CANCELLED: { tone: "slate", label: "Cancelled" },
  EXPIRED: { tone: "amber", label: "Expired" },
  REVIEW: { tone: "purple", label: "Review" },
  // An attempt's own: its push's answer never came, or its result code is not recognised.
  UNKNOWN: { tone: "amber", label: "Outcome unknown" },
};

/** "Succeeded" for SUCCEEDED: the word the badge shows. */
export function statusLabel(status: string): string {
  return STATUS[status]?.label ?? status;
}

/** A payment's status, or one attempt's (the same words, and "Outcome unknown"). */
export function StatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { tone: "slate" as const, label: status };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

const OUTCOME: Record<string, BadgeTone> = {
  RECEIVED: "blue", APPLIED: "green", DUPLICATE: "slate", STALE: "amber", UNMATCHED: "purple", INVALID: "red", REJECTED: "red",
};

/** What became of a callback; pass its checks to tell a refusal for its source address alone apart. */
export function OutcomeBadge({ outcome, checks }: { outcome: string; checks?: Omit<CallbackChecks, "outcome"> }) {
  if (checks && isAddressRefusal({ outcome, ...checks })) return <Badge tone="amber" title="The token is valid: probably a real callback">{ADDRESS_REFUSAL_LABEL}</Badge>;
  return <Badge tone={OUTCOME[outcome] ?? "slate"}>{outcome.charAt(0) + outcome.slice(1).toLowerCase()}</Badge>;
}

/** Unmistakable on anything from test mode. */
export function TestBadge() {
  return (
    <span className="inline-flex items-center rounded bg-amber-400 px-1.5 py-0.5 text-xs font-bold uppercase tracking-wide text-amber-950" data-testid="test-badge">
      Test
    </span>
  );
}
