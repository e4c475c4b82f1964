import { classifiedStk } from "@/lib/rails/daraja/stk-callback-observation";
import type { StkQueryResult } from "@/lib/rails/daraja/client";
import type { QueryAnswer } from "@/lib/payments/record-query-answer";

/** What a status query answered; a configuration Daraja refuses is said in so many words. */
export function stkQueryAnswer(answer: StkQueryResult): QueryAnswer {
  switch (answer.kind) {
    case "final":
      return {
        kind: "final",
        observation: { ...classifiedStk(answer.classification, answer.resultDesc), source: "query", evidence: {}, details: { via: "query", resultCode: answer.resultCode } },
        timeline: { answer: "final", resultCode: answer.resultCode, resultDesc: answer.resultDesc },
      };
    case "pending":
      return { kind: "pending", detail: answer.reason, timeline: { answer: "pending", detail: answer.reason, resultCode: answer.resultCode } };
    case "error": {
      const timeline = { answer: "error", detail: answer.error.message, errorKind: answer.error.kind, errorCode: answer.error.errorCode ?? undefined, httpStatus: answer.error.httpStatus ?? undefined };
      const failure = answer.error;
      return failure.kind === "configuration"
        ? { kind: "refused", timeline, failure, explanation: `Daraja refused Malipo's configuration (${failure.message}), so M-Pesa could not say whether it was paid; fix the DARAJA_* settings` }
        : { kind: "unanswered", timeline, failure };
    }
  }
}

