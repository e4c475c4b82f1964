import type { KeyObject } from "node:crypto";
import { encryptSecurityCredential } from "./security-credential";

/**
 * The API operator ("initiator") that Transaction Status, Reversal and B2C act as. Its name goes
 * in `Initiator` (or `InitiatorName` for B2C); its password only ever leaves as a SecurityCredential.
 */
export interface InitiatorCredentials {
  name: string;
  /** The encrypted password, reusable across requests. */
  securityCredential: string;
}

/** Encrypts the password once; the result can be kept and reused (Daraja accepts the same credential again). */
export function initiatorCredentials(input: { name: string; password: string; certificate: string | Buffer | KeyObject }): InitiatorCredentials {
  const name = input.name.trim();
  if (name === "") throw new Error("The initiator name is empty");
  return { name, securityCredential: encryptSecurityCredential(input.password, input.certificate) };
}
