import "server-only";
import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { ApiError } from "@/lib/api/errors";

/**
 * The Fetch API cannot represent TRACE (its Request constructor throws), so Next fails on such a request
 * before any code of ours runs, answering 500 and logging a stack each time — a cheap way to flood the
 * log. It is answered 405 here, at the server's door, before Next sees it. (Node's parser already turns
 * away methods it does not know, and CONNECT never becomes a "request" event.)
 */
export function refuseUnsupportedMethods(): void {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (req.method === "TRACE") {
        const refusal = new ApiError("method_not_allowed", `${req.method} is not supported.`);
        res.writeHead(refusal.status, {
          allow: "GET, HEAD, POST, OPTIONS",
          "content-type": "application/json",
        });
        res.end(JSON.stringify(refusal.toBody()));
        return true;
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<Server["emit"]>);
  } as Server["emit"];
}
