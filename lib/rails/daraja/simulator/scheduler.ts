/**
 * Every timer and background task of one simulator, so that reset() and close() can stop them all:
 * a closed simulator must not POST a stray callback into the next test.
 */
export interface Scheduler {
  /** Runs `task` after `ms`; errors go to onError, never to the process. */
  after(ms: number, task: () => unknown): void;
  /** Resolves after `ms`, or early with false when the scheduler is cancelled. */
  sleep(ms: number): Promise<boolean>;
  /** Keeps a background promise so close() can wait for it. */
  track(work: Promise<unknown>): void;
  /** Aborted when the scheduler is cancelled; passed to callback requests. */
  readonly signal: AbortSignal;
  /** Stops all timers and aborts in-flight work, then waits for tracked tasks to finish. */
  cancelAll(): Promise<void>;
}

export function createScheduler(onError: (error: unknown) => void): Scheduler {
  const timers = new Set<NodeJS.Timeout>();
  const tasks = new Set<Promise<unknown>>();
  let controller = new AbortController();

  const track = (work: Promise<unknown>) => {
    const guarded = work.catch(onError).finally(() => tasks.delete(guarded));
    tasks.add(guarded);
  };

  return {
    after(ms, task) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        track(Promise.resolve().then(task));
      }, ms);
      timers.add(timer);
    },
    sleep(ms) {
      const signal = controller.signal;
      if (signal.aborted) return Promise.resolve(false);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          signal.removeEventListener("abort", onAbort);
          resolve(true);
        }, ms);
        const onAbort = () => {
          clearTimeout(timer);
          timers.delete(timer);
          resolve(false);
        };
        timers.add(timer);
        signal.addEventListener("abort", onAbort, { once: true });
      });
    },
    track,
    get signal() {
      return controller.signal;
    },
    async cancelAll() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      controller.abort();
      // Work started before the abort finishes against the old signal; later work gets a fresh one.
      controller = new AbortController();
      await Promise.allSettled([...tasks]);
    },
  };
}
