import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Time a request spends waiting for M-Pesa (a token, a push, a query), counted apart so that what
 * is left is Malipo's own time — what Malipo can make faster, as payment gateways measure their
 * overhead. A request runs in `measureRequestTime`; each provider call inside it is wrapped in
 * `timeProviderCall`. Outside a measured request the wrapper only calls.
 */
const current = new AsyncLocalStorage<{ providerMs: number }>();

export async function measureRequestTime<T>(run: () => Promise<T>): Promise<{ result: T; totalMs: number; providerMs: number }> {
  const store = { providerMs: 0 };
  const started = performance.now();
  const result = await current.run(store, run);
  return { result, totalMs: performance.now() - started, providerMs: store.providerMs };
}

export async function timeProviderCall<T>(call: () => Promise<T>): Promise<T> {
  const store = current.getStore();
  if (!store) return call();
  const started = performance.now();
  try {
    return await call();
  } finally {
    store.providerMs += performance.now() - started;
  }
}
