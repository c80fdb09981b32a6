import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer, Socket, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { NextRequest } from "next/server";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { GET as metricsRoute } from "@/app/api/events/metrics/route";
import { POST as ingestRoute } from "@/app/api/ingest/route";
import { ApiError } from "@/lib/api/errors";
import { errorBody } from "@/lib/contracts/errors";
import { overrideEventsContext } from "@/lib/events/context";
import { openEventStore, type EventStore } from "@/lib/events/db";
import { explainStoreError } from "@/lib/events/failures";
import { eventsChanged } from "@/lib/events/metrics-cache";

const TOKEN = "store-failures-ingest-token";

function ingest(): Promise<Response> {
  const activities = [
    { id: randomUUID(), event_id: "kiosk", type: "photo.generated", occurred_at: new Date().toISOString() },
  ];
  return ingestRoute(
    new NextRequest("http://localhost/api/ingest", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ activities }),
    }),
    undefined,
  );
}

function metrics(): Promise<Response> {
  // The answers are shared for a few seconds; each call here must reach the store.
  eventsChanged();
  return metricsRoute(new NextRequest("http://localhost/api/events/metrics?timezone=UTC"), undefined);
}

async function errorOf(res: Response) {
  return errorBody.parse(await res.json()).error;
}

afterEach(() => {
  overrideEventsContext({});
  vi.restoreAllMocks();
});

describe("the embedded store and its disk", () => {
  it("refuses writes with 507 store_full while the disk is nearly full, and keeps answering reads", async () => {
    // Free space below the threshold, as on a full disk: the threshold is set above any disk's size.
    const store = await openEventStore({
      engine: "pglite",
      dataDir: path.join(mkdtempSync(path.join(tmpdir(), "store-failures-")), "pglite"),
      minFreeBytes: Number.MAX_SAFE_INTEGER,
    });
    try {
      overrideEventsContext({ store, ingestToken: TOKEN });
      const write = await ingest();
      expect(write.status).toBe(507);
      expect(write.headers.get("retry-after")).toBe("60");
      const error = await errorOf(write);
      expect(error.code).toBe("store_full");
      expect(error.message).toMatch(
        /disk under DATA_DIR is \(almost\) full.*Nothing from this request was stored/,
      );
      expect((await metrics()).status).toBe(200);
    } finally {
      await store.close();
    }
  }, 120_000);

  it("after a PANIC gives PGlite no further statement (it would spin forever) and answers 503", async () => {
    const store = await openEventStore({ engine: "pglite" });
    overrideEventsContext({ store, ingestToken: TOKEN });
    // What PGlite reported when its log could not grow on a full disk; its next statement never returned.
    const panic = Object.assign(
      new Error('could not write to file "pg_wal/xlogtemp.42": No space left on device'),
      {
        severity: "PANIC",
        code: "53100",
      },
    );
    const query = vi.spyOn(PGlite.prototype, "query").mockRejectedValueOnce(panic);

    const write = await ingest();
    expect(write.status).toBe(503);
    expect((await errorOf(write)).message).toMatch(
      /stopped after a failed write to its disk.*reopens by itself/,
    );
    const calls = query.mock.calls.length;
    const read = await metrics();
    expect(read.status).toBe(503);
    expect((await errorOf(read)).code).toBe("store_unavailable");
    expect(query.mock.calls.length).toBe(calls);
    expect(store.broken).toBe(true);
    await store.close();
  });

  it("explains a DATA_DIR under a pseudo-file system at once instead of looping in mkdir", async () => {
    const refused = await openEventStore({
      engine: "pglite",
      dataDir: "/proc/fal-analytics/data/pglite",
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: "store_unavailable", status: 503 });
    expect((refused as Error).message).toMatch(
      /DATA_DIR: \/proc\/fal-analytics: directories cannot be created there/,
    );
  });

  it.each([
    ["EROFS", /read-only file system/],
    ["EACCES", /permission denied/],
  ])("explains DATA_DIR failing with %s as store_unavailable", (code, message) => {
    const error = Object.assign(new Error(`${code}: mkdir '/data'`), { code });
    const explained = explainStoreError(error, "pglite");
    expect(explained).toMatchObject({ code: "store_unavailable", status: 503, message });
  });
});

const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url && process.env.CI !== "true")("PostgreSQL failing under a running store", () => {
  const timeouts = { connectMs: 500, statementMs: 1_000, queryMs: 1_500 };
  let proxy: Proxy;
  let store: EventStore;

  afterAll(async () => {
    proxy?.resume();
    await store?.close().catch(() => {});
    await proxy?.close();
  });

  it("answers 503 store_unavailable when the server goes down, within the timeouts when it stalls, and recovers", async () => {
    if (!url) throw new Error("CI=true but TEST_DATABASE_URL is not set.");
    proxy = await startProxy(new URL(url));
    const schema = `test_${randomUUID().replace(/-/g, "")}`;
    store = await openEventStore({ engine: "postgres", url: proxy.url(url), schema, timeouts });
    overrideEventsContext({ store, ingestToken: TOKEN });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await ingest()).status).toBe(200);
    expect((await metrics()).status).toBe(200);

    // Down: every connection dropped, new ones refused.
    await proxy.close();
    for (const res of [await ingest(), await metrics()]) {
      expect(res.status).toBe(503);
      const error = await errorOf(res);
      expect(error.code).toBe("store_unavailable");
      expect(error.message).toMatch(/^The event store \(PostgreSQL\) is not available: /);
    }
    // Dropped pooled connections are logged as one line each, never as an uncaught exception.
    for (const [line] of errors.mock.calls) expect(line).toMatch(/^\[events\] PostgreSQL connection lost: /);

    // Stalled: connections accepted, nothing answered (a SIGSTOPped server).
    await proxy.listen();
    proxy.stall();
    for (const call of [ingest, metrics]) {
      const started = Date.now();
      const res = await call();
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(timeouts.connectMs + timeouts.queryMs + 1_000);
    }

    // Back: the next requests succeed without a restart.
    proxy.resume();
    await expect.poll(async () => (await ingest()).status, { timeout: 10_000 }).toBe(200);
    expect((await metrics()).status).toBe(200);
    await store.db.execute(`DROP SCHEMA "${schema}" CASCADE`);
  }, 60_000);
});

type Proxy = {
  url(base: string): string;
  listen(): Promise<void>;
  close(): Promise<void>;
  stall(): void;
  resume(): void;
};

/** A TCP hop in front of PostgreSQL that can refuse, drop or stall connections, as an outage does. */
async function startProxy(target: URL): Promise<Proxy> {
  let server: Server | undefined;
  let port = 0;
  let stalled = false;
  const open = new Set<Socket>();
  const held: (() => void)[] = [];
  const connect = (client: Socket) => {
    const forward = () => {
      const upstream = new Socket();
      upstream.connect(Number(target.port || 5432), target.hostname);
      client.pipe(upstream).pipe(client);
      for (const s of [client, upstream]) {
        open.add(s);
        s.on("error", () => {});
        s.on("close", () => {
          open.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
    };
    open.add(client);
    client.on("error", () => {});
    if (stalled) held.push(forward);
    else forward();
  };
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer(connect);
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();
  return {
    url: (base) => {
      const u = new URL(base);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    listen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server?.close(() => resolve());
      }),
    stall: () => {
      stalled = true;
      // Established connections stop carrying anything in either direction.
      for (const s of open) s.pause();
    },
    resume: () => {
      stalled = false;
      for (const s of open) s.resume();
      for (const forward of held.splice(0)) forward();
    },
  };
}
