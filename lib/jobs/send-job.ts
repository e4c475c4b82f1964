import { fromPrisma, type PgBoss, type SendOptions } from "pg-boss";
import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { getSenderBoss } from "@/lib/jobs/boss";

export interface SendJobOptions extends Omit<SendOptions, "db"> {
  /** Enqueue inside this transaction: the job exists if and only if the transaction commits. */
  tx?: Db;
  boss?: PgBoss;
}

/** Validates the payload against the job's schema and queues it. */
export async function sendJob<S extends z.ZodType>(
  job: Pick<JobDefinition<S>, "name" | "schema">,
  data: z.input<S>,
  { tx, boss, ...options }: SendJobOptions = {},
): Promise<string | null> {
  const payload = job.schema.parse(data) as object;
  const sender = boss ?? (await getSenderBoss());
  return sender.send(job.name, payload, {
    ...options,
    ...(tx ? { db: fromPrisma(tx as unknown as Parameters<typeof fromPrisma>[0]) } : {}),
  });
}
