import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { findControlCharacter } from "@/lib/net/control-characters";

/**
 * Parses request input; the first problem becomes a 422 naming the field in `param`. A control
 * character anywhere (a key or a value, known field or not) is refused first, whatever the schema.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const controlled = findControlCharacter(value);
  if (controlled !== null) throw new AppError("validation_failed", `${controlled}: must not contain control characters`, { param: controlled });
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new AppError("validation_failed", "The request is invalid");
  if (issue.code === "unrecognized_keys") {
    const param = [...issue.path, issue.keys[0]].map(String).join(".");
    throw new AppError("validation_failed", `Unknown parameter: ${param}`, { param });
  }
  const param = issue.path.map(String).join(".");
  if (!param) throw new AppError("validation_failed", issue.message);
  throw new AppError("validation_failed", `${param}: ${issue.message}`, { param });
}
