import { existsSync } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";

/**
 * `npm start` builds the web app only when its sources changed since the last build: a stamp of
 * every source file's path, size and mtime is stored beside the build.
 */

const SOURCE_DIRS = ["app", "components", "lib"];
const SOURCE_FILES = ["next.config.ts", "proxy.ts", "tailwind.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
const STAMP = ".next/malipo-build-stamp";

export async function sourceStamp(root: string): Promise<string> {
  const hash = createHash("sha256");
  const files: string[] = [...SOURCE_FILES.map((f) => path.join(root, f))];
  for (const dir of SOURCE_DIRS) files.push(...(await listFiles(path.join(root, dir))));
  for (const file of files.sort()) {
    if (!existsSync(file)) continue;
    const s = await stat(file);
    hash.update(`${path.relative(root, file)}:${s.size}:${s.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

export async function needsBuild(root: string): Promise<boolean> {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) return true;
  const previous = await readFile(path.join(root, STAMP), "utf8").catch(() => "");
  return previous !== (await sourceStamp(root));
}

export async function recordBuild(root: string): Promise<void> {
  await writeFile(path.join(root, STAMP), await sourceStamp(root));
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (!/\.(test|int\.test)\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}
