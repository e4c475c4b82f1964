import { RESULT } from "./result-codes";
import type { ResultCode, SettleAfter } from "./types";

/**
 * Test phone numbers that choose what the simulated customer and Daraja do. The README and other
 * tests import this table; numbers are stable, so keep them. Any number not listed behaves as
 * DEFAULT_SCENARIO: it succeeds after callbackDelayMs unless a person answers it first on the phone
 * page. Every prompt that reaches a phone is listed on the phone page, whatever its scenario.
 */
export interface Scenario {
  /** The PhoneNumber of the push, 12 digits. */
  msisdn: string;
  name: string;
  /** What this models in the real world. */
  description: string;
  /** What the simulator does, in words. */
  behaviour: string;
  /** How the push request itself is answered. */
  push: "accept" | "busy" | "hang";
  /** The outcome unless a person answers first; null = the push never ends. */
  result: ResultCode | null;
  settlesAfter: SettleAfter;
  interactive: boolean;
  callbacks: 0 | 1 | 3;
  amountDelta: number;
}

const scripted = (s: Pick<Scenario, "msisdn" | "name" | "description" | "behaviour"> & Partial<Scenario>): Scenario => ({
  push: "accept", result: RESULT.SUCCESS, settlesAfter: "callbackDelay", interactive: false, callbacks: 1, amountDelta: 0, ...s,
});

export const SCENARIOS: readonly Scenario[] = [
  scripted({ msisdn: "254708374149", name: "success", description: "Safaricom's own sandbox number: the customer pays.",
    behaviour: "Callback ResultCode 0 with metadata after callbackDelayMs; the query is final from then." }),
  scripted({ msisdn: "254708000001", name: "cancelled", description: "The customer cancels the prompt.",
    behaviour: "Callback ResultCode 1032 after callbackDelayMs.", result: RESULT.CANCELLED }),
  scripted({ msisdn: "254708000002", name: "no-response", description: "The phone is off or the customer ignores the prompt.",
    behaviour: "Callback ResultCode 1037 after callbackDelayMs (query prose differs from the callback's).", result: RESULT.NO_RESPONSE }),
  scripted({ msisdn: "254708000003", name: "insufficient-funds", description: "The wallet cannot cover the amount.",
    behaviour: "Callback ResultCode 1 after callbackDelayMs.", result: RESULT.INSUFFICIENT_FUNDS }),
  scripted({ msisdn: "254708000004", name: "wrong-pin", description: "The customer enters a wrong PIN.",
    behaviour: "Callback ResultCode 2001 after callbackDelayMs.", result: RESULT.WRONG_PIN }),
  scripted({ msisdn: "254708000005", name: "no-callback", description: "The customer pays but the callback is lost.",
    behaviour: "Succeeds after callbackDelayMs but no callback is ever sent; only the query knows.", callbacks: 0 }),
  scripted({ msisdn: "254708000006", name: "triple-callback", description: "The same callback arrives three times.",
    behaviour: "Success; the identical callback is POSTed three times, one after the other.", callbacks: 3 }),
  scripted({ msisdn: "254708000007", name: "late-callback", description: "The payment completes after the gateway's deadline.",
    behaviour: "Query says pending until lateCallbackDelayMs, then success and its callback.", settlesAfter: "lateCallbackDelay" }),
  scripted({ msisdn: "254708000008", name: "amount-mismatch", description: "M-Pesa reports an amount other than the one requested.",
    behaviour: "Success callback whose Amount is the requested amount − 1 (or + 1 when it was 1).", amountDelta: -1 }),
  scripted({ msisdn: "254708000009", name: "system-busy", description: "Daraja's spike arrest refuses the push.",
    behaviour: "Push answered HTTP 500 500.003.02 \"System is busy\"; nothing is created.", push: "busy", result: null, callbacks: 0 }),
  scripted({ msisdn: "254708000010", name: "push-hangs", description: "The push times out on the client but reached M-Pesa.",
    behaviour: "The push is accepted and succeeds (callback after callbackDelayMs), but its HTTP response never comes: the connection is dropped after hangMs.",
    push: "hang" }),
  scripted({ msisdn: "254708000011", name: "pending-forever", description: "M-Pesa never finishes the transaction.",
    behaviour: "No callback; the query answers still processing forever.", result: null, callbacks: 0 }),
  scripted({ msisdn: "254708000012", name: "manual", description: "A person answers on the phone page (/phone).",
    behaviour: "Waits for Accept (right PIN → 0, wrong PIN → 2001) or Cancel (1032) on the phone page; 1037 after manualTimeoutMs.",
    result: RESULT.NO_RESPONSE, settlesAfter: "manualTimeout", interactive: true }),
  scripted({ msisdn: "254708000013", name: "expired", description: "M-Pesa could not process the push in time.",
    behaviour: "Callback ResultCode 1019 after callbackDelayMs.", result: RESULT.EXPIRED }),
  scripted({ msisdn: "254708000014", name: "push-error", description: "The prompt could not be sent to the phone.",
    behaviour: "Callback ResultCode 1025 after callbackDelayMs.", result: RESULT.PUSH_ERROR }),
  scripted({ msisdn: "254708000015", name: "rule-limited", description: "Same amount to the same customer within about 2 minutes.",
    behaviour: "Callback ResultCode 17 after callbackDelayMs.", result: RESULT.RULE_LIMITED }),
];

/** Any number not in SCENARIOS: a customer who pays, or answers on the phone page first. */
export const DEFAULT_SCENARIO: Scenario = scripted({
  msisdn: "*", name: "default", description: "Any other number: a customer who pays.",
  behaviour: "Succeeds after callbackDelayMs unless answered earlier on the phone page (Accept/Cancel).",
  interactive: true,
});

const byMsisdn = new Map(SCENARIOS.map((s) => [s.msisdn, s]));

export function scenarioFor(msisdn: string | null | undefined): Scenario {
  return (msisdn && byMsisdn.get(msisdn)) || DEFAULT_SCENARIO;
}

/** The scenario's test number, for tests and docs that refer to scenarios by name. */
export function scenarioPhone(name: string): string {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`No simulator scenario named ${name}`);
  return found.msisdn;
}
