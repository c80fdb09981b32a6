/**
 * Every page of the app measured the same way, once per run, whichever figures ask (P1 and P6 for the
 * dashboard, P9 for each page): warm loads interleaved with loads of a static twin of the same size, and
 * one load with every /_next/static/chunks/ script blocked. P10 (Lighthouse) adds its figures per page.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";
import { timedLoad, type LoadTiming } from "./browser";
import { onCleanup } from "./cleanup";
import type { LighthouseRun } from "./lighthouse";
import { staticPage } from "./dashboard";
import { PAINTED, type PaintedPage } from "./painted";
import { ROOT, defaultQuery, type AppServer } from "./servers";
import { median } from "./stats";

export const PAGE_IDS = ["dashboard", "keys", "alerts", "model"] as const;
export type PageId = (typeof PAGE_IDS)[number];

export type PageSpec = { id: PageId; path: string; painted: PaintedPage };

export type ScriptFile = { path: string; raw: number; gzip: number };

/** One page's warm loads against its static twin, and what its JavaScript weighs. */
export type PageMeasure = {
  page: PageSpec;
  loads: LoadTiming[];
  statics: LoadTiming[];
  /** The load with every chunk blocked: `done >= 0` when the server's HTML alone paints the page. */
  blocked: LoadTiming;
  staticBytes: number;
  /** Medians over the loads, ms. */
  done: number;
  lcp: number;
  staticDone: number;
  staticLcp: number;
  js: JsFigures;
};

/**
 * (a) needed before the first paint that shows the whole page: nothing when the load with every chunk
 *     blocked paints it too; otherwise every script fetched before that paint (the page cannot paint
 *     without its chunks, so all of them are counted).
 * (b) needed to be interactive: every script fetched before hydration finished (`data-hydrated`), plus
 *     the chunks fetched lazily during the load, until no script arrived for a second.
 * Each a median over the loads, gzip of the built file (zlib's default level, what next start sends).
 */
export type JsFigures = {
  neededBeforePaint: number;
  fetchedBeforePaint: number;
  beforeHydration: number;
  lazy: number;
  interactive: number;
  /** The files of the load with the median interactive weight. */
  files: (ScriptFile & { beforePaint: boolean; beforeHydration: boolean })[];
};

/** Placeholders for every page's static twin: next start lists public/ once, before any page is known. */
export function staticTwins(): Record<PageId, { name: string; file: string }> {
  const twins = Object.fromEntries(
    PAGE_IDS.map((id) => {
      const name = `__bench-static-${process.pid}-${id}.html`;
      return [id, { name, file: path.join(ROOT, "public", name) }];
    }),
  ) as Record<PageId, { name: string; file: string }>;
  for (const { name, file } of Object.values(twins)) {
    writeFileSync(file, "<!doctype html><title>bench</title>");
    const remove = () => rmSync(file, { force: true });
    onCleanup(`remove public/${name}`, remove, remove);
  }
  return twins;
}

/**
 * The busiest model in the dashboard's default window (fal's analytics count, as `/api/ai/model`
 * answers it): the model page worth measuring.
 */
export async function busiestModel(app: AppServer): Promise<{ endpointId: string; requests: number }> {
  const query = defaultQuery();
  const json = async (p: string) => {
    const res = await fetch(`${app.url}${p}`);
    if (!res.ok) throw new Error(`${p} answered ${res.status}`);
    return (await res.json()) as unknown;
  };
  const perf = (await json(`/api/ai/performance?${query}`)) as {
    models: { endpoint_id: string; requests: number }[];
  };
  const busiest = perf.models.toSorted((a, b) => b.requests - a.requests)[0];
  if (!busiest) throw new Error("fal lists no model with requests in the window");
  const model = (await json(
    `/api/ai/model?${query}&endpoint_id=${encodeURIComponent(busiest.endpoint_id)}`,
  )) as { requests: number };
  return { endpointId: busiest.endpoint_id, requests: model.requests };
}

export type Pages = {
  spec(id: PageId): Promise<PageSpec>;
  /** Measured once per run, on first request. */
  measure(id: PageId): Promise<PageMeasure>;
  /** The page's path once `spec` has resolved it (the model page's needs a request). */
  pathOf(id: PageId): string | undefined;
  /** What has been measured so far, in page order. */
  measured(): PageMeasure[];
  /** P10's medians, by `${page}:${form factor}`; `load` is the range of load averages over its runs. */
  lighthouse: Map<string, LighthouseRun>;
};

