import { AppError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-limited-body";

/** Storefront requests are small: a payment with 20 metadata entries fits in a few kilobytes. */
export const API_MAX_BODY_BYTES = 32 * 1024;

/**
 * Reads the body as a JSON object: 413 past the cap, 400 for anything else. The Content-Type is not
 * enforced: `curl -d` sends JSON labelled as a form, and the body decides either way.
 */
export async function readJsonObject(req: Request, maxBytes = API_MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const body = await readLimitedBody(req, maxBytes);
  if (body.truncated) throw new AppError("payload_too_large", `The request body must be at most ${maxBytes} bytes`);
  if (body.text.trim() === "") throw new AppError("invalid_json", "The request body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(body.text);
  } catch (error) {
    throw new AppError("invalid_json", `The request body is not valid JSON (${(error as Error).message}); send a JSON object`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("invalid_request", "The request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}
