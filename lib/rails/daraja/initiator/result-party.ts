import { splitParty, type ParameterValue } from "./result";
import { readMsisdn, type MsisdnEvidence } from "../msisdn-evidence";

/**
 * A party in a result ("254708374149 - JANE DOE", "600992 - Safaricom Daraja 992"). Transaction
 * Status results name the customer with the full number, the one route to a number B2C can pay.
 */
export interface ResultParty {
  identifier: string;
  name: string | null;
  /** Set when the identifier reads as a phone number (full, or masked in some results). */
  msisdn: MsisdnEvidence | null;
}

export function readResultParty(value: ParameterValue | undefined): ResultParty | null {
  const split = splitParty(value);
  if (!split) return null;
  // A shortcode (5-9 digits) is not a phone number, even if it could pass as a partial one.
  const msisdn = /^\d{5,9}$/.test(split.identifier) ? null : readMsisdn(split.identifier);
  return { identifier: split.identifier, name: split.name, msisdn };
}
