import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/ingest/route";
import { errorBody, type FieldIssue } from "@/lib/contracts/errors";
import { MAX_BODY_BYTES, ingestResult } from "@/lib/contracts/events";
import { overrideEventsContext } from "@/lib/events/context";
import type { EventStore } from "@/lib/events/db";
import { resetStore, storedActivities, testEngines } from "@/lib/events/test-engines";

const TOKEN = "route-test-ingest-token-0123";
const URL = "http://localhost/api/ingest";

function post(
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const req = new NextRequest(URL, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
    body,
    ...(typeof body === "string" ? {} : { duplex: "half" }),
  });
  return POST(req, undefined);
}

const postJson = (value: unknown, headers?: Record<string, string>) => post(JSON.stringify(value), headers);

function item(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    event_id: "smith-wedding",
    event_name: "Smith wedding",
    type: "photo.generated",
    occurred_at: "2026-03-09T14:05:00-04:00",
    endpoint_id: "fal-ai/flux/dev",
    fal_request_id: "req_123",
    properties: { style: "neon" },
    ...overrides,
  };
}

async function errorOf(res: Response) {
  return errorBody.parse(await res.json()).error;
}

const without = (key: string) => {
  const value = item();
  delete value[key];
  return value;
};

/** `levels` arrays inside each other around a number: `nested(2)` is `[[1]]`. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

/** [case, item, field named in the 400]. */
const INVALID: [string, Record<string, unknown>, string][] = [
  ["id missing", without("id"), "id"],
  ["id not a uuid", item({ id: "123" }), "id"],
  ["event_id missing", without("event_id"), "event_id"],
  ["event_id empty", item({ event_id: "" }), "event_id"],
  ["event_id 129 chars", item({ event_id: "e".repeat(129) }), "event_id"],
  ["event_id with a space", item({ event_id: "smith wedding" }), "event_id"],
  ["event_id with a slash", item({ event_id: "a/b" }), "event_id"],
  ["event_name empty", item({ event_name: "" }), "event_name"],
  ["event_name 201 chars", item({ event_name: "n".repeat(201) }), "event_name"],
  ["type missing", without("type"), "type"],
  ["type with capitals", item({ type: "Photo.generated" }), "type"],
  ["type starting with a digit", item({ type: "1photo" }), "type"],
  ["type with a dash", item({ type: "photo-generated" }), "type"],
  ["type 65 chars", item({ type: `p${"a".repeat(64)}` }), "type"],
  ["occurred_at missing", without("occurred_at"), "occurred_at"],
  ["occurred_at without offset", item({ occurred_at: "2026-03-09T14:05:00" }), "occurred_at"],
  ["occurred_at date only", item({ occurred_at: "2026-03-09" }), "occurred_at"],
  ["occurred_at impossible date", item({ occurred_at: "2026-02-30T00:00:00Z" }), "occurred_at"],
  ["occurred_at a number", item({ occurred_at: 1_773_000_000_000 }), "occurred_at"],
  ["occurred_at in year 0", item({ occurred_at: "0000-01-01T00:00:00Z" }), "occurred_at"],
  ["occurred_at just before 2000", item({ occurred_at: "1999-12-31T23:59:59.999Z" }), "occurred_at"],
  [
    "occurred_at 6 minutes ahead",
    item({ occurred_at: new Date(Date.now() + 6 * 60_000).toISOString() }),
    "occurred_at",
  ],
  ["endpoint_id empty", item({ endpoint_id: "" }), "endpoint_id"],
  ["endpoint_id 201 chars", item({ endpoint_id: "f".repeat(201) }), "endpoint_id"],
  ["endpoint_id with a space", item({ endpoint_id: "fal-ai/flux dev" }), "endpoint_id"],
  ["fal_request_id empty", item({ fal_request_id: "" }), "fal_request_id"],
  ["fal_request_id 129 chars", item({ fal_request_id: "r".repeat(129) }), "fal_request_id"],
  ["fal_request_id not an id", item({ fal_request_id: "req 1; drop" }), "fal_request_id"],
  ["properties an array", item({ properties: [1, 2] }), "properties"],
  ["properties a string", item({ properties: "x" }), "properties"],
  ["properties null", item({ properties: null }), "properties"],
  // {"k":"…"} is 8 bytes of JSON around the value.
  ["properties 4097 bytes", item({ properties: { k: "x".repeat(4089) } }), "properties"],
  ["properties one level deeper than allowed", item({ properties: { k: nested(32) } }), "properties"],
  ["unknown field", item({ colour: "red" }), "colour"],
];

