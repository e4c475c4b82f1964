import { openDarajaConfigurationAlert, raiseDarajaConfigurationAlert, resolveDarajaConfigurationAlert } from "@/lib/alerts/daraja-configuration-alert";
import type { Db } from "@/lib/db/client";
import { countQueryAnswer } from "@/lib/metrics/count-query-answer";
import { recordQueryAnswer, type QueryAnswer, type RecordedQueryAnswer, type RecordQueryAnswerOptions } from "@/lib/payments/record-query-answer";

export type RecordRailAnswerOptions = Omit<RecordQueryAnswerOptions, "openConfigurationProblem">;

/**
 * A status query's answer, as the payment's rail read it (Rail.askStatus), recorded and acted on by
 * the core (lib/payments/record-query-answer.ts). The provider refusing our own configuration is an
 * operator's problem: its collection account's alert is raised on such an answer and resolved by
 * any answer about the payment, in the same transaction.
 */
export async function recordRailAnswer(db: Db, options: RecordRailAnswerOptions): Promise<RecordedQueryAnswer> {
  const { answer, now } = options;
  countQueryAnswer(...metricLabels(answer));
  return recordQueryAnswer(db, {
    ...options,
    openConfigurationProblem: (tx, payment) => openDarajaConfigurationAlert(tx, payment),
    onRecorded: async (tx, change) => {
      const subject = { mode: change.before.mode, collectionAccountId: change.before.collectionAccountId };
      if (answer.kind === "refused") await raiseDarajaConfigurationAlert(tx, { subject, error: answer.failure, during: "status query", now });
      else if (answer.kind !== "unanswered") await resolveDarajaConfigurationAlert(tx, { subject, now });
      await options.onRecorded?.(tx, change);
    },
  });
}

/** The `answer` and `detail` labels of malipo_status_queries_total. */
function metricLabels(answer: QueryAnswer): [answer: string, detail: string] {
  switch (answer.kind) {
    case "final":
      return ["final", answer.observation.result];
    case "pending":
      return ["pending", "processing"];
    case "refused":
    case "unanswered":
      return ["error", answer.failure.kind];
  }
}
