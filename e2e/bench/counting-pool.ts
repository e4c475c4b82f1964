import pg from "pg";

/**
 * A pg pool whose every client counts the queries sent through it, for the cost scripts
 * (callback-cost.ts, create-cost.ts): every statement, BEGIN and COMMIT included. Texts are kept as
 * sent and labelled only when asked, so counting costs next to nothing on the way.
 */
export interface CountingPool {
  pool: pg.Pool;
  /** Statements sent since the last reset. */
  statements(): number;
  reset(): void;
  /** The statements since the last reset, per label (verb and first table), with one full text of each. */
  byLabel(): { label: string; text: string; n: number }[];
}

/** Prisma's SQL names tables as "public"."name"; raw SQL as name. The label is the verb and the first table. */
export function labelOf(sql: string): string {
  const text = sql.replace(/\s+/g, " ").trim();
  const verb = /^\w+/.exec(text)?.[0]?.toUpperCase() ?? "?";
  const table = /\b(?:FROM|INTO|UPDATE)\s+(?:"?\w+"?\.)?"?(\w+)"?/i.exec(text)?.[1];
  return [verb, table, /FOR UPDATE/i.test(text) ? "FOR UPDATE" : ""].filter(Boolean).join(" ");
}

export function countingPool(url: string, max = 10): CountingPool {
  const sent = new Map<string, number>();
  let statements = 0;
  const pool = new pg.Pool({ connectionString: url, max });
  // The server stopping at the end drops idle connections: not an error of the measurement.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
      const first = a[0] as string | { text: string };
      const text = typeof first === "string" ? first : first.text;
      statements += 1;
      sent.set(text, (sent.get(text) ?? 0) + 1);
      return query(...a);
    };
  });
  return {
    pool,
    statements: () => statements,
    reset() {
      sent.clear();
      statements = 0;
    },
    byLabel() {
      const labels = new Map<string, { label: string; text: string; n: number }>();
      for (const [text, n] of sent) {
        const label = labelOf(text);
        const entry = labels.get(label) ?? { label, text: text.replace(/\s+/g, " "), n: 0 };
        entry.n += n;
        labels.set(label, entry);
      }
      return [...labels.values()].sort((a, b) => b.n - a.n);
    },
  };
}
