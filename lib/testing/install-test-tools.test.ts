import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/** .ci/install-test-tools, which npm test and CI run first: a wrong CHROMIUM_PATH stops it with one clear line. */
const script = path.resolve(import.meta.dirname, "../../.ci/install-test-tools");

describe(".ci/install-test-tools", () => {
  it("fails at once, naming the setting, when CHROMIUM_PATH points at nothing", async () => {
    const result = await promisify(execFile)("bash", [script], { env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", CHROMIUM_PATH: "/nonexistent/chromium" } })
      .then(() => ({ code: 0, stderr: "" }), (error: { code: number; stderr: string }) => error);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("CHROMIUM_PATH=/nonexistent/chromium is not an executable: point it at a Chromium, or unset it to use Debian's /usr/bin/chromium");
  });
});
