import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  REPLICATE_ACCOUNT,
  REPLICATE_UNAUTHENTICATED,
  handleBilling,
  handleKeys,
  replicateToken,
} from "./account";
import { handleAnalytics } from "./analytics";
import { handleBillingEvents } from "./billing-events";
import { handleControl } from "./control";
import { createTraffic, type Traffic } from "./data";
import {
  MSG_ACCESS_DENIED,
  MSG_ADMIN_REQUIRED,
  MSG_INVALID_KEY,
  msgMissingPermission,
  SimError,
  defaultMessage,
  errorBody,
  newRequestId,
  typeForStatus,
} from "./errors";
import { driftBody, truncateJson } from "./faults";
import { SIM_KEYS, missingPermission, type Access, type Grant } from "./keys";
import { handleInsights } from "./insights";
import { handleModels, handlePricing } from "./models";
import { handleRequests } from "./requests";
import { ResultCache } from "./result-cache";
import { SimState, type EndpointName, type Fault, type KeySpec } from "./state";
import { handleUsage } from "./usage";

/**
 * The fal Platform API simulator: node:http, fal routes under /v1, Replicate's account check under
 * /replicate/v1, and the control API under /_sim. See control.ts for the control routes.
 */

export type SimulatorOptions = {
  port?: number;
  host?: string;
  seed?: number;
  latencyMs?: number;
  keys?: Partial<Record<string, KeySpec>>;
  /** Clock override (epoch ms), so tests can pin "now"; defaults to Date.now. */
  now?: () => number;
};

export type Simulator = { url: string; close(): Promise<void> };

