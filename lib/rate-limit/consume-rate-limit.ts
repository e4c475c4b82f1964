import type { Db } from "@/lib/db/client";

export interface RateLimitOptions {
  key: string;
  limit: number;
  windowSeconds?: number;
  now?: Date;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Requests counted in this window, this one included. */
  count: number;
  limit: number;
  remaining: number;
  /** Seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Counts one request in a fixed window shared by every web process: a single upsert, so concurrent
 * requests never lose an increment and no process keeps state of its own.
 */
export async function consumeRateLimit(db: Db, { key, limit, windowSeconds = 60, now = new Date() }: RateLimitOptions): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_windows (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_windows.count + 1
    RETURNING count`;
  const count = Number(rows[0]?.count ?? 1);
  return {
    allowed: count <= limit,
    count,
    limit,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)),
  };
}
