import { fromNano, toNano } from "@/lib/fal/aggregate";

/** Sums amounts in integer nano-units, so hundreds of hourly figures add up exactly to the cent. */
export function sumMoney(values: Iterable<number>): number {
  let total = BigInt(0);
  for (const v of values) total += toNano(v);
  return fromNano(total);
}
