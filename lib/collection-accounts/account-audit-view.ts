import type { CollectionAccount } from "@/lib/generated/prisma/client";

/** What the audit log keeps of an account: everything but its secrets (only the key's last four characters). */
export function accountAuditView(a: CollectionAccount) {
  return {
    name: a.name, mode: a.mode, rail: a.rail, source: a.source, settings: a.settings, keyHint: a.keyHint,
    isDefault: a.isDefault, disabled: a.disabled,
  };
}
