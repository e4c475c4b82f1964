import { createHash } from "node:crypto";
import type { CustomerName } from "./ledger-types";

/**
 * The simulated customers behind test numbers: a stable name per MSISDN, and the number as each
 * channel shows it. Only Transaction Status results carry the full number; C2B v2 masks it, C2B v1
 * sends its SHA-256, Pull drops the 254, the statement masks the middle digits and the middle name.
 */
const FIRST = ["JANE", "PETER", "ALICE", "JOHN", "MARY", "DAVID", "GRACE", "JAMES", "FAITH", "BRIAN", "MERCY", "KEVIN"];
const MIDDLE = ["WANJIKU", "OTIENO", "", "KAMAU", "AKINYI", "", "MUTUA", "CHEBET", "", "NJERI", "KIPRONO", ""];
const LAST = ["DOE", "OCHIENG", "MWANGI", "WAFULA", "NDUNGU", "KARIUKI", "ODHIAMBO", "KIMANI", "ATIENO", "MUTHONI", "KORIR", "OMONDI"];

export function customerName(msisdn: string): CustomerName {
  const digest = createHash("sha256").update(msisdn).digest();
  const pick = (list: readonly string[], byte: number) => list[(digest[byte] ?? 0) % list.length] ?? "";
  return { first: pick(FIRST, 0), middle: pick(MIDDLE, 1), last: pick(LAST, 2) };
}

export function fullName(name: CustomerName): string {
  return [name.first, name.middle, name.last].filter(Boolean).join(" ");
}

/** C2B v2: `2547 ***** 126`. */
export function maskForC2b(msisdn: string): string {
  return `${msisdn.slice(0, 4)} ***** ${msisdn.slice(-3)}`;
}

/** C2B v1: the SHA-256 hex digest of the 12-digit number. */
export function hashForC2b(msisdn: string): string {
  return createHash("sha256").update(msisdn).digest("hex");
}

/** The statement's Other Party Info: `2547****126 - JANE **** DOE` (no middle name: `JANE DOE`). */
export function statementParty(msisdn: string, name: CustomerName): string {
  const shown = [name.first, name.middle ? "****" : "", name.last].filter(Boolean).join(" ");
  return `${msisdn.slice(0, 4)}****${msisdn.slice(-3)} - ${shown}`;
}

/** Pull Transactions: the number without its 254, as a JSON number. */
export function pullMsisdn(msisdn: string): number {
  return Number(msisdn.slice(3));
}
