import type { IncomingMessage } from "node:http";
import { readBody } from "./http";

/** The JSON body of a /__sim endpoint; null when it is not a JSON object (the caller answers 400). */
export async function readSimJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const text = await readBody(req, 16 * 1024);
  try {
    const parsed: unknown = JSON.parse(text || "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