const PREWARM_DAYS = 90;
/** Spend and balance reads (fal names this permission for the balance; for usage it is inferred). */
const BILLING_USAGE: Access = { permission: "billing:usage:read" };

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
type Ctx = { query: URLSearchParams; nowMs: number; grant: Grant | null };
type FalRoute = { endpoint: EndpointName; access: Access; handle(ctx: Ctx): unknown };

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const seed = opts.seed ?? 42;
  const now = opts.now ?? Date.now;
  const traffic: Traffic = createTraffic(seed, now());
  const state = new SimState({ keys: opts.keys, latencyMs: opts.latencyMs });
  const cache = new ResultCache();

  const falRoutes: Record<string, FalRoute> = {
    "/v1/models": {
      endpoint: "models",
      access: "optional",
      handle: (c) => handleModels(c.query, { authenticated: c.grant !== null }),
    },
    // fal's OpenAPI declares pricing and analytics for any API key.
    "/v1/models/pricing": { endpoint: "pricing", access: "any", handle: (c) => handlePricing(c.query) },
    "/v1/models/usage": {
      endpoint: "usage",
      access: BILLING_USAGE,
      handle: (c) =>
        handleUsage(c.query, {
          nowMs: c.nowMs,
          traffic,
          shape: state.mode.usageShape,
          spikes: state.spikes,
          cache,
        }),
    },
    "/v1/models/analytics": {
      endpoint: "analytics",
      access: "any",
      handle: (c) => handleAnalytics(c.query, { nowMs: c.nowMs, traffic, cache }),
    },
    "/v1/account/billing": {
      endpoint: "billing",
      access: BILLING_USAGE,
      handle: (c) => handleBilling(c.query, { seed }),
    },
    "/v1/keys": {
      endpoint: "keys",
      access: { permission: "auth:keys:read" },
      handle: (c) => handleKeys(c.query),
    },
    "/v1/models/requests/by-endpoint": {
      endpoint: "requests",
      access: { permission: "models:requests:read" },
      handle: (c) => handleRequests(c.query, { nowMs: c.nowMs, traffic, cache }),
    },
    "/v1/models/billing-events": {
      endpoint: "billing_events",
      access: BILLING_USAGE,
      handle: (c) => handleBillingEvents(c.query, { nowMs: c.nowMs, traffic, gap: state.billingGap, cache }),
    },
    "/v1/models/insights": { endpoint: "insights", access: "any", handle: (c) => handleInsights(c.query, c) },
  };

  /** `Authorization: Key <key>` exactly; anything else (Bearer, lower-case, no header) is a 401. */
  function authorize(header: string | undefined, access: Access): Grant | null {
    if (header === undefined && access === "optional") return null;
    const key = /^Key (\S+)$/.exec(header ?? "")?.[1];
    const grant = key === undefined ? undefined : state.keys.get(key);
    if (grant === undefined || grant.kind === "revoked")
      throw new SimError(401, "authorization_error", MSG_INVALID_KEY);
    const missing = missingPermission(grant, access);
    if (missing !== null) {
      const message =
        grant.kind === "legacy"
          ? MSG_ADMIN_REQUIRED
          : grant.denial === "bare"
            ? MSG_ACCESS_DENIED
            : msgMissingPermission(missing);
      throw new SimError(403, "authorization_error", message);
    }
    return grant;
  }

  /** `bypassAuth`: answer as if the caller held a legacy ADMIN key (for faults, which come before auth). */
  function falReply(
    method: string,
    path: string,
    req: IncomingMessage,
    query: URLSearchParams,
    bypassAuth: boolean,
  ): Reply {
    const route = falRoutes[path];
    const requestId = newRequestId();
    try {
      if (!route) throw new SimError(404, "not_found", `No route for ${method} ${path}`);
      if (method !== "GET")
        throw new SimError(501, "not_implemented", `The simulator does not implement ${method} ${path}`);
      const grant: Grant | null = bypassAuth
        ? { kind: "legacy", scope: "ADMIN" }
        : authorize(req.headers.authorization, route.access);
      return { status: 200, body: route.handle({ query, nowMs: now(), grant }) };
    } catch (err) {
      if (err instanceof SimError)
        return { status: err.status, body: errorBody(err.type, err.message, requestId) };
      console.error("[fal-simulator] handler failed:", err);
      return { status: 500, body: errorBody("server_error", "An unexpected error occurred", requestId) };
    }
  }

  function replicateReply(method: string, path: string, req: IncomingMessage, bypassAuth: boolean): Reply {
    if (method !== "GET" || path !== "/replicate/v1/account") {
      return { status: 404, body: { detail: "Not found.", status: 404 } };
    }
    const token = replicateToken(req.headers.authorization);
    return bypassAuth || token === SIM_KEYS.replicate
      ? { status: 200, body: REPLICATE_ACCOUNT }
      : { status: 401, body: REPLICATE_UNAUTHENTICATED };
  }

  /** An injected status: fal's envelope (type from the status unless given), Replicate's shape on its route. */
  function faultReply(fault: Fault & { status: number }, endpoint: EndpointName | "unknown"): Reply {
    const message = fault.message ?? defaultMessage(fault.status);
    const body =
      endpoint === "replicate"
        ? { title: message, detail: message, status: fault.status }
        : errorBody(fault.type ?? typeForStatus(fault.status), message);
    return { status: fault.status, body };
  }

  function endpointOf(path: string): EndpointName | "unknown" {
    if (path === "/replicate/v1/account") return "replicate";
    return falRoutes[path]?.endpoint ?? "unknown";
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;

    if (path === "/_sim" || path.startsWith("/_sim/")) {
      const raw = await readBody(req);
      let body: unknown = undefined;
      if (raw.trim() !== "") {
        try {
          body = JSON.parse(raw);
        } catch {
          send(res, {
            status: 400,
            body: { error: { type: "validation_error", message: "body is not JSON" } },
          });
          return;
        }
      }
      send(res, handleControl(state, method, path, body));
      return;
    }

    const endpoint = endpointOf(path);
    const credential = /^\S+ (\S+)/.exec(req.headers.authorization ?? "")?.[1] ?? null;
    const record = (status: number, text = "") =>
      state.record({
        method,
        path,
        query: url.search.replace(/^\?/, ""),
        endpoint,
        status,
        at: new Date().toISOString(),
        bytes: Buffer.byteLength(text),
        auth: {
          present: req.headers.authorization !== undefined,
          key_prefix: credential ? credential.slice(0, 8) : null,
        },
      });

    // Faults come before auth, so a test can inject a 401/403 whatever key the app holds.
    const fault = state.takeFault(endpoint);
    const delay = state.mode.latency_ms + (fault?.latency_ms ?? 0);
    if (delay > 0) await sleep(delay);
    if (fault?.reset) {
      record(0);
      req.socket.destroy();
      return;
    }

    let reply: Reply;
    if (fault?.status !== undefined) {
      reply = faultReply({ ...fault, status: fault.status }, endpoint);
    } else {
      // A malformed/drift fault replaces the real answer whatever the key; only a request the handler
      // itself rejects (bad parameters, unknown route) is answered as usual.
      const broken = fault?.drift === true || fault?.malformed === true;
      reply = path.startsWith("/replicate/")
        ? replicateReply(method, path, req, broken)
        : falReply(method, path, req, url.searchParams, broken);
      const ok = reply.status >= 200 && reply.status < 300;
      if (ok && fault?.drift) reply = { ...reply, body: driftBody(endpoint, reply.body) };
      if (ok && fault?.malformed) {
        const text = truncateJson(JSON.stringify(reply.body));
        record(reply.status, text);
        sendText(res, reply.status, text, fault.headers);
        return;
      }
    }
    const text = JSON.stringify(reply.body);
    record(reply.status, text);
    sendText(res, reply.status, text, { ...reply.headers, ...fault?.headers });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error("[fal-simulator] request failed:", err);
      if (!res.headersSent)
        send(res, { status: 500, body: errorBody("server_error", "An unexpected error occurred") });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Before answering anything: fill the memo with the last 90 days (the dashboard's usual windows) and
  // run each aggregation once so the JIT has compiled it — the first real query is then as fast as later
  // ones (a few hundred ms at startup instead of on the first dashboard load).
  let closed = false;
  const nowAtStart = now();
  await traffic.prewarm(nowAtStart - PREWARM_DAYS * 86_400_000, nowAtStart, () => closed);
  const warmQuery = `start=${new Date(nowAtStart - PREWARM_DAYS * 86_400_000).toISOString()}&expand=time_series&expand=summary`;
  handleUsage(new URLSearchParams(warmQuery), { nowMs: nowAtStart, traffic, shape: "current" });
  handleAnalytics(new URLSearchParams(`${warmQuery}&endpoint_id=fal-ai/flux/dev&expand=p95_duration`), {
    nowMs: nowAtStart,
    traffic,
  });

  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closed = true;
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets (fetch pools them) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  sendText(res, reply.status, JSON.stringify(reply.body), reply.headers);
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
