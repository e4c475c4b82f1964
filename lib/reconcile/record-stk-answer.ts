import { openDarajaConfigurationAlert, raiseDarajaConfigurationAlert, resolveDarajaConfigurationAlert } from "@/lib/alerts/daraja-configuration-alert";
import type { Db } from "@/lib/db/client";
import { countQueryAnswer } from "@/lib/metrics/count-query-answer";
import type { StkQueryResult } from "@/lib/rails/daraja/client";
import { stkQueryAnswer } from "@/lib/rails/daraja/stk-query-answer";
import { recordQueryAnswer, type RecordedQueryAnswer, type RecordQueryAnswerOptions } from "@/lib/payments/record-query-answer";

export interface RecordStkAnswerOptions extends Omit<RecordQueryAnswerOptions, "answer" | "openConfigurationProblem"> {
  answer: StkQueryResult;
}

/**
 * An STK status query's answer, recorded and acted on by the core (lib/payments/record-query-answer.ts)
 * in Daraja's words turned into the core's. Daraja refusing our own configuration is an operator's
 * problem: the mode's alert is raised on such an answer and resolved by any other, in the same
 * transaction.
 */
export async function recordStkAnswer(db: Db, options: RecordStkAnswerOptions): Promise<RecordedQueryAnswer> {
  const { answer, now } = options;
  countQueryAnswer(answer.kind, answer.kind === "final" ? answer.classification.outcome : answer.kind === "error" ? answer.error.kind : "processing");
  return recordQueryAnswer(db, {
    ...options,
    answer: stkQueryAnswer(answer),
    openConfigurationProblem: (tx, payment) => openDarajaConfigurationAlert(tx, payment.mode),
    onRecorded: async (tx, change) => {
      const mode = change.before.mode;
      if (answer.kind === "error" && answer.error.kind === "configuration") await raiseDarajaConfigurationAlert(tx, { mode, error: answer.error, during: "status query", now });
      else if (answer.kind !== "error") await resolveDarajaConfigurationAlert(tx, { mode, now });
      await options.onRecorded?.(tx, change);
    },
  });
}
