import type { AppServer, simControl } from "./servers";
import type { Browser } from "@playwright/test";
import type { DashboardLoad } from "./dashboard";

export const IDS = ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"] as const;
export type Id = (typeof IDS)[number];

export type Figure = {
  id: Id;
  label: string;
  /** What was measured and what it was measured against, both as printed. */
  measured: string;
  baseline: string;
  value: number;
  unit: "×" | "ms" | "kB";
  goal: string;
  pass: boolean;
  details: Record<string, unknown>;
};

/** What every figure gets from the orchestrator (bench/run.ts): the flags and where to write. */
export type BenchContext = {
  runs: number;
  /** P4 and P5's raw scan cost 10–30 s a run, so they default to fewer runs unless --runs says otherwise. */
  heavyRuns: number;
  rows: number;
  p5BudgetSeconds: number;
  p4Seconds: number;
  log: (message: string) => void;
  /** A remark printed under the results table. */
  note: (message: string) => void;
};

/** The dashboard figures' shared set-up: one seeded server, one browser, one recorded load. */
export type DashboardContext = BenchContext & {
  app: AppServer;
  browser: Browser;
  ctl: ReturnType<typeof simControl>;
  /** A static page the size of the dashboard's document, served by the same server. */
  staticUrl: string;
  /** Every script the dashboard loaded so far; P1 adds what its loads fetch, P6 weighs them. */
  scripts: Set<string>;
  load: DashboardLoad;
};
