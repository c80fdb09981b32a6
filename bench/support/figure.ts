import type { AppServer, simControl } from "./servers";
import type { Browser } from "@playwright/test";
import type { DashboardLoad } from "./dashboard";
import type { Pages } from "./pages";

export const IDS = ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10"] as const;
export type Id = (typeof IDS)[number];

export type Figure = {
  id: Id;
  label: string;
  /** What was measured and what it was measured against, both as printed. */
  measured: string;
  baseline: string;
  value: number;
  /** `score`: Lighthouse's 0–100. */
  unit: "×" | "ms" | "kB" | "score";
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
  /** Lighthouse runs per page and form factor (P10), medians. */
  lighthouseRuns: number;
  log: (message: string) => void;
  /** A remark printed under the results table. */
  note: (message: string) => void;
};

/** The dashboard figures' shared set-up: one seeded server, one browser, one recorded load. */
export type DashboardContext = BenchContext & {
  app: AppServer;
  browser: Browser;
  ctl: ReturnType<typeof simControl>;
  load: DashboardLoad;
  /** Each page's loads against its static twin, measured once for whichever figures ask. */
  pages: Pages;
};
