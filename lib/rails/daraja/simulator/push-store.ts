import type { PushRecord, RefusedPush } from "./types";

/**
 * In-memory record of pushes, oldest first. A long-running demo simulator would otherwise grow
 * without bound, so the oldest records are dropped past a cap.
 */
const MAX_PUSHES = 5000;
const MAX_REFUSED = 500;

export interface PushStore {
  add(push: PushRecord): void;
  get(checkoutRequestId: string): PushRecord | undefined;
  all(): PushRecord[];
  forPhone(msisdn: string): PushRecord[];
  /** Numbers that have received at least one prompt, most recent first. */
  phones(): string[];
  refuse(refusal: RefusedPush): void;
  refused(): RefusedPush[];
  clear(): void;
}

export function createPushStore(): PushStore {
  const pushes = new Map<string, PushRecord>();
  let refusals: RefusedPush[] = [];
  const all = () => [...pushes.values()];
  return {
    add(push) {
      pushes.set(push.checkoutRequestId, push);
      if (pushes.size > MAX_PUSHES) {
        const oldest = pushes.keys().next();
        if (!oldest.done) pushes.delete(oldest.value);
      }
    },
    get: (id) => pushes.get(id),
    all,
    forPhone: (msisdn) => all().filter((p) => p.request.phoneNumber === msisdn),
    phones: () => [...new Set(all().filter((p) => p.plan.promptShown).reverse().map((p) => p.request.phoneNumber))],
    refuse(refusal) {
      refusals.push(refusal);
      if (refusals.length > MAX_REFUSED) refusals = refusals.slice(-MAX_REFUSED);
    },
    refused: () => [...refusals],
    clear() {
      pushes.clear();
      refusals = [];
    },
  };
}
