import type { EndpointName } from "./state";

/**
 * What the `drift` and `malformed` faults do to a successful body: drift drops one field the spec marks
 * required (a contract change the dashboard must detect); malformed cuts the JSON text in half.
 */

type Body = Record<string, unknown>;

function withoutKey(body: Body, key: string): Body {
  const { [key]: _dropped, ...rest } = body;
  return rest;
}

function mapItems(body: Body, listKey: string, drop: string): Body {
  const items = body[listKey];
  if (!Array.isArray(items)) return withoutKey(body, listKey);
  return {
    ...body,
    [listKey]: items.map((item: unknown) =>
      item && typeof item === "object" ? withoutKey(item as Body, drop) : item,
    ),
  };
}

export function driftBody(endpoint: EndpointName | "unknown", body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const b = body as Body;
  switch (endpoint) {
    case "usage":
    case "analytics":
    case "models":
      return withoutKey(b, "has_more");
    case "pricing":
      return mapItems(b, "prices", "unit_price");
    case "keys":
      return mapItems(b, "keys", "alias");
    case "billing":
    case "replicate":
      return withoutKey(b, "username");
    default:
      return b;
  }
}

export function truncateJson(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}
