import { mkdtemp, mkdir, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { needsBuild, recordBuild } from "@/lib/launcher/build-if-needed";

async function project() {
  const root = await mkdtemp(path.join(tmpdir(), "malipo-stamp-"));
  await mkdir(path.join(root, "app"), { recursive: true });
  await mkdir(path.join(root, ".next"), { recursive: true });
  await writeFile(path.join(root, "app/page.tsx"), "export default 1;\n");
  return root;
}

describe("needsBuild", () => {
  it("builds when there is no build yet", async () => {
    expect(await needsBuild(await project())).toBe(true);
  });

  it("skips the build when nothing changed since the recorded one, and builds after a source edit", async () => {
    const root = await project();
    await writeFile(path.join(root, ".next/BUILD_ID"), "x");
    await recordBuild(root);
    expect(await needsBuild(root)).toBe(false);
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(root, "app/page.tsx"), later, later);
    expect(await needsBuild(root)).toBe(true);
  });

  it("ignores test files, which are not part of the web app", async () => {
    const root = await project();
    await writeFile(path.join(root, ".next/BUILD_ID"), "x");
    await recordBuild(root);
    await writeFile(path.join(root, "app/page.test.tsx"), "test file");
    expect(await needsBuild(root)).toBe(false);
  });
});
