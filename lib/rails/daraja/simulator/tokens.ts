import type { IdFactory } from "./ids";

/**
 * OAuth access tokens and their expiry. Expiry reads the injectable clock so a test can age a
 * token without waiting an hour.
 */
export interface TokenStore {
  issue(): { token: string; expiresInSeconds: number };
  isValid(token: string): boolean;
  clear(): void;
}

export function createTokenStore(opts: {
  ids: IdFactory;
  now: () => Date;
  ttlSeconds: number;
  revokeOnReissue: boolean;
}): TokenStore {
  const expiries = new Map<string, number>();
  const prune = (nowMs: number) => {
    for (const [token, expiresAt] of expiries) if (expiresAt <= nowMs) expiries.delete(token);
  };
  return {
    issue() {
      const nowMs = opts.now().getTime();
      prune(nowMs);
      if (opts.revokeOnReissue) expiries.clear();
      const token = opts.ids.accessToken();
      expiries.set(token, nowMs + opts.ttlSeconds * 1000);
      return { token, expiresInSeconds: opts.ttlSeconds };
    },
    isValid(token) {
      const expiresAt = expiries.get(token);
      return expiresAt !== undefined && opts.now().getTime() < expiresAt;
    },
    clear: () => expiries.clear(),
  };
}
