import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/logger";

/** Turns anything thrown by a route into the error contract's JSON response. */
export function errorResponse(error: unknown, logger: Logger): Response {
  const appError = toAppError(error);
  if (!appError) {
    logger.error({ err: error }, "unhandled error in route");
    const internal = new AppError("internal", "Something went wrong on our side. It has been logged; please retry.");
    return Response.json(internal.toBody(), { status: 500 });
  }
  return Response.json(appError.toBody(), { status: appError.status, headers: appError.headers });
}

export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const param = issue?.path.join(".") || undefined;
    return new AppError("validation_failed", issue ? `${param ? `${param}: ` : ""}${issue.message}` : "Invalid request", { param });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2025") return new AppError("not_found", "No such record");
  if (code === "P2002") return new AppError("conflict", "A record with these values already exists");
  return null;
}
