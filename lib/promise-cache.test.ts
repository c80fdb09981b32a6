import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { PromiseCache } from "@/lib/promise-cache";

describe("PromiseCache", () => {
  it("shares one computation between concurrent callers of a key", async () => {
    const cache = new PromiseCache({ max: 10, ttl: 60_000 });
    let runs = 0;
    const compute = async () => ++runs;
    expect(await Promise.all([cache.get(["k"], compute), cache.get(["k"], compute)])).toEqual([1, 1]);
    expect(runs).toBe(1);
  });

  it("drops a failure, so the next caller computes again", async () => {
    const cache = new PromiseCache({ max: 10, ttl: 60_000 });
    await expect(cache.get(["k"], () => Promise.reject(new Error("fal down")))).rejects.toThrow("fal down");
    expect(await cache.get(["k"], async () => "fresh")).toBe("fresh");
  });

  it("a computation that outlives its TTL and then fails does not drop the newer answer", async () => {
    const cache = new PromiseCache({ max: 10, ttl: 1_000 });
    const slow = cache.get(["k"], () => sleep(1_500).then(() => Promise.reject(new Error("old"))));
    await sleep(1_100); // the slow entry's TTL is over; a newer caller computes afresh
    expect(await cache.get(["k"], async () => "new")).toBe("new");
    await expect(slow).rejects.toThrow("old");
    expect(await cache.get(["k"], async () => "computed again")).toBe("new");
  });
});
