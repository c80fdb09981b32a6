import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every series colour must stand out from the card it is drawn on: at least 3:1 (WCAG's figure for
 * graphical objects) in both themes. The values are read from app/globals.css and converted from OKLCH
 * to sRGB here (Björn Ottosson's published matrices), so the test checks what the browser paints.
 */
const css = readFileSync(path.join(process.cwd(), "app/globals.css"), "utf8");

/** The root palette for one theme: each colour is a light-dark(light, dark) pair, resolved here. */
function palette(theme: "light" | "dark"): Record<string, string> {
  const start = css.indexOf(":root {");
  const body = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries(
    [...body.matchAll(/--([\w-]+):\s*light-dark\((oklch\([^)]*\)),\s*(oklch\([^)]*\))\);/g)].map((m) => [
      m[1]!,
      theme === "light" ? m[2]! : m[3]!,
    ]),
  );
}

function oklchToLinearRgb(value: string): [number, number, number] {
  const m = /^oklch\(\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\)$/.exec(value);
  if (!m) throw new Error(`not an oklch() colour: ${value}`);
  const [L, C, h] = [Number(m[1]), Number(m[2]), (Number(m[3]) * Math.PI) / 180];
  const a = C * Math.cos(h);
  const b = C * Math.sin(h);
  const l_ = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return [
    clamp(4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_),
    clamp(-1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_),
    clamp(-0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_),
  ];
}

/** WCAG relative luminance, from linear-light sRGB (what OKLab converts to). */
function luminance(value: string): number {
  const [r, g, b] = oklchToLinearRgb(value);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const SERIES = ["chart-1", "chart-2", "chart-3", "chart-4", "chart-5", "chart-6", "chart-other", "danger"];

describe("chart colours against the card", () => {
  it("converts known colours: white and black give WCAG's 21:1", () => {
    expect(contrast("oklch(1 0 0)", "oklch(0 0 0)")).toBeCloseTo(21, 1);
  });

  for (const theme of ["light", "dark"] as const) {
    it.each(SERIES)(`${theme}: --%s is at least 3:1 against --card`, (name) => {
      const vars = palette(theme);
      const colour = vars[name];
      const card = vars.card;
      expect(colour, name).toBeDefined();
      expect(card).toBeDefined();
      expect(contrast(colour!, card!)).toBeGreaterThanOrEqual(3);
    });
  }
});
