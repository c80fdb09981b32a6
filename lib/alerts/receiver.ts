import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Test support: a real webhook receiver on loopback. Records every request; answers with `status` (200
 * by default), or never answers while `hang` is set (to kill a sender mid-delivery).
 */
export type Received = { headers: IncomingHttpHeaders; body: string; answered: boolean };

export type Receiver = {
  url: string;
  received: Received[];
  status: number;
  hang: boolean;
  close(): Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const receiver: Omit<Receiver, "url" | "close"> = { received: [], status: 200, hang: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry: Received = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        answered: false,
      };
      receiver.received.push(entry);
      if (receiver.hang) return;
      entry.answered = receiver.status < 300;
      res.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/alerts`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