/** [case, item]: each limit exactly at its boundary is accepted. */
const VALID: [string, Record<string, unknown>][] = [
  ["minimal item", { id: randomUUID(), event_id: "e", type: "x", occurred_at: "2026-03-09T14:05:00Z" }],
  ["event_id 128 chars of every allowed kind", item({ event_id: `Aa0._:-${"e".repeat(121)}` })],
  ["event_name 200 chars", item({ event_name: "n".repeat(200) })],
  ["type 64 chars", item({ type: `p${"a".repeat(63)}` })],
  ["custom type", item({ type: "booth.printed_2" })],
  ["offset with half hour", item({ occurred_at: "2026-03-09T14:05:00+05:30" })],
  ["occurred_at exactly 2000-01-01", item({ occurred_at: "2000-01-01T00:00:00Z" })],
  ["nanosecond fraction", item({ occurred_at: "2026-03-09T14:05:00.123456789-04:00" })],
  ["occurred_at 4 minutes ahead", item({ occurred_at: new Date(Date.now() + 4 * 60_000).toISOString() })],
  ["endpoint_id 200 chars", item({ endpoint_id: "f".repeat(200) })],
  ["fal_request_id 128 chars", item({ fal_request_id: "r".repeat(128) })],
  ["properties 4096 bytes", item({ properties: { k: "x".repeat(4088) } })],
  ["properties nested 32 levels deep", item({ properties: { k: nested(31) } })],
  ["uppercase uuid", item({ id: randomUUID().toUpperCase() })],
];

