export interface LimitedBody {
  /** UTF-8 text of at most `maxBytes` bytes; NUL characters (which PostgreSQL text refuses) become U+FFFD. */
  text: string;
  /** Bytes kept. */
  bytes: number;
  /** The sender had more to say than `maxBytes`: the rest was not read. */
  truncated: boolean;
}

/**
 * Reads a request body while counting bytes, and stops at the cap: an oversized or endless body
 * never sits in memory whole, whatever Content-Length claims.
 */
export async function readLimitedBody(req: Request, maxBytes: number): Promise<LimitedBody> {
  if (!req.body) return { text: "", bytes: 0, truncated: false };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - bytes;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      bytes += room;
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    bytes += value.byteLength;
  }
  const text = new TextDecoder("utf-8").decode(Buffer.concat(chunks));
  return { text: text.replaceAll("\u0000", "\uFFFD"), bytes, truncated };
}
