import type { KeyObject } from "node:crypto";
import type { InitiatorConfig } from "./ledger-options";
import { decryptSecurityCredential } from "./security-keys";

/**
 * The initiator check of Transaction Status, Reversal and B2C: the SecurityCredential must decrypt,
 * with the simulator's private key, to the password of the named initiator. A wrong name, password
 * or certificate is 2001; after `lockAfter` failures in a row the initiator is locked and every
 * later request is 8006, even with the right password, until the simulator is reset.
 */
export type CredentialVerdict = { ok: true } | { ok: false; code: 2001 | 8006; desc: string };

export interface InitiatorGuard {
  check(name: string, securityCredential: string): CredentialVerdict;
  locked(): string[];
  clear(): void;
}

const INVALID = "The initiator information is invalid.";
const LOCKED = "The security credential is locked.";

export function createInitiatorGuard(initiators: readonly InitiatorConfig[], privateKey: KeyObject, lockAfter: number): InitiatorGuard {
  const failures = new Map<string, number>();
  const locked = new Set<string>();
  return {
    check(name, credential) {
      if (locked.has(name)) return { ok: false, code: 8006, desc: LOCKED };
      const expected = initiators.find((i) => i.name === name)?.password;
      if (expected !== undefined && decryptSecurityCredential(credential, privateKey) === expected) {
        failures.delete(name);
        return { ok: true };
      }
      const count = (failures.get(name) ?? 0) + 1;
      failures.set(name, count);
      if (count >= lockAfter) locked.add(name);
      return { ok: false, code: 2001, desc: INVALID };
    },
    locked: () => [...locked],
    clear() {
      failures.clear();
      locked.clear();
    },
  };
}
