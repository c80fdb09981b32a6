import { spawn } from "node:child_process";
import path from "node:path";
import { DATA_DIR, INGEST_TOKEN } from "../support/constants";
import { expect, test } from "../support/fixtures";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

test("a second `next start` on the running server's DATA_DIR refuses to start and says why", async ({
  request,
}) => {
  test.setTimeout(120_000);
  // The running server holds the store: it answers event requests.
  expect((await request.get("/api/events/metrics?timezone=UTC")).status()).toBe(200);

  const second = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", "0"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR,
      INGEST_TOKEN,
      DASHBOARD_AUTH: "none",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  second.stdout.on("data", (d: Buffer) => (output += d.toString()));
  second.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      second.kill("SIGKILL");
      resolve(null);
    }, 90_000);
    second.once("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });

  expect(code, output).not.toBe(null);
  expect(code, output).not.toBe(0);
  expect(output).toMatch(/not starting: The embedded event store at .* is already open in process \d+/);
  // And the first server is unharmed.
  expect((await request.get("/api/events/metrics?timezone=UTC")).status()).toBe(200);
});
