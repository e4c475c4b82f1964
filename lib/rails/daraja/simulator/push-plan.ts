import { RESULT } from "./result-codes";
import type { Scenario } from "./scenarios";
import type { PushPlan, ResolvedOptions, StkPushRequest } from "./types";

type Merchant = ResolvedOptions["shortcodes"][number];

const MAX_ACCOUNT_REFERENCE = 12;
const MAX_TRANSACTION_DESC = 13;
// Daraja refuses these itself, before a prompt: one callback, soon.
const failedBeforePrompt: Omit<PushPlan, "result"> = {
  settlesAfter: "callbackDelay",
  interactive: false,
  promptShown: false,
  callbacks: 1,
  amountDelta: 0,
};

/**
 * Decides what happens to an accepted push. Daraja acknowledges some broken requests with
 * ResponseCode "0" and only fails them in the callback, before any prompt reaches the phone;
 * those override the phone number's scenario:
 * - Buy Goods whose PartyB is not a till of the store → SFC_IC0003 "The operator does not exist."
 * - Pay Bill to a shortcode without paybill, or PartyB other than the shortcode (e.g. a till)
 *   → 2028 "not permitted according to product assignment" (FACTS.md §2).
 * - AccountReference over 12 characters: accepted, but no prompt ever reaches the phone
 *   (jumaallan/android-mpesa-api#16); the simulator ends it as 1025, the code Daraja gives a
 *   prompt it could not send, so the mistake shows up in the callback instead of as silence.
 * TransactionDesc over 13 characters has no observed effect: it is accepted with a warning.
 */
export function planPush(
  request: StkPushRequest,
  merchant: Merchant,
  scenario: Scenario,
): { plan: PushPlan; warnings: string[] } {
  const warnings: string[] = [];
  if (request.transactionDesc !== null && request.transactionDesc.length > MAX_TRANSACTION_DESC) {
    warnings.push(`TransactionDesc is longer than ${MAX_TRANSACTION_DESC} characters`);
  }
  const failure = (result: string | number, why: string) => {
    warnings.push(why);
    return { plan: { ...failedBeforePrompt, result }, warnings };
  };
  if (request.transactionType === "CustomerBuyGoodsOnline" && !merchant.tills.includes(request.partyB)) {
    return failure(RESULT.OPERATOR_MISSING, `PartyB ${request.partyB} is not a till of store ${merchant.shortcode}`);
  }
  if (request.transactionType === "CustomerPayBillOnline" && (!merchant.paybill || request.partyB !== merchant.shortcode)) {
    return failure(RESULT.PRODUCT_MISMATCH, `CustomerPayBillOnline needs PartyB = a paybill shortcode (${merchant.shortcode})`);
  }
  if (request.accountReference.length > MAX_ACCOUNT_REFERENCE) {
    return failure(RESULT.PUSH_ERROR, `AccountReference is longer than ${MAX_ACCOUNT_REFERENCE} characters: no prompt was sent`);
  }
  return {
    plan: {
      result: scenario.result,
      settlesAfter: scenario.settlesAfter,
      interactive: scenario.interactive,
      promptShown: true,
      callbacks: scenario.callbacks,
      amountDelta: scenario.amountDelta,
    },
    warnings,
  };
}
