import { describeResultCode } from "@/lib/rails/daraja/result-codes";
import { describeVodacomCode } from "@/lib/rails/vodacom/rail-answers";

/**
 * A result code in words whatever rail sent it, for screens that mix rails (the overview's
 * breakdown): Vodacom's codes are all `INS-…` and Daraja's never are, so the code says whose it is.
 */
export function describeAnyResultCode(code: string): string {
  return /^INS-/.test(code) ? describeVodacomCode(code) : describeResultCode(code);
}
