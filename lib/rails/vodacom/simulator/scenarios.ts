import { CODE, type SimCode } from "./responses";

/**
 * Customer numbers that choose what the simulated customer and Vodacom do: the sandbox's magic
 * MSISDNs, then realistic Tanzanian numbers for what the sandbox cannot show. The README and tests
 * import this table; keep the numbers stable. Any other number behaves as DEFAULT_SCENARIO.
 */
export interface Scenario {
  msisdn: string;
  name: string;
  /** What the simulator does, in words. */
  behaviour: string;
  /** The outcome unless a person answers first on the phone page. */
  result: SimCode;
  /** When it is decided: at once, after pinDelayMs or slowPinMs, or never (Vodacom's wait runs out: INS-9). */
  decidesAfter: "now" | "pin" | "slow" | "never";
  /** The code the answer reports when it is not the truth (the INS-1 that was really a success). */
  reports?: SimCode;
  /** `lost`: the HTTP answer never comes; the connection is dropped after hangMs. */
  answer: "normal" | "lost";
  /** Whether a person can answer it on the phone page. */
  interactive: boolean;
}

const sandbox = (n: number, name: string, behaviour: string, result: SimCode): Scenario =>
  ({ msisdn: `00000000000${n}`, name, behaviour, result, decidesAfter: "now", answer: "normal", interactive: false });

const customer = (s: Pick<Scenario, "msisdn" | "name" | "behaviour"> & Partial<Scenario>): Scenario =>
  ({ result: CODE.SUCCESS, decidesAfter: "pin", answer: "normal", interactive: false, ...s });

export const SCENARIOS: readonly Scenario[] = [
  sandbox(1, "sandbox-success", "INS-0 at once (HTTP 201) with a TransactionID.", CODE.SUCCESS),
  sandbox(2, "sandbox-request-timeout", "INS-9 Request timeout at once (408); the query says Expired.", CODE.TIMEOUT),
  sandbox(3, "sandbox-ussd-timeout", "INS-9 at once (408), the USSD push timed out; the query says Expired.", CODE.TIMEOUT),
  sandbox(4, "sandbox-incorrect-pin", "INS-2001 at once (401): the PIN was not accepted.", CODE.PIN_REFUSED),
  sandbox(5, "sandbox-internal-error", "INS-1 Internal Error at once (500); nothing was paid.", CODE.INTERNAL_ERROR),
  sandbox(6, "sandbox-transaction-failed", "INS-6 Transaction Failed at once (401).", CODE.FAILED),
  sandbox(7, "sandbox-invalid-amount", "INS-15 Invalid Amount Used at once (400).", CODE.INVALID_AMOUNT),
  sandbox(8, "sandbox-insufficient-balance", "INS-2006 Insufficient balance at once (422).", CODE.INSUFFICIENT_BALANCE),
  sandbox(9, "sandbox-service-unavailable", "INS-16 at once (503): the service is not available.", CODE.OVERLOADED),
  customer({ msisdn: "255754000001", name: "success", behaviour: "Pays after pinDelayMs: INS-0 (201) with a TransactionID; the query says Completed." }),
  customer({ msisdn: "255754000002", name: "cancelled", behaviour: "Cancels after pinDelayMs: INS-5 (401); the query says Cancelled.", result: CODE.CANCELLED }),
  customer({ msisdn: "255754000003", name: "no-answer", behaviour: "Never answers: after syncWaitMs INS-9 (408); the query says Expired.", result: CODE.TIMEOUT, decidesAfter: "never" }),
  customer({ msisdn: "255754000004", name: "insufficient-balance", behaviour: "After pinDelayMs INS-2006 (422); the query says N/A.", result: CODE.INSUFFICIENT_BALANCE }),
  customer({ msisdn: "255754000005", name: "ins1-but-paid", behaviour: "Pays after pinDelayMs, but the answer is INS-1 Internal Error (500); the query says Completed.", reports: CODE.INTERNAL_ERROR }),
  customer({ msisdn: "255754000006", name: "answer-lost", behaviour: "Pays after pinDelayMs, but the HTTP answer never comes (dropped after hangMs): the client times out; the query says Completed.", answer: "lost" }),
  customer({ msisdn: "255754000007", name: "slow-pin", behaviour: "Pays after slowPinMs (longer than a short client timeout); the query says N/A until then, Completed after.", decidesAfter: "slow" }),
  customer({ msisdn: "255754000008", name: "wrong-pin", behaviour: "After pinDelayMs INS-2001 (401): the PIN was not accepted.", result: CODE.PIN_REFUSED }),
  customer({ msisdn: "255754000009", name: "manual", behaviour: "Waits for a person on /phone (Accept with the PIN, or Cancel); INS-9 after syncWaitMs.", result: CODE.TIMEOUT, decidesAfter: "never", interactive: true }),
];

/** Any number not listed: a customer who pays, unless someone answers on the phone page first. */
export const DEFAULT_SCENARIO: Scenario = customer({
  msisdn: "*", name: "default", behaviour: "Pays after pinDelayMs unless answered earlier on the phone page (Accept/Cancel).", interactive: true,
});

const byMsisdn = new Map(SCENARIOS.map((s) => [s.msisdn, s]));

export function scenarioFor(msisdn: string): Scenario {
  return byMsisdn.get(msisdn) ?? DEFAULT_SCENARIO;
}

/** The scenario's number, for tests and docs that refer to scenarios by name. */
export function scenarioMsisdn(name: string): string {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`No Vodacom simulator scenario named ${name}`);
  return found.msisdn;
}

/** Magic values of the sandbox's query and reversal APIs (FACTS.md). */
export const SANDBOX_QUERY_REFERENCES: Readonly<Record<string, { code: SimCode; reversed?: boolean }>> = {
  "000000000001": { code: CODE.SUCCESS, reversed: false },
  "000000000002": { code: CODE.INTERNAL_ERROR },
  "000000000003": { code: CODE.FAILED },
  "000000000007": { code: CODE.OVERLOADED },
  "000000000000000000001": { code: CODE.SUCCESS, reversed: true },
  "000000000000000000002": { code: CODE.NOT_FOUND },
  "000000000000000000003": { code: CODE.INTERNAL_ERROR },
  "000000000000000000004": { code: CODE.FAILED },
  "000000000000000000005": { code: CODE.OVERLOADED },
};

export const SANDBOX_REVERSAL_IDS: Readonly<Record<string, SimCode>> = {
  "0000000000001": CODE.SUCCESS,
  "0000000000002": CODE.INTERNAL_ERROR,
  "0000000000003": CODE.FAILED,
  "0000000000004": CODE.INVALID_AMOUNT,
  "0000000000005": CODE.INSUFFICIENT_BALANCE,
  "0000000000006": CODE.NOT_YOURS,
  "0000000000007": CODE.OVERLOADED,
};
