import type { LoadTiming } from "./browser";
import type { AppServer } from "./servers";

/** What one dashboard load asks the server, in the two waves a browser sends it. */
export type DashboardLoad = { document: string; first: string[]; then: string[] };

/**
 * From a real browser load: the first wave is every API request sent before any API answer came back
 * (the panels' own queries); the rest waited for an answer (the previous-window deltas).
 */
export function wavesOf(appUrl: string, timing: LoadTiming): DashboardLoad {
  const firstAnswer = Math.min(...timing.api.map((a) => a.end));
  return {
    document: `${appUrl}/`,
    first: timing.api.filter((a) => a.start < firstAnswer).map((a) => a.url),
    then: timing.api.filter((a) => a.start >= firstAnswer).map((a) => a.url),
  };
}

/**
 * Replays a load over HTTP; returns how many answers were not 2xx. The document comes first and whole:
 * rendering it runs the server prefetch (lib/prefetch.ts), i.e. the panels' fal calls, and the browser
 * only asks the API for what that left out (the previous-window deltas) once it has the page.
 */
export async function replay(load: DashboardLoad): Promise<number> {
  const get = async (url: string) => {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.ok ? 0 : 1;
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const document = await get(load.document);
  const first = sum(await Promise.all(load.first.map(get)));
  return document + first + sum(await Promise.all(load.then.map(get)));
}

/** "Verify now": drops every cached fal answer, so the next load is cold. */
export async function clearFalCache(app: AppServer): Promise<void> {
  const res = await fetch(`${app.url}/api/health/providers?refresh=1`);
  await res.arrayBuffer();
}

/** A plain page of text, exactly `bytes` long: what a browser shows fastest for that many bytes. */
export function staticPage(bytes: number): string {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Static twin</title></head><body><main><h1>fal analytics</h1>`;
  const tail = `</main></body></html>\n`;
  const paragraph =
    "<p>Event metrics, fal spend and model performance for the same window: photos generated, views and shares per event, cost per photo, requests, errors and latency percentiles per model.</p>\n";
  let body = "";
  while (head.length + body.length + paragraph.length + tail.length <= bytes) body += paragraph;
  const pad = bytes - head.length - body.length - tail.length;
  return head + body + (pad >= 7 ? `<!--${" ".repeat(pad - 7)}-->` : " ".repeat(Math.max(0, pad))) + tail;
}

export function pathOf(url: string): string {
  const u = new URL(url);
  return decodeURIComponent(u.pathname + u.search);
}
