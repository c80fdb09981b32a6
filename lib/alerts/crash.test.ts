import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";
import { startSimulator, type Simulator } from "@/e2e/fal-simulator/server";
import { startReceiver, type Receiver } from "@/lib/alerts/receiver";
import { createChannel, createRule } from "@/lib/alerts/store";
import { overrideEventsContext } from "@/lib/events/context";
import { openEventStore, type EventStore, type StoreOptions } from "@/lib/events/db";

/**
 * At least once, exactly one notification, across processes: `npm run alerts` runs as a child process
 * against a store on disk (PGlite) or a PostgreSQL database of its own. One child is killed with SIGKILL
 * after it recorded a firing budget and while its webhook was in flight; after the "restart" the
 * notification arrives, with the same webhook-id, and a further run sends nothing. Two children started
 * together on one PostgreSQL send one notification between them. The simulator runs on the real clock
 * (the children's "now"); a $1 monthly budget is crossed by any month's spend so far.
 */

let sim: Simulator;
let receiver: Receiver;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await sim.close();
});

type Child = { exited: Promise<{ code: number | null; stdout: string; stderr: string }>; kill(): void };

function runAlerts(env: Record<string, string | undefined>): Child {
  // node itself with tsx's loader, not the tsx CLI, which would run the script in a grandchild that a
  // SIGKILL of its parent leaves running.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/alerts.ts"],
    {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "production",
        FAL_API_BASE_URL: `${sim.url}/v1`,
        FAL_ADMIN_KEY: SIM_KEYS.admin,
        DASHBOARD_TIMEZONE: "UTC",
        ALERTS_INTERVAL_SECONDS: "0",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return {
    exited: new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr }))),
    kill: () => child.kill("SIGKILL"),
  };
}

async function until(check: () => boolean, what: string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A channel to the receiver and a $1 monthly budget on it; returns the signing secret. */
async function arm(store: EventStore): Promise<string> {
  overrideEventsContext({ store });
  try {
    const channel = await createChannel({ type: "webhook", name: "Ops", url: receiver.url, format: "json" });
    await createRule({
      kind: "spend_budget",
      name: "Tiny",
      enabled: true,
      channel_ids: [channel.id],
      period: "month",
      amount: 1,
      thresholds_percent: [100],
      forecast: false,
    });
    return channel.secret!;
  } finally {
    overrideEventsContext({});
  }
}

type Engine = {
  name: string;
  setup(): Promise<{
    options: StoreOptions;
    childEnv: Record<string, string | undefined>;
    destroy(): Promise<void>;
  }>;
};

const engines: Engine[] = [
  {
    name: "pglite",
    async setup() {
      const dir = mkdtempSync(path.join(tmpdir(), "alerts-crash-"));
      return {
        options: { engine: "pglite", dataDir: path.join(dir, "pglite") },
        childEnv: { DATA_DIR: dir },
        destroy: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
];
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
  engines.push({
    name: "postgres",
    async setup() {
      // A database of its own: the children run with a plain DATABASE_URL, as a deployment would.
      const db = `alerts_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${db}`);
      await admin.end();
      const url = new URL(pgUrl);
      url.pathname = `/${db}`;
      return {
        options: { engine: "postgres", url: url.toString() },
        childEnv: { DATABASE_URL: url.toString() },
        destroy: async () => {
          const c = new pg.Client({ connectionString: pgUrl });
          await c.connect();
          await c.query(`DROP DATABASE ${db} WITH (FORCE)`);
          await c.end();
        },
      };
    },
  });
}

describe.each(engines)("alerts across processes on $name", (engine) => {
  it("a SIGKILL between the state change and the delivery loses nothing and repeats nothing", async () => {
    const { options, childEnv, destroy } = await engine.setup();
    try {
      let store = await openEventStore(options);
      const secret = await arm(store);
      await store.close();
      receiver.received.length = 0;

      // The webhook never answers: the child has committed the firing state and its outbox row, and is
      // waiting on the delivery when it dies.
      receiver.hang = true;
      const first = runAlerts(childEnv);
      await until(() => receiver.received.length === 1, "the first delivery attempt");
      first.kill();
      expect((await first.exited).code).toBeNull();
      receiver.hang = false;

      store = await openEventStore(options);
      const rows = await store.db.execute<{ status: string; attempts: number }>(
        sql`SELECT status, attempts FROM alert_outbox`,
      );
      expect(rows.rows).toEqual([{ status: "pending", attempts: 1 }]);
      // The claim's lease (two minutes) would make the row due again on its own; the test does not wait.
      await store.db.execute(sql`UPDATE alert_outbox SET next_attempt_at = now()`);
      await store.close();

      const second = await runAlerts(childEnv).exited;
      expect(second.code, second.stderr).toBe(0);
      expect(JSON.parse(second.stdout)).toMatchObject({ ran: true, fired: [] }); // already recorded
      expect(receiver.received).toHaveLength(2);
      const [lost, delivered] = receiver.received;
      expect(delivered!.answered).toBe(true);
      expect(delivered!.headers["webhook-id"]).toBe(lost!.headers["webhook-id"]);
      expect(() =>
        new Webhook(secret).verify(delivered!.body, {
          "webhook-id": String(delivered!.headers["webhook-id"]),
          "webhook-timestamp": String(delivered!.headers["webhook-timestamp"]),
          "webhook-signature": String(delivered!.headers["webhook-signature"]),
        }),
      ).not.toThrow();

      const third = await runAlerts(childEnv).exited;
      expect(third.code, third.stderr).toBe(0);
      expect(receiver.received).toHaveLength(2);
    } finally {
      await destroy();
    }
  }, 240_000);

  it("two instances evaluating together send one notification", async () => {
    const { options, childEnv, destroy } = await engine.setup();
    try {
      const store = await openEventStore(options);
      await arm(store);
      await store.close();
      receiver.received.length = 0;

      const [a, b] = await Promise.all([runAlerts(childEnv).exited, runAlerts(childEnv).exited]);
      if (engine.name === "pglite") {
        // The embedded store belongs to one process: a second one is refused, never let in to send twice.
        expect([a.code, b.code], `${a.stdout}${a.stderr}${b.stdout}${b.stderr}`).toContain(0);
      } else {
        expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      }
      const fired = [a, b]
        .filter((r) => r.code === 0)
        .map((r) => (JSON.parse(r.stdout) as { fired: unknown[] }).fired.length);
      expect(fired.reduce((x, y) => x + y, 0)).toBe(1);
      await until(() => receiver.received.length >= 1, "the delivery", 10_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.received).toHaveLength(1);
    } finally {
      await destroy();
    }
  }, 240_000);
});
