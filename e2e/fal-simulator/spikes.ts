import { z } from "zod";
import type { HourTraffic } from "./data";

/**
 * Spend spikes, set through `/_sim/spikes`: during [start, end) one endpoint's successful requests are
 * billed `multiplier` times their usual quantity (a runaway batch job, a retry loop). Pure, so tests
 * compute the expected spend with the same function the usage route applies.
 */

export const spikeSchema = z
  .object({
    endpoint_id: z.string().min(1),
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    multiplier: z.number().positive().max(10_000),
  })
  .strict()
  .refine((s) => Date.parse(s.start) < Date.parse(s.end), "start must be before end");
export type Spike = z.infer<typeof spikeSchema>;

/** The factor on this hour's billed quantities: the product of every spike covering its requests. */
export function spikeFactor(
  spikes: readonly Spike[],
  endpointId: string,
  hour: Pick<HourTraffic, "at">,
): number {
  let factor = 1;
  for (const s of spikes) {
    if (s.endpoint_id === endpointId && hour.at >= Date.parse(s.start) && hour.at < Date.parse(s.end))
      factor *= s.multiplier;
  }
  return factor;
}
