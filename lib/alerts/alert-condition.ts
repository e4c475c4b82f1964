import { formatEat } from "@/lib/time/eat";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";

/** One thing an alert is about, found by a condition at one evaluation. */
export interface AlertFinding {
  /** Which one (a mode, a host, an endpoint id…): one open alert per condition and subject. */
  subject: string;
  /** One line for a person: what is wrong and where to look. */
  summary: string;
  /** Facts for machines (the JSON webhook's fields) and the dashboard. */
  details?: Record<string, string | number | boolean | null>;
}

export interface AlertEvaluation {
  db: Db;
  now: Date;
  env: Env;
  /** The rule's threshold, or the condition's default; null for conditions without one. */
  threshold: number | null;
}

/**
 * A condition that raises alerts: one small file in lib/alerts/conditions, listed in
 * lib/alerts/alert-conditions.ts. `evaluate` is read-only and cheap (a count or two), runs with an
 * injected `now`, and returns what holds now; the evaluator opens, keeps and resolves the alerts.
 */
export interface AlertCondition {
  kind: string;
  /** For the settings page and the e-mail subject. */
  title: string;
  /** What it watches and what to do, for the settings page. */
  description: string;
  severity: "critical" | "warning";
  threshold?: { label: string; unit: string; min: number; max: number; default: (env: Env) => number };
  evaluate(context: AlertEvaluation): Promise<AlertFinding[]>;
}

/** Modes as a person reads them. */
export function modeName(mode: "TEST" | "LIVE"): string {
  return mode === "LIVE" ? "live" : "test";
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** An instant as a person reads it in a message: East Africa Time. */
export function eat(date: Date): string {
  return `${formatEat(date)} EAT`;
}
