import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Next exposes every export of a "use server" file as a callable endpoint, so such a file must
// export nothing but actions (types are erased and allowed).
const dir = path.resolve(import.meta.dirname);
const serverFiles = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .filter((f) => /^\s*["']use server["']/.test(readFileSync(path.join(dir, f), "utf8")));

describe('"use server" files in lib/actions', () => {
  it("exist", () => {
    expect(serverFiles.length).toBeGreaterThan(3);
  });
  it.each(serverFiles)("%s exports only *Action functions", (file) => {
    const source = readFileSync(path.join(dir, file), "utf8");
    const exported = [...source.matchAll(/^export\s+(?:async\s+)?(?:const|let|var|function|class)\s+(\w+)/gm)].map((m) => m[1]);
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.filter((name) => !name!.endsWith("Action"))).toEqual([]);
    expect(source).not.toMatch(/^export\s+(default|\{|\*)/m);
  });
});
