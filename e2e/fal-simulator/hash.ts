/**
 * Small seeded integer hashing. The simulator never stores generated traffic: every number is a pure
 * function of (seed, endpoint, hour, …), so any window can be recomputed in any order and two processes
 * with the same seed agree to the last digit.
 */

const TWO_POW_32 = 4_294_967_296;

/** murmur3's 32-bit finaliser: cheap and avalanches every input bit. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85eb_ca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2_ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const HASH_START = 0x9e37_79b9;

/** Folds one integer into a running hash. Splits non-32-bit integers (epoch ms) so high bits count. */
function mix(h: number, part: number): number {
  const lo = part >>> 0;
  const hi = Math.floor(part / TWO_POW_32) >>> 0;
  return fmix32((fmix32(h ^ lo) + hi + 0x6d2b_79f5) >>> 0);
}

/** Combines integers into one 32-bit hash; order matters, so (a, b) and (b, a) differ. */
export function hashInts(...parts: number[]): number {
  let h = HASH_START;
  for (const part of parts) h = mix(h, part);
  return h;
}

/** `hashInts` for exactly four parts, without the rest-array allocation (it runs per endpoint-hour). */
export function hash4(a: number, b: number, c: number, d: number): number {
  return mix(mix(mix(mix(HASH_START, a), b), c), d);
}

/** FNV-1a of a string, so endpoint ids and key ids can take part in `hashInts`. */
export function hashString(s: string): number {
  let h = 0x811c_9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x0100_0193);
  }
  return h >>> 0;
}

/** A uniform number in [0, 1) derived from the parts. */
export function unitHash(...parts: number[]): number {
  return hashInts(...parts) / TWO_POW_32;
}

// Peter Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628274631,
] as const;
const B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
] as const;
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;

function normalTail(q: number): number {
  return (
    (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
    ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
  );
}

function inverseNormal(p: number): number {
  if (p < 0.02425) return normalTail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -normalTail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  );
}

/**
 * Standard normal quantiles at 4096 evenly spaced probabilities: one uniform draw becomes a normal draw by
 * lookup, which keeps generating hundreds of thousands of latencies cheap. Tails stop near ±3.6σ.
 */
const NORMAL_TABLE_SIZE = 4096;
const NORMAL_TABLE = Float64Array.from({ length: NORMAL_TABLE_SIZE }, (_, i) =>
  inverseNormal((i + 0.5) / NORMAL_TABLE_SIZE),
);

/** A standard normal draw from one uniform of the stream. */
export function normal(next: () => number): number {
  return NORMAL_TABLE[Math.floor(next() * NORMAL_TABLE_SIZE)] ?? 0;
}
