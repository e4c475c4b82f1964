import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The import graph of lib's production files (tests and generated code left out), for the
 * architecture test. A "folder" is the first level under lib/: `lib/payments/x.ts` and
 * `lib/payments/y/z.ts` are both "payments"; a file at lib's top (`lib/env.ts`) is its own, "env".
 */

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface SourceFile {
  /** Repository-relative, e.g. "lib/payments/state.ts". */
  path: string;
  text: string;
}

export interface ImportEdge {
  from: string;
  /** The resolved repository-relative file ("app/…", "lib/…"). */
  to: string;
}

export interface ImportGraph {
  imports: ImportEdge[];
  /** Folder → the folders it imports (itself left out). */
  folders: Map<string, Set<string>>;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

export function readSources(dir = "lib"): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(ROOT, rel))) {
      const child = `${rel}/${name}`;
      if (name === "generated" || name.startsWith(".")) continue;
      if (statSync(path.join(ROOT, child)).isDirectory()) walk(child);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push({ path: child, text: readFileSync(path.join(ROOT, child), "utf8") });
    }
  };
  walk(dir);
  return out;
}

export function folderOf(file: string): string | null {
  const parts = file.split("/");
  if (parts[0] !== "lib" || parts.length < 2) return null;
  return parts.length === 2 ? parts[1]!.replace(/\.tsx?$/, "") : parts[1]!;
}

export function importGraph(sources: readonly SourceFile[]): ImportGraph {
  const imports: ImportEdge[] = [];
  const folders = new Map<string, Set<string>>();
  for (const source of sources) {
    const from = folderOf(source.path)!;
    if (!folders.has(from)) folders.set(from, new Set());
    for (const match of source.text.matchAll(SPECIFIER)) {
      const to = resolve(match[1]!, source.path);
      if (!to || to.startsWith("lib/generated/")) continue;
      imports.push({ from: source.path, to });
      const target = folderOf(to);
      if (target && target !== from) folders.get(from)!.add(target);
    }
  }
  return { imports, folders };
}

/** A loop of folders ([a, b, a]), or [] when the graph is acyclic. */
export function findCycle(folders: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] => {
    state.set(node, "open");
    stack.push(node);
    for (const next of [...(folders.get(node) ?? [])].sort()) {
      if (state.get(next) === "open") return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found.length) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return [];
  };
  for (const node of [...folders.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found.length) return found;
  }
  return [];
}

function resolve(specifier: string, importer: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(importer), specifier));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`]) {
    if (existsSync(path.join(ROOT, candidate)) && statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  }
  return base;
}
