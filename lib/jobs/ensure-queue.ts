import type { PgBoss } from "pg-boss";
import type { JobDefinition } from "@/lib/jobs/define-job";

// Per boss instance and queue: one creation attempt per process (create is idempotent in pg-boss).
const ensured = new WeakMap<PgBoss, Map<string, Promise<void>>>();

/**
 * Makes sure a queue exists before a web process sends to it. The worker creates its queues at
 * start, but a web process may take a callback before any worker has ever run; a send to a missing
 * queue would throw, and a callback must never be refused for that.
 */
export function ensureQueue(boss: PgBoss, definition: Pick<JobDefinition, "name" | "queue">): Promise<void> {
  let queues = ensured.get(boss);
  if (!queues) ensured.set(boss, (queues = new Map()));
  let pending = queues.get(definition.name);
  if (!pending) {
    const { policy, ...queue } = definition.queue;
    pending = (async () => {
      if (await boss.getQueue(definition.name)) return;
      await boss.createQueue(definition.name, { ...queue, policy: policy ?? "standard", notify: true } as Parameters<PgBoss["createQueue"]>[1]);
    })();
    pending.catch(() => queues.delete(definition.name));
    queues.set(definition.name, pending);
  }
  return pending;
}
