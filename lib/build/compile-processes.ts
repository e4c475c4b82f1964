import path from "node:path";
import { build } from "esbuild";

/**
 * Every process the container image runs, compiled from TypeScript to JavaScript once at image
 * build time, so production never transpiles at start (no tsx). Each entry point is written beside
 * its source path (lib/main/web.ts → <outdir>/lib/main/web.js), so code that finds files from
 * its own location (the migrations folder, the Next app) finds them in the image as in the tree.
 */
export const PROCESS_ENTRY_POINTS = [
  "lib/main/web.ts",
  "worker/index.ts",
  "lib/main/migrate.ts",
  "lib/main/daraja-simulator.ts",
  "lib/main/worker-alive.ts",
  "lib/main/create-user.ts",
] as const;

/** The Node version the image runs (pg-boss 12 needs 22.12 or later). */
export const NODE_TARGET = "node22.12";

export interface CompileProcessesOptions {
  root: string;
  outdir: string;
}

/**
 * Bundles our own modules (the `@/` alias resolved, the generated Prisma client included) and
 * leaves every npm package as an import, resolved from node_modules at run time.
 */
export async function compileProcesses({ root, outdir }: CompileProcessesOptions): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: PROCESS_ENTRY_POINTS.map((entry) => path.join(root, entry)),
    outbase: root,
    outdir,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: NODE_TARGET,
    tsconfig: path.join(root, "tsconfig.json"),
    sourcemap: "linked",
    metafile: true,
    logLevel: "silent",
  });
  // Metafile paths are relative to the working directory; callers want them relative to outdir.
  return Object.keys(result.metafile.outputs)
    .filter((file) => file.endsWith(".js"))
    .map((file) => path.relative(outdir, path.resolve(root, file)))
    .sort();
}
