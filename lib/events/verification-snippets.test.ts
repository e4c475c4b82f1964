import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { VERIFICATION_SNIPPETS, type VerificationSnippet } from "@/lib/events/verification-snippets";
import { signPayload } from "@/lib/webhooks/sign-payload";

const README = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
const SECRET = "whsec_current0123456789abcdefABCDEF";
const OLD_SECRET = "whsec_previous0123456789abcdefABCD";
// A fixed instant: the snippets take the clock as an argument, so nothing here reads the real one.
const T = 1_796_000_000;
const BODY = JSON.stringify({ id: "evt_snippet", type: "payment.succeeded", data: { object: { id: "pay_x", reference: "Wanjikũ-1", amount: 150 } } });

/** The snippet plus a few lines that read the body from stdin and the rest from the environment. */
const HARNESS: Record<VerificationSnippet["language"], { file: string; command: string; wrap: (code: string, dir: string) => string }> = {
  node: {
    file: "run.mjs", command: process.execPath,
    wrap: (code, dir) => {
      writeFileSync(path.join(dir, "verify.mjs"), code);
      return 'import { verifyMalipoWebhook } from "./verify.mjs";\nlet body = "";\nprocess.stdin.setEncoding("utf8");\nfor await (const chunk of process.stdin) body += chunk;\n'
        + 'console.log(verifyMalipoWebhook(body, process.env.HEADER, process.env.SECRET, { now: Number(process.env.NOW) }) ? "valid" : "invalid");\n';
    },
  },
  python: {
    file: "run.py", command: "python3",
    wrap: (code) => `${code}\n\nimport os, sys\nprint("valid" if verify_malipo_webhook(sys.stdin.buffer.read(), os.environ["HEADER"], os.environ["SECRET"], now=float(os.environ["NOW"])) else "invalid")\n`,
  },
  php: {
    file: "run.php", command: "php",
    wrap: (code) => `${code}\n\necho verify_malipo_webhook(file_get_contents('php://stdin'), getenv('HEADER'), getenv('SECRET'), 300, (int) getenv('NOW')) ? 'valid' : 'invalid';\n`,
  },
};

const CASES = [
  { name: "a genuine webhook", body: BODY, header: signPayload({ payload: BODY, secrets: [SECRET], timestamp: T }), now: T + 10, expected: "valid" },
  { name: "signed with both secrets during a rotation", body: BODY, header: signPayload({ payload: BODY, secrets: [OLD_SECRET, SECRET], timestamp: T }), now: T, expected: "valid" },
  { name: "a tampered body", body: BODY.replace("150", "15000"), header: signPayload({ payload: BODY, secrets: [SECRET], timestamp: T }), now: T, expected: "invalid" },
  { name: "another secret", body: BODY, header: signPayload({ payload: BODY, secrets: [OLD_SECRET], timestamp: T }), now: T, expected: "invalid" },
  { name: "a replay ten minutes later", body: BODY, header: signPayload({ payload: BODY, secrets: [SECRET], timestamp: T }), now: T + 600, expected: "invalid" },
  { name: "a malformed header", body: BODY, header: "v1=nothex,t=", now: T, expected: "invalid" },
];

function run(snippet: VerificationSnippet, input: (typeof CASES)[number]): string {
  const harness = HARNESS[snippet.language];
  const dir = mkdtempSync(path.join(tmpdir(), `malipo-snippet-${snippet.language}-`));
  writeFileSync(path.join(dir, harness.file), harness.wrap(snippet.code, dir));
  const result = spawnSync(harness.command, [harness.file], {
    cwd: dir, input: input.body, encoding: "utf8", timeout: 20_000,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HEADER: input.header, SECRET, NOW: String(input.now) } as unknown as NodeJS.ProcessEnv,
  });
  if (result.error || result.status !== 0) throw new Error(`${snippet.language} snippet failed: ${result.error?.message ?? result.stderr}`);
  return result.stdout.trim();
}

const phpInstalled = spawnSync("php", ["-v"], { encoding: "utf8" }).status === 0;

describe("webhook verification snippets", () => {
  it.each(VERIFICATION_SNIPPETS)("the README shows the $language snippet verbatim", (snippet) => {
    expect(README).toContain(`\`\`\`${snippet.fence}\n${snippet.code}\n\`\`\``);
  });

  for (const snippet of VERIFICATION_SNIPPETS.filter((s) => s.language !== "php")) {
    it.each(CASES)(`the ${snippet.language} snippet, run by ${snippet.language === "node" ? "node" : "python3"}, judges $name: $expected`, (input) => {
      expect(run(snippet, input)).toBe(input.expected);
    });
  }

  // PHP is not installed on every machine this runs on: the snippet is always checked to be the
  // one shown, and run (every case) only where `php` exists; the test's name says which happened.
  const php = VERIFICATION_SNIPPETS.find((s) => s.language === "php")!;
  it(`the PHP snippet is shown${phpInstalled ? ", and judges every case right under php" : " (php is not installed here, so it is not run)"}`, () => {
    expect(php.code).toMatch(/^<\?php\n/);
    expect(php.code).toContain(`function ${php.functionName}(`);
    if (phpInstalled) for (const input of CASES) expect([input.name, run(php, input)]).toEqual([input.name, input.expected]);
  });
});
