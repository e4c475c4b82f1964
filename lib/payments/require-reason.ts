import { AppError } from "@/lib/errors";

export const REASON_MAX_LENGTH = 500;

/** Admin actions must say why; the reason lands on the timeline and the audit log. */
export function requireReason(reason: string): string {
  const trimmed = typeof reason === "string" ? reason.trim() : "";
  if (!trimmed) throw new AppError("validation_failed", "A reason is required", { param: "reason" });
  if (trimmed.length > REASON_MAX_LENGTH) {
    throw new AppError("validation_failed", `The reason must be at most ${REASON_MAX_LENGTH} characters`, { param: "reason" });
  }
  return trimmed;
}
