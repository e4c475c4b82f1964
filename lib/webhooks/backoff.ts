export interface BackoffSettings {
  backoffBaseSeconds: number;
  backoffMaxSeconds: number;
}

/**
 * Seconds to wait after the `seriesAttempt`-th failed attempt (1-based): base, 2×base, 4×base…
 * capped, each shortened by up to a quarter at random so endpoints that come back are not hit by
 * every waiting delivery at once. The jitter never undoes the doubling: gaps keep growing until the
 * cap (the shortest next gap, 1.5×, is longer than the longest current one).
 */
export function retryDelaySeconds(seriesAttempt: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const exponent = Math.max(0, seriesAttempt - 1);
  // 2^exponent overflows to Infinity long after any cap; min() keeps that harmless.
  const raw = Math.min(settings.backoffMaxSeconds, settings.backoffBaseSeconds * 2 ** exponent);
  return raw * (1 - 0.25 * random());
}

/**
 * When the next attempt is due, or null when it would fall after the series' horizon (the
 * delivery then fails for good).
 */
export function nextAttemptAt(options: {
  seriesAttempt: number;
  seriesStartedAt: Date;
  maxAgeSeconds: number;
  now: Date;
  settings: BackoffSettings;
  random?: () => number;
}): Date | null {
  const next = new Date(options.now.getTime() + retryDelaySeconds(options.seriesAttempt, options.settings, options.random) * 1000);
  const horizon = options.seriesStartedAt.getTime() + options.maxAgeSeconds * 1000;
  return next.getTime() > horizon ? null : next;
}
