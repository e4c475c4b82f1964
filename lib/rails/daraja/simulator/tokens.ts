import type { IdFactory } from "./ids";

/**
 * OAuth access tokens, the app (consumer key) each was issued to, and their expiry. Expiry reads
 * the injectable clock so a test can age a token without waiting an hour. Every issue is logged
 * (capped) so a test can tell which app's credentials a gateway used.
 */
export interface TokenStore {
  issue(consumerKey: string): { token: string; expiresInSeconds: number };
  /** The consumer key the token was issued to, while it is valid; null otherwise. */
  appOf(token: string): string | null;
  isValid(token: string): boolean;
  /** Every token issued, oldest first, as the consumer key it went to and when. */
  issued(): readonly TokenIssue[];
  clear(): void;
}

export interface TokenIssue {
  consumerKey: string;
  at: Date;
}

const MAX_ISSUES_KEPT = 1000;

export function createTokenStore(opts: {
  ids: IdFactory;
  now: () => Date;
  ttlSeconds: number;
  revokeOnReissue: boolean;
}): TokenStore {
  const expiries = new Map<string, { expiresAt: number; consumerKey: string }>();
  const issues: TokenIssue[] = [];
  const prune = (nowMs: number) => {
    for (const [token, { expiresAt }] of expiries) if (expiresAt <= nowMs) expiries.delete(token);
  };
  return {
    issue(consumerKey) {
      const now = opts.now();
      prune(now.getTime());
      // Reissuing revokes the same app's earlier tokens, not another app's.
      if (opts.revokeOnReissue) for (const [token, entry] of expiries) if (entry.consumerKey === consumerKey) expiries.delete(token);
      const token = opts.ids.accessToken();
      expiries.set(token, { expiresAt: now.getTime() + opts.ttlSeconds * 1000, consumerKey });
      if (issues.length < MAX_ISSUES_KEPT) issues.push({ consumerKey, at: now });
      return { token, expiresInSeconds: opts.ttlSeconds };
    },
    appOf(token) {
      const entry = expiries.get(token);
      return entry !== undefined && opts.now().getTime() < entry.expiresAt ? entry.consumerKey : null;
    },
    isValid(token) {
      return this.appOf(token) !== null;
    },
    issued: () => issues,
    clear: () => {
      expiries.clear();
      issues.length = 0;
    },
  };
}