export function pages(opts: {
  app: AppServer;
  browser: Browser;
  runs: number;
  twins: Record<PageId, { name: string; file: string }>;
  log: (message: string) => void;
}): Pages {
  const { app, browser, runs, twins, log } = opts;
  const done = new Map<PageId, PageMeasure>();
  const pending = new Map<PageId, Promise<PageMeasure>>();
  let model: Promise<string> | null = null;
  const files = new Map<string, ScriptFile>();

  const paths = new Map<PageId, string>();
  const spec = async (id: PageId): Promise<PageSpec> => {
    let page: PageSpec;
    if (id === "dashboard") page = { id, path: "/", painted: "panels" };
    else if (id !== "model") page = { id, path: `/${id}`, painted: id };
    else {
      model ??= busiestModel(app).then((m) => `/models/${m.endpointId}`);
      page = { id, path: await model, painted: "model" };
    }
    paths.set(id, page.path);
    return page;
  };

  const weigh = (url: string): ScriptFile => {
    const known = files.get(url);
    if (known) return known;
    const { pathname, origin } = new URL(url);
    if (origin !== app.url || !pathname.startsWith("/_next/static/"))
      throw new Error(`script from outside .next/static: ${url}`);
    const file = path.join(ROOT, ".next/static", decodeURIComponent(pathname.slice("/_next/static/".length)));
    if (!existsSync(file))
      throw new Error(`${pathname} is not in .next/static (is the build the one being served?)`);
    const bytes = readFileSync(file);
    const weighed = { path: pathname, raw: bytes.byteLength, gzip: gzipSync(bytes).byteLength };
    files.set(url, weighed);
    return weighed;
  };
  const kB = (urls: readonly string[]) => [...new Set(urls)].reduce((a, u) => a + weigh(u).gzip, 0) / 1000;

  const jsOf = (page: PageSpec, loads: LoadTiming[], blocked: LoadTiming): JsFigures => {
    const per = loads.map((t) => {
      if (t.hydrated < 0) throw new Error(`${page.path} never set data-hydrated (app/providers.tsx)`);
      const paint = t.js.filter((s) => s.end <= t.done).map((s) => s.url);
      const hydration = t.js.filter((s) => s.end <= t.hydrated).map((s) => s.url);
      const all = t.js.map((s) => s.url);
      return { t, paint: kB(paint), hydration: kB(hydration), all: kB(all) };
    });
    const typical = per.toSorted((a, b) => a.all - b.all)[Math.floor((per.length - 1) / 2)]!.t;
    const fetchedBeforePaint = median(per.map((p) => p.paint));
    return {
      neededBeforePaint: blocked.done >= 0 ? 0 : fetchedBeforePaint,
      fetchedBeforePaint,
      beforeHydration: median(per.map((p) => p.hydration)),
      lazy: median(per.map((p) => p.all - p.hydration)),
      interactive: median(per.map((p) => p.all)),
      files: [...new Map(typical.js.map((s) => [s.url, s])).values()]
        .map((s) => ({
          ...weigh(s.url),
          beforePaint: s.end <= typical.done,
          beforeHydration: s.end <= typical.hydrated,
        }))
        .sort((a, b) => b.gzip - a.gzip),
    };
  };

  const run = async (id: PageId): Promise<PageMeasure> => {
    const page = await spec(id);
    const url = `${app.url}${page.path}`;
    const staticUrl = `${app.url}/${twins[id].name}`;
    log(`${page.path}: warming up, then ${runs} loads and ${runs} loads of its static twin, interleaved`);
    const warm = await timedLoad(browser, url, page.painted);
    writeFileSync(twins[id].file, staticPage(warm.documentBytes));
    const loads: LoadTiming[] = [];
    const statics: LoadTiming[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternating who goes first cancels a drift (a background job starting) out of the ratio.
      const order = i % 2 === 0 ? (["page", "static"] as const) : (["static", "page"] as const);
      for (const which of order) {
        if (which === "page") loads.push(await timedLoad(browser, url, page.painted, { settle: true }));
        else statics.push(await timedLoad(browser, staticUrl, "complete"));
      }
    }
    const blocked = await timedLoad(browser, url, page.painted, { blockChunks: true });
    return {
      page,
      loads,
      statics,
      blocked,
      staticBytes: statics[0]?.documentBytes ?? 0,
      done: median(loads.map((t) => t.done)),
      lcp: median(loads.map((t) => t.lcp)),
      staticDone: median(statics.map((t) => t.done)),
      staticLcp: median(statics.map((t) => t.lcp)),
      js: jsOf(page, loads, blocked),
    };
  };

  return {
    spec,
    measure: (id) => {
      let p = pending.get(id);
      if (!p) {
        p = run(id).then((m) => {
          done.set(id, m);
          return m;
        });
        pending.set(id, p);
      }
      return p;
    },
    pathOf: (id) => paths.get(id),
    measured: () => PAGE_IDS.flatMap((id) => done.get(id) ?? []),
    lighthouse: new Map(),
  };
}

/** The two JavaScript figures in words, for the figures' details (see JsFigures). */
export const JS_DEFINITIONS = {
  before_paint:
    "JavaScript needed before the first paint that shows the whole page painted (see painted_definition): none when a load with every /_next/static/chunks/ script aborted still paints it; otherwise every script the normal load fetched (Resource Timing responseEnd) before that paint. fetched_before_paint_kB is the latter either way",
  interactive:
    "JavaScript needed before the page is interactive: every script fetched before hydration finished (the data-hydrated attribute app/providers.tsx sets on <html>) plus the chunks fetched lazily during the load, until no script arrived for a second",
  weighing:
    "median over the warm loads; each file gzipped from .next/static at zlib's default level (what next start sends); kB = 1000 bytes",
} as const;

/** What counts as painted on a page, for the figures' details. */
export const paintedDefinition = (page: PageSpec) => PAINTED[page.painted].describe;
