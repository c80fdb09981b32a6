import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { SIM_KEYS } from "../fal-simulator/keys";
import { APP_PORT, KEY_FILE, SCREENSHOT_DIR, SIM_URL } from "./constants";

/** Talks to the simulator's control API: faults, modes, counters. */
export const sim = {
  async reset() {
    await post("/_sim/reset", {});
  },
  async fault(fault: Record<string, unknown>) {
    await post("/_sim/faults", fault);
  },
  async mode(mode: Record<string, unknown>) {
    await post("/_sim/mode", mode);
  },
  async stats(): Promise<{ total: number; by_endpoint: Record<string, number> }> {
    const res = await fetch(`${SIM_URL}/_sim/stats`);
    return (await res.json()) as { total: number; by_endpoint: Record<string, number> };
  },
};

async function post(p: string, body: unknown) {
  const res = await fetch(`${SIM_URL}${p}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator ${p} answered ${res.status}`);
}

/** Rewrites the key file the app reads its ADMIN key from (rotation without restart). */
export function useKey(key: keyof typeof SIM_KEYS | "none" | { raw: string }) {
  const value = key === "none" ? "" : typeof key === "object" ? key.raw : SIM_KEYS[key];
  writeFileSync(KEY_FILE, value ? `${value}\n` : "");
}

/**
 * "Verify now": re-probes the key and drops the app's cached fal answers, so the next page load sees
 * the state a spec just set up instead of a previous spec's last good data.
 */
export async function refreshApp() {
  await fetch(`http://127.0.0.1:${APP_PORT}/api/health/providers?refresh=1`);
}

/** Browsers log every non-2xx fetch; the degraded AI routes answer 5xx on purpose, so those are expected. */
export function unexpectedConsoleErrors(errors: { text: string; url: string }[]): string[] {
  return errors
    .filter(
      (e) =>
        !(
          // The degraded AI routes answer 5xx on purpose; any route answers a bad link's query with a 400.
          (/^Failed to load resource: the server responded with a status of 5\d\d/.test(e.text) &&
            /\/api\/(ai|health)\//.test(e.url)) ||
          (/^Failed to load resource: the server responded with a status of 400/.test(e.text) &&
            /\/api\//.test(e.url))
        ),
    )
    .map((e) => `${e.text} @ ${e.url}`);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Every spec starts from a healthy world and fails on any console error or uncaught exception. */
export const test = base.extend<{ consoleErrors: { text: string; url: string }[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: { text: string; url: string }[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push({ text: m.text(), url: m.location().url });
      });
      page.on("pageerror", (e) => errors.push({ text: `uncaught: ${e.message}`, url: page.url() }));
      await sim.reset();
      useKey("admin");
      await refreshApp();
      await use(errors);
      useKey("admin");
      await sim.reset();
      // Checked here rather than in each spec, so no page-driving spec can forget it.
      expect(unexpectedConsoleErrors(errors), "console errors or uncaught exceptions").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
