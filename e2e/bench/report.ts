import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** One line of the report: a measured figure, what we aim for, and whether it met the aim. */
export interface Figure {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≤ 20 ms" or "≥ 0.7× baseline". */
  target?: string;
  met?: boolean;
  note?: string;
}

export interface Report {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  smoke: boolean;
  figures: Figure[];
  series: Record<string, unknown>;
}

export function machineInfo(): Report["machine"] {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function toMarkdown(report: Report): string {
  const lines = [
    `# Malipo benchmark${report.smoke ? " (smoke run: figures are not meaningful)" : ""}`,
    "",
    `${report.date} · ${report.machine.cpus} cores (${report.machine.cpuModel}) · ${report.machine.memoryGiB} GiB · Node ${report.machine.node}`,
    "",
    "| Scenario | Metric | Value | Target | Met |",
    "|---|---|---|---|---|",
    ...report.figures.map((f) =>
      `| ${f.scenario} | ${f.metric}${f.note ? ` (${f.note})` : ""} | ${formatFigure(f.value)} ${f.unit} | ${f.target ?? ""} | ${f.met === undefined ? "" : f.met ? "yes" : "**no**"} |`,
    ),
  ];
  lines.push("", targetSummary(report));
  return lines.join("\n") + "\n";
}

/** The run's verdict: how many targets were met, and which were missed with their figures. */
export function targetSummary(report: Pick<Report, "figures">): string {
  const judged = report.figures.filter((f) => f.met !== undefined);
  const missed = judged.filter((f) => f.met === false);
  const head = `Targets met: ${judged.length - missed.length} of ${judged.length}.`;
  if (missed.length === 0) return judged.length ? `${head} Every target with a figure was met.` : head;
  return `${head} Missed: ${missed.map((f) => `${f.scenario} / ${f.metric} ${formatFigure(f.value)} ${f.unit} (target ${f.target ?? "?"})`).join("; ")}.`;
}

export async function writeReport(report: Report, dir: string): Promise<{ markdown: string; json: string }> {
  await mkdir(dir, { recursive: true });
  const markdown = path.join(dir, "latest.md");
  const json = path.join(dir, "latest.json");
  await writeFile(markdown, toMarkdown(report));
  await writeFile(json, JSON.stringify(report, (_k, v) => (typeof v === "bigint" ? Number(v) : v), 2));
  return { markdown, json };
}

export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en-US") : String(Math.round(value * 100) / 100);
}
