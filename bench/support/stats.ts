export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile; NaN for no values, so a missing measurement never reads as 0. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return "—";
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function ms(n: number): string {
  return `${fmt(n, n < 10 ? 1 : 0)} ms`;
}

/** Reads `--name value` / `--name=value` and bare `--flag`s, rejecting anything not declared. */
export function parseFlags(
  argv: readonly string[],
  declared: Record<string, "value" | "bool">,
  usage: string,
) {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith("--") ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    const kind = name === undefined ? undefined : declared[name];
    if (name === undefined || kind === undefined) fail(`unknown argument ${arg}`, usage);
    if (kind === "bool") {
      values.set(name, "true");
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`--${name} needs a value`, usage);
    values.set(name, value);
  }
  const number = (
    name: string,
    fallback: number,
    check: (n: number) => boolean = (n) => Number.isFinite(n) && n > 0,
  ) => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw.replace(/_/g, ""));
    if (!check(n)) fail(`--${name} ${raw}: not a valid value`, usage);
    return n;
  };
  return { values, number, has: (name: string) => values.has(name) };
}

function fail(message: string, usage: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}
