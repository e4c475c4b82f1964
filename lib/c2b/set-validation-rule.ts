import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { compileValidationPattern, MAX_VALIDATION_PATTERN_LENGTH } from "@/lib/c2b/validation-rule";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { AppError } from "@/lib/errors";
import type { Storefront } from "@/lib/generated/prisma/client";
import { requireReason } from "@/lib/payments/require-reason";

export const setValidationRuleSchema = z.strictObject({
  storefrontId: z.string().trim().min(1),
  rule: z.enum(["ACCEPT_ALL", "OPEN_PAYMENT", "PATTERN"]),
  pattern: z.string().trim().max(MAX_VALIDATION_PATTERN_LENGTH).optional().transform((p) => p || null),
  reason: z.string(),
}).refine((v) => v.rule !== "PATTERN" || (v.pattern !== null && compileValidationPattern(v.pattern) !== null), {
  message: "A PATTERN rule needs a valid regular expression (it must match the whole account number)", path: ["pattern"],
});

/**
 * How a storefront answers C2B validation requests (lib/c2b/validation-rule.ts), audited. It only
 * matters once Safaricom has enabled external validation for the shortcode (by request to API
 * support); until then Daraja sends confirmations alone.
 */
export async function setC2bValidationRule(db: Db, input: z.input<typeof setValidationRuleSchema>, actor: AuditActor): Promise<Storefront> {
  const parsed = setValidationRuleSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation_failed", parsed.error.issues[0]!.message, { param: String(parsed.error.issues[0]!.path[0] ?? "rule") });
  const v = parsed.data;
  const reason = requireReason(v.reason);
  return inTransaction(db, async (tx) => {
    const before = await tx.storefront.findUnique({ where: { id: v.storefrontId } });
    if (!before) throw new AppError("not_found", "No such storefront.");
    const after = await tx.storefront.update({ where: { id: v.storefrontId }, data: { c2bValidationRule: v.rule, c2bValidationPattern: v.rule === "PATTERN" ? v.pattern : null } });
    await recordAudit(tx, {
      actor, action: "storefront.c2b_validation_rule", entityType: "storefront", entityId: v.storefrontId, reason,
      before: { rule: before.c2bValidationRule, pattern: before.c2bValidationPattern }, after: { rule: after.c2bValidationRule, pattern: after.c2bValidationPattern },
    });
    return after;
  });
}
