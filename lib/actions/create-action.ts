import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { ACCESS_MESSAGES, checkAccess, type AccessLevel, type SessionUser } from "@/lib/auth/access";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getRequestAddress } from "@/lib/auth/request-address";
import type { ActionState } from "@/lib/actions/action-state";
import { AppError } from "@/lib/errors";
import { findControlCharacter } from "@/lib/net/control-characters";
import { createLogger } from "@/lib/logger";

const log = createLogger("actions");

export interface ActionContext {
  user: SessionUser;
  address: string | null;
  requestId: string;
}

interface ActionConfig<S extends z.ZodType> {
  /** For logs: "payments.expire". */
  name: string;
  /** Parses the submitted form (as an object of its fields). */
  schema: S;
  auth: AccessLevel;
}

/**
 * A form server action with one shape everywhere: the caller's access is checked first — on the
 * server, whatever the page showed — then the input is parsed, then the use case runs. Only
 * AppError messages and validation problems reach the user; anything else is logged with the
 * action name and request id and answered "Something went wrong."
 */
export function createAction<S extends z.ZodType, T = undefined>(
  config: ActionConfig<S>,
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<ActionState<T>>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const requestId = randomUUID();
    const logger = log.child({ action: config.name, requestId });
    try {
      const decision = checkAccess(await getCurrentUser(), config.auth);
      if (!decision.ok) {
        logger.warn({ reason: decision.reason }, "server action refused");
        return { status: "error", message: ACCESS_MESSAGES[decision.reason] };
      }
      const fields = formObject(formData);
      // Whatever the schema says: PostgreSQL refuses NUL, and no form field needs a control character.
      const controlled = findControlCharacter(fields);
      if (controlled !== null) return { status: "error", message: `${controlled}: must not contain control characters`, fieldErrors: { [controlled]: "must not contain control characters" } };
      const parsed = config.schema.safeParse(fields);
      if (!parsed.success) return validationError(parsed.error);
      return await run(parsed.data, { user: decision.user, address: await getRequestAddress(), requestId });
    } catch (error) {
      // redirect() and notFound() work by throwing: they are not failures.
      unstable_rethrow(error);
      if (error instanceof AppError) return { status: "error", message: error.message };
      logger.error({ err: error }, "server action failed");
      return { status: "error", message: "Something went wrong. It has been logged; please try again." };
    }
  };
}

/** Form fields as an object; React's internal `$ACTION_…` fields are not the user's input. */
function formObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$ACTION") && typeof value === "string") out[key] = value;
  }
  return out;
}

function validationError(error: z.ZodError): ActionState<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    fieldErrors[key] ??= issue.message;
  }
  const first = error.issues[0];
  const message = first ? `${first.path.join(".") || "Input"}: ${first.message}` : "Check the form and try again.";
  return { status: "error", message, fieldErrors };
}

/**
 * The same checks for a form that needs no answer (mode switch, sign-out): refusals and failures
 * are logged and change nothing.
 */
export function createFormAction<S extends z.ZodType>(config: ActionConfig<S>, run: (input: z.infer<S>, ctx: ActionContext) => Promise<void>) {
  const action = createAction<S>(config, async (input, ctx) => {
    await run(input, ctx);
    return { status: "success", message: "" };
  });
  return async (formData: FormData): Promise<void> => {
    await action({ status: "idle" }, formData);
  };
}
