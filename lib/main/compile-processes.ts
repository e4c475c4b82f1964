// npm run build:processes [-- <outdir>] – compiles the processes of the container image to JavaScript
// (by default beside their sources, as the image's build stage does).
import path from "node:path";
import { compileProcesses } from "@/lib/build/compile-processes";

const root = path.resolve(import.meta.dirname, "../..");
const outdir = path.resolve(process.argv[2] ?? root);
const files = await compileProcesses({ root, outdir });
console.log(`compiled ${files.length} processes into ${outdir}:\n${files.map((f) => `  ${f}`).join("\n")}`);
