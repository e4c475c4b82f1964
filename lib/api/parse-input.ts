import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses request input; the first problem becomes a 422 naming the field in `param`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
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
