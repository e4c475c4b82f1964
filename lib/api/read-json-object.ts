import { AppError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/api/read-limited-body";

/** Storefront requests are small: a payment with 20 metadata entries fits in a few kilobytes. */
export const API_MAX_BODY_BYTES = 32 * 1024;

/** Reads the body as a JSON object: 415 for another media type, 413 past the cap, 400 otherwise. */
export async function readJsonObject(req: Request, maxBytes = API_MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const type = req.headers.get("content-type");
  if (type && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type.trim())) {
    throw new AppError("unsupported_media_type", `Send the body as JSON with Content-Type: application/json (got ${type.slice(0, 80)})`);
  }
  const body = await readLimitedBody(req, maxBytes);
  if (body.truncated) throw new AppError("payload_too_large", `The request body must be at most ${maxBytes} bytes`);
  if (body.text.trim() === "") throw new AppError("invalid_json", "The request body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(body.text);
  } catch (error) {
    throw new AppError("invalid_json", `The request body is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("invalid_request", "The request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}
