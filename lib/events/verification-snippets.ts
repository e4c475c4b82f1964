/**
 * Webhook verification in the storefront's own language, shown verbatim on the API reference page
 * and in the README (a test keeps both the same as these, and runs each snippet against a signature
 * made by lib/webhooks/sign-payload.ts: Node and Python always, PHP where `php` is installed).
 * Each is self-contained, standard library only, and takes an optional clock for its tests.
 */

export interface VerificationSnippet {
  language: "node" | "python" | "php";
  title: string;
  /** The Markdown fence's info string. */
  fence: string;
  /** The function's name, for the tests that call it. */
  functionName: string;
  code: string;
}

const NODE = `import { createHmac, timingSafeEqual } from "node:crypto";

// Verifies a Malipo webhook. \`payload\` is the raw request body as received (a string, before any
// JSON parsing), \`header\` the Malipo-Signature header, \`secret\` the endpoint's whsec_… secret.
export function verifyMalipoWebhook(payload, header, secret, { toleranceSeconds = 300, now = Date.now() / 1000 } = {}) {
  const pairs = header.split(",").map((part) => part.trim().split("="));
  const timestamp = Number(pairs.find(([key]) => key === "t")?.[1]);
  const signatures = pairs.filter(([key, value]) => key === "v1" && /^[0-9a-f]{64}$/.test(value ?? "")).map(([, value]) => Buffer.from(value, "hex"));
  if (!Number.isInteger(timestamp) || signatures.length === 0 || Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(\`\${timestamp}.\${payload}\`, "utf8").digest();
  // One v1 per valid secret during a rotation: any match will do.
  return signatures.some((signature) => timingSafeEqual(signature, expected));
}

// Express: app.post("/webhooks/malipo", express.text({ type: "application/json" }), (req, res) => {
//   if (!verifyMalipoWebhook(req.body, req.get("Malipo-Signature") ?? "", process.env.MALIPO_WEBHOOK_SECRET)) return res.sendStatus(400);
//   const event = JSON.parse(req.body); // deduplicate on event.id, then act on event.data.object.status
//   res.sendStatus(204);
// });`;

const PYTHON = `import hashlib
import hmac
import time
from typing import Optional


def verify_malipo_webhook(payload: bytes, header: str, secret: str, tolerance_seconds: int = 300, now: Optional[float] = None) -> bool:
    """Verifies a Malipo webhook: payload is the raw request body (bytes, exactly as received),
    header the Malipo-Signature header, secret the endpoint's whsec_... secret."""
    pairs = [part.strip().split("=", 1) for part in header.split(",") if "=" in part]
    timestamps = [value for key, value in pairs if key == "t" and value.isdigit()]
    signatures = [value for key, value in pairs if key == "v1"]
    if not timestamps or not signatures:
        return False
    timestamp = int(timestamps[0])
    if abs((time.time() if now is None else now) - timestamp) > tolerance_seconds:
        return False
    expected = hmac.new(secret.encode("utf-8"), str(timestamp).encode("ascii") + b"." + payload, hashlib.sha256).hexdigest()
    # One v1 per valid secret during a rotation: any match will do.
    return any(hmac.compare_digest(expected, signature) for signature in signatures)


# Flask: payload = request.get_data(); header = request.headers.get("Malipo-Signature", "")
# if not verify_malipo_webhook(payload, header, os.environ["MALIPO_WEBHOOK_SECRET"]): abort(400)`;

const PHP = `<?php
// Verifies a Malipo webhook: $payload is the raw request body (file_get_contents('php://input')),
// $header the Malipo-Signature header, $secret the endpoint's whsec_... secret.
function verify_malipo_webhook(string $payload, string $header, string $secret, int $toleranceSeconds = 300, ?int $now = null): bool
{
    $timestamp = null;
    $signatures = [];
    foreach (explode(',', $header) as $part) {
        $pair = explode('=', trim($part), 2);
        if (count($pair) !== 2) {
            continue;
        }
        if ($pair[0] === 't' && ctype_digit($pair[1])) {
            $timestamp = (int) $pair[1];
        } elseif ($pair[0] === 'v1') {
            $signatures[] = $pair[1];
        }
    }
    if ($timestamp === null || count($signatures) === 0 || abs(($now ?? time()) - $timestamp) > $toleranceSeconds) {
        return false;
    }
    $expected = hash_hmac('sha256', $timestamp . '.' . $payload, $secret);
    // One v1 per valid secret during a rotation: any match will do.
    foreach ($signatures as $signature) {
        if (hash_equals($expected, $signature)) {
            return true;
        }
    }
    return false;
}

// if (!verify_malipo_webhook(file_get_contents('php://input'), $_SERVER['HTTP_MALIPO_SIGNATURE'] ?? '', getenv('MALIPO_WEBHOOK_SECRET'))) {
//     http_response_code(400);
//     exit;
// }`;

export const VERIFICATION_SNIPPETS: VerificationSnippet[] = [
  { language: "node", title: "Node.js (JavaScript, node:crypto)", fence: "js", functionName: "verifyMalipoWebhook", code: NODE },
  { language: "python", title: "Python 3 (standard library)", fence: "python", functionName: "verify_malipo_webhook", code: PYTHON },
  { language: "php", title: "PHP 7.4+ (no extension needed)", fence: "php", functionName: "verify_malipo_webhook", code: PHP },
];
