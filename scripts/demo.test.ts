import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Runs `npm run demo`'s script with these ports and returns its exit code and output. */
function demo(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("npm run demo with a port in use", () => {
  let holder: Server;
  let port: number;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((r) => holder.listen(0, "127.0.0.1", r));
    port = (holder.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => holder.close(() => r())));

  it("names SIM_PORT and exits 1 before starting anything", async () => {
    const { code, output } = await demo({ PORT: String(port + 1), SIM_PORT: String(port) });
    expect(code).toBe(1);
    expect(output).toContain(`Port in use: SIM_PORT=${port}.`);
    expect(output).not.toContain("fal simulator");
  });

  it("names PORT, and both when both are taken", async () => {
    expect((await demo({ PORT: String(port), SIM_PORT: String(port + 1) })).output).toContain(
      `Port in use: PORT=${port}.`,
    );
    const both = await demo({ PORT: String(port), SIM_PORT: String(port) });
    expect(both.code).toBe(1);
    expect(both.output).toContain(`Port in use: PORT=${port}, SIM_PORT=${port}.`);
  });
});
