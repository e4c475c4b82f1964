/**
 * Test phone numbers that choose what a reversal or a B2C payment does, like the STK test numbers.
 * For a reversal it is the number that made the original payment (pay from it first, by STK or
 * C2B: it pays like any other number); for B2C it is PartyB. The README and tests import this
 * table; keep the numbers stable. Other outcomes come from the simulator's real state: an unknown
 * receipt, a second reversal, a low Utility balance, wrong or locked initiator credentials.
 */
export type RefundBehaviour = "success" | "no-result" | "queue-timeout" | "insufficient-balance" | "already-reversed" | "unregistered" | "not-on-mpesa";

export interface RefundScenario {
  msisdn: string;
  name: string;
  api: "reversal" | "b2c";
  behaviour: RefundBehaviour;
  /** What the simulator does, in words. */
  description: string;
}

export const REFUND_SCENARIOS: readonly RefundScenario[] = [
  { msisdn: "254708000020", name: "reversal-no-result", api: "reversal", behaviour: "no-result",
    description: "The reversal is carried out (the money goes back, a reversal line appears) but no result ever reaches ResultURL or QueueTimeOutURL: only Transaction Status knows." },
  { msisdn: "254708000021", name: "reversal-queue-timeout", api: "reversal", behaviour: "queue-timeout",
    description: "The request times out in M-Pesa's queue: a notice goes to QueueTimeOutURL, nothing is reversed." },
  { msisdn: "254708000022", name: "reversal-insufficient-balance", api: "reversal", behaviour: "insufficient-balance",
    description: "Result 1: the Utility account cannot cover the reversal (the money was swept out)." },
  { msisdn: "254708000023", name: "reversal-already-reversed", api: "reversal", behaviour: "already-reversed",
    description: "Someone reversed the payment on the org portal first: a reversal line appears and the result is R000001." },
  { msisdn: "254708000030", name: "b2c-insufficient-balance", api: "b2c", behaviour: "insufficient-balance",
    description: "Result 1: the B2C Utility account balance is insufficient." },
  { msisdn: "254708000031", name: "b2c-no-result", api: "b2c", behaviour: "no-result",
    description: "The payment is made (a B2C line appears) but no result ever arrives: only Transaction Status knows." },
  { msisdn: "254708000032", name: "b2c-queue-timeout", api: "b2c", behaviour: "queue-timeout",
    description: "A notice goes to QueueTimeOutURL; nothing is paid." },
  { msisdn: "254708000033", name: "b2c-unregistered", api: "b2c", behaviour: "unregistered",
    description: "Result 2040: the customer is not registered on M-Pesa." },
  { msisdn: "254708000034", name: "b2c-not-on-mpesa", api: "b2c", behaviour: "not-on-mpesa",
    description: "Result SFC_IC0003: the number is not on M-Pesa." },
];

export function refundScenarioFor(api: RefundScenario["api"], msisdn: string): RefundScenario | null {
  return REFUND_SCENARIOS.find((s) => s.api === api && s.msisdn === msisdn) ?? null;
}

export function refundScenarioPhone(name: string): string {
  const found = REFUND_SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`No simulator refund scenario named ${name}`);
  return found.msisdn;
}
