/** P6: JavaScript the dashboard route loads, gzip. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { pathOf } from "./support/dashboard";
import type { DashboardContext, Figure } from "./support/figure";
import { ROOT } from "./support/servers";
import { fmt } from "./support/stats";

/**
 * Every script the page loads: those the HTML references (script tags, script preloads; not `nomodule`
 * ones) plus those the browser fetched during the P1/P3 loads (chunks imported later, such as the charts),
 * each gzipped from the built file. The initial part — what the HTML references — is shown beside the total.
 */
export async function run(ctx: DashboardContext): Promise<Figure[]> {
  const { app, scripts: loaded } = ctx;
  ctx.log("P6: JavaScript of the dashboard route, gzip");
  const html = await (await fetch(`${app.url}/`)).text();
  const referenced = new Set<string>();
  const absolute = (href: string) => new URL(href.replace(/&amp;/g, "&"), app.url).href;
  // A `nomodule` script (Next's polyfills for browsers without ES modules) is never fetched by a browser
  // that can run the dashboard; it is listed apart, not counted.
  const legacy: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    if (/\snomodule\b/i.test(m[0])) legacy.push(absolute(m[1]!));
    else referenced.add(absolute(m[1]!));
  }
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href && /\bas="script"|\brel="modulepreload"/.test(m[0])) referenced.add(absolute(href));
  }
  const files: { path: string; initial: boolean; raw: number; gzip: number }[] = [];
  for (const url of new Set([...referenced, ...loaded])) {
    const { pathname, origin } = new URL(url);
    if (origin !== app.url || !pathname.startsWith("/_next/static/"))
      throw new Error(`P6: script from outside .next/static: ${url}`);
    const file = path.join(ROOT, ".next/static", decodeURIComponent(pathname.slice("/_next/static/".length)));
    if (!existsSync(file))
      throw new Error(`P6: ${pathname} is not in .next/static (is the build the one being served?)`);
    const bytes = readFileSync(file);
    // zlib's default level: what next start's compression sends.
    files.push({
      path: pathname,
      initial: referenced.has(url),
      raw: bytes.byteLength,
      gzip: gzipSync(bytes).byteLength,
    });
  }
  const kB = (fs: typeof files) => fs.reduce((a, f) => a + f.gzip, 0) / 1000;
  const gzip = kB(files);
  const initial = files.filter((f) => f.initial);
  return [
    {
      id: "P6",
      label: "JavaScript on /, gzip",
      measured: `${fmt(gzip, 1)} kB in ${files.length} files`,
      baseline: `${fmt(kB(initial), 1)} kB in the HTML's ${initial.length}, ${fmt(gzip - kB(initial), 1)} kB later`,
      value: gzip,
      unit: "kB",
      goal: "≤ 180 kB",
      pass: gzip <= 180,
      details: {
        kB: "1000 bytes",
        initial_kB: kB(initial),
        raw_kB: files.reduce((a, f) => a + f.raw, 0) / 1000,
        not_counted_nomodule: legacy.map(pathOf),
        files: files.sort((a, b) => b.gzip - a.gzip),
      },
    },
  ];
}
