/**
 * Lighthouse through its Node API, against a Chromium of its own: Debian's, started headless with a
 * DevTools port (the flags chrome-launcher would pass are the e2e suite's, so no second launcher is
 * needed). Each run opens a fresh tab and Lighthouse clears the browser's cache and storage first.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import lighthouse, { desktopConfig } from "lighthouse";
import { CHROMIUM_LAUNCH } from "../../e2e/support/chromium";
import { onCleanup } from "./cleanup";
import { DEVTOOLS_PORT_BASE, freePort, sleep, tempDir } from "./servers";

/** One Lighthouse run's performance figures. */
export type LighthouseRun = {
  /** 0–100. */
  score: number;
  /** Total Blocking Time, ms (simulated). */
  tbt: number;
  /** Largest Contentful Paint, ms (simulated). */
  lcp: number;
  cls: number;
  /** JavaScript boot-up time: script evaluation, parsing and compiling, ms (CPU-throttled). */
  bootup: number;
  /** DOM elements. */
  dom: number;
  /** 1-minute load average of the machine just before and just after the run. */
  load: [number, number];
  /** How long Lighthouse took, s (on a busy machine the dashboard takes minutes where /keys takes seconds). */
  seconds: number;
};

export type FormFactor = "mobile" | "desktop";

export async function launchLighthouseChrome(): Promise<{ port: number }> {
  const port = await freePort(DEVTOOLS_PORT_BASE);
  const profile = tempDir("bench-lighthouse-profile-");
  const child = spawn(
    CHROMIUM_LAUNCH.executablePath,
    [
      "--headless=new",
      ...CHROMIUM_LAUNCH.args,
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  onCleanup(
    `lighthouse chromium (pid ${child.pid})`,
    async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
    () => child.kill("SIGKILL"),
  );
  const deadline = Date.now() + 30_000;
  while ((await fetch(`http://127.0.0.1:${port}/json/version`).catch(() => null))?.ok !== true) {
    if (child.exitCode !== null) throw new Error("Lighthouse's Chromium exited before it was ready");
    if (Date.now() > deadline) throw new Error("Lighthouse's Chromium was not ready within 30 s");
    await sleep(100);
  }
  return { port };
}

/**
 * The default config is Lighthouse's mobile preset (a mid-range phone, simulated slow 4G and a 4× slower
 * CPU); `desktop` is its desktop preset. Only the performance category runs.
 */
export async function lighthouseRun(port: number, url: string, form: FormFactor): Promise<LighthouseRun> {
  const before = os.loadavg()[0]!;
  const result = await lighthouse(
    url,
    // The full-page screenshot is for the HTML report; on a busy machine it takes longer than the page.
    {
      port,
      logLevel: "error",
      output: "json",
      onlyCategories: ["performance"],
      disableFullPageScreenshot: true,
    },
    form === "desktop" ? desktopConfig : undefined,
  );
  const after = os.loadavg()[0]!;
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
  const audit = (id: string) => {
    const value = lhr.audits[id]?.numericValue;
    if (value === undefined)
      throw new Error(`Lighthouse on ${url}: no ${id} (${lhr.runWarnings.join("; ")})`);
    return value;
  };
  const score = lhr.categories.performance?.score;
  if (score === null || score === undefined) throw new Error(`Lighthouse on ${url}: no performance score`);
  return {
    score: Math.round(score * 100),
    tbt: audit("total-blocking-time"),
    lcp: audit("largest-contentful-paint"),
    cls: audit("cumulative-layout-shift"),
    bootup: audit("bootup-time"),
    dom: audit("dom-size"),
    load: [before, after],
    seconds: lhr.timing.total / 1000,
  };
}