describe.each(testEngines())("POST /api/ingest on $name", (engine) => {
  let store: EventStore;

  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    overrideEventsContext({});
    await store?.close();
  });
  beforeEach(async () => {
    overrideEventsContext({ store, ingestToken: TOKEN });
    await resetStore(store);
  });

  async function expectNothingStored() {
    expect(await storedActivities(store)).toEqual([]);
  }

  it.each(INVALID)("rejects %s with 400 naming the field and stores nothing", async (_case, bad, field) => {
    const res = await postJson({ activities: [item(), bad, item()] });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("invalid_request");
    expect(error.issues).toContainEqual(expect.objectContaining({ index: 1, field }));
    expect(error.issues?.every((i: FieldIssue) => i.index === 1)).toBe(true);
    await expectNothingStored();
  });

  it.each(VALID)("accepts %s", async (_case, good) => {
    const res = await postJson({ activities: [good] });
    expect(res.status).toBe(200);
    expect(ingestResult.parse(await res.json())).toEqual({ accepted: 1, duplicates: 0 });
  });

  it("rejects properties nested 5,000 levels deep (10 KB of JSON) with 400 naming the field", async () => {
    // Written out by hand: JSON.stringify itself recurses, and this depth is what overflows a recursive walk.
    const deep = `${"[".repeat(5_000)}1${"]".repeat(5_000)}`;
    const bad = JSON.stringify(item({ properties: { k: "DEEP" } })).replace('"DEEP"', deep);
    const res = await post(`{"activities":[${JSON.stringify(item())},${bad}]}`);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.issues).toEqual([{ index: 1, field: "properties", message: expect.stringMatching(/deep/) }]);
    await expectNothingStored();
  });

  it("lists every problem of every item", async () => {
    const res = await postJson({
      activities: [item({ id: "x", type: "X" }), item(), item({ colour: 1, flavour: 2 })],
    });
    expect(res.status).toBe(400);
    const issues = (await errorOf(res)).issues?.map((i) => `${i.index}:${i.field}`).sort();
    expect(issues).toEqual(["0:id", "0:type", "2:colour", "2:flavour"]);
    await expectNothingStored();
  });

  it.each([
    ["invalid JSON", "{", "body"],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), "body"],
    ["a JSON array", "[]", "body"],
    ["no activities", "{}", "activities"],
    ["activities not an array", '{"activities":{}}', "activities"],
    ["an unknown top-level field", '{"activities":[],"extra":1}', "extra"],
  ] as const)("rejects a body that is %s with 400 naming %s", async (_case, body, field) => {
    const res = await post(typeof body === "string" ? body : streamOf(body));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.issues?.map((i) => i.field)).toContain(field);
  });

  it("stores a good batch and counts ids it already has as duplicates", async () => {
    const batch = [
      item(),
      item({ type: "photo.viewed", endpoint_id: undefined }),
      item({ type: "booth.printed" }),
    ];
    const first = await postJson({ activities: batch });
    expect(await first.json()).toEqual({ accepted: 3, duplicates: 0 });
    const again = await postJson({ activities: [...batch, item()] });
    expect(await again.json()).toEqual({ accepted: 1, duplicates: 3 });
    expect(await storedActivities(store)).toHaveLength(4);
  });

  it("counts an id repeated inside one batch once (in any letter case)", async () => {
    const id = randomUUID();
    const res = await postJson({
      activities: [item({ id }), item({ id }), item({ id: id.toUpperCase() }), item()],
    });
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 2 });
  });

  it("accepts an empty batch", async () => {
    expect(await (await postJson({ activities: [] })).json()).toEqual({ accepted: 0, duplicates: 0 });
  });

  describe("auth", () => {
    it.each([
      ["no Authorization header", { authorization: "" }],
      ["a wrong token", { authorization: `Bearer ${TOKEN}x` }],
      ["a prefix of the token", { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
      ["the Basic scheme", { authorization: `Basic ${TOKEN}` }],
      ["fal's Key scheme", { authorization: `Key ${TOKEN}` }],
    ])("answers 401 to %s", async (_case, headers) => {
      const res = await postJson({ activities: [item()] }, headers);
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthorized");
      await expectNothingStored();
    });

    it("accepts the scheme in any case", async () => {
      expect((await postJson({ activities: [item()] }, { authorization: `bearer ${TOKEN}` })).status).toBe(
        200,
      );
    });

    it("answers 503 ingest_disabled, naming INGEST_TOKEN, when no token is configured", async () => {
      overrideEventsContext({ store, ingestToken: null });
      const res = await postJson({ activities: [item()] });
      expect(res.status).toBe(503);
      const error = await errorOf(res);
      expect(error.code).toBe("ingest_disabled");
      expect(error.message).toContain("INGEST_TOKEN");
      await expectNothingStored();
    });
  });

  describe("media type and size", () => {
    it.each([["text/plain"], ["application/x-www-form-urlencoded"], [""]])(
      "answers 415 to Content-Type %j",
      async (type) => {
        const res = await postJson({ activities: [item()] }, { "content-type": type });
        expect(res.status).toBe(415);
        expect((await errorOf(res)).code).toBe("unsupported_media_type");
      },
    );

    it("accepts application/json with a charset", async () => {
      expect(
        (await postJson({ activities: [item()] }, { "content-type": "application/json; charset=utf-8" }))
          .status,
      ).toBe(200);
    });

    it("answers 413 to 1,001 items and stores nothing", async () => {
      const res = await postJson({ activities: Array.from({ length: 1001 }, () => item()) });
      expect(res.status).toBe(413);
      expect((await errorOf(res)).code).toBe("payload_too_large");
      await expectNothingStored();
    });

    it("accepts exactly 1,000 items", async () => {
      const res = await postJson({ activities: Array.from({ length: 1000 }, () => item()) });
      expect(await res.json()).toEqual({ accepted: 1000, duplicates: 0 });
    });

    it("answers 413 when Content-Length declares more than 1 MiB", async () => {
      const res = await postJson({ activities: [item()] }, { "content-length": String(MAX_BODY_BYTES + 1) });
      expect(res.status).toBe(413);
    });

    it("answers 413 when the bytes read exceed 1 MiB without a Content-Length", async () => {
      const head = `{"activities":[]`;
      const body = new TextEncoder().encode(`${head}${" ".repeat(MAX_BODY_BYTES - head.length)}}`);
      expect(body.byteLength).toBe(MAX_BODY_BYTES + 1);
      const res = await post(streamOf(body));
      expect(res.status).toBe(413);
      await expectNothingStored();
    });

    it("accepts a body of exactly 1 MiB", async () => {
      const head = `{"activities":[]`;
      const body = new TextEncoder().encode(`${head}${" ".repeat(MAX_BODY_BYTES - head.length - 1)}}`);
      expect(body.byteLength).toBe(MAX_BODY_BYTES);
      expect((await post(streamOf(body))).status).toBe(200);
    });
  });
});

/** A body without Content-Length, delivered in chunks, as a chunked upload arrives. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  const chunk = 64 * 1024;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunk));
      offset += chunk;
    },
  });
}
