import { DateTime } from "luxon";
import { HOUR_MS, hourRequests } from "@/e2e/fal-simulator/data";
import { requestUuid } from "@/e2e/fal-simulator/requests";
import { ENDPOINT_BY_ID } from "@/e2e/fal-simulator/world";
import { DEMO_ALL_MODELS } from "@/lib/demo/catalog";
import type { NewActivity } from "@/lib/events/write";
import { seededRandom } from "@/lib/random";

/**
 * The demo world's own activity: a few events over the last 90 days, each on its own dates with a day/night
 * rhythm, photos attributed to the fal endpoints the simulator bills (so cost per photo means something),
 * views and shares following each photo. Deterministic: the same day and zone give the same rows.
 */

type DemoEvent = {
  id: string;
  name: string;
  /** Days relative to today (0 = today, -89 = the first of the 90 days). */
  firstDay: number;
  lastDay: number;
  /** Local opening hours; `closeHour` past 24 runs into the next morning. */
  openHour: number;
  closeHour: number;
  photosPerDay: number;
  /** Share of photos that get shared, 5–15 %. */
  shareRate: number;
  weekendBoost: number;
  /**
   * Which photos name the fal request that made them (`fal_request_id`): all (cost per event is exact),
   * none (an older integration: estimated from usage) or about half (mixed).
   */
  requestIds: "all" | "none" | "some";
};

export const DEMO_EVENTS: DemoEvent[] = [
  {
    id: "flagship-store-kiosk",
    name: "Flagship store kiosk",
    firstDay: -89,
    lastDay: 0,
    openHour: 10,
    closeHour: 20,
    photosPerDay: 90,
    shareRate: 0.06,
    weekendBoost: 1.6,
    requestIds: "none",
  },
  {
    id: "acme-summer-party",
    name: "Acme summer party",
    firstDay: -61,
    lastDay: -61,
    openHour: 18,
    closeHour: 25,
    photosPerDay: 900,
    shareRate: 0.14,
    weekendBoost: 1,
    requestIds: "all",
  },
  {
    id: "expo-2026-booth",
    name: "Expo 2026 booth",
    firstDay: -40,
    lastDay: -38,
    openHour: 9,
    closeHour: 18,
    photosPerDay: 1300,
    shareRate: 0.08,
    weekendBoost: 1,
    requestIds: "some",
  },
  {
    id: "smith-wedding",
    name: "Smith wedding",
    firstDay: -12,
    lastDay: -12,
    openHour: 16,
    closeHour: 25,
    photosPerDay: 650,
    shareRate: 0.15,
    weekendBoost: 1,
    requestIds: "all",
  },
  {
    id: "tech-summit-photo-wall",
    name: "Tech Summit photo wall",
    firstDay: -5,
    lastDay: -4,
    openHour: 8,
    closeHour: 18,
    photosPerDay: 800,
    shareRate: 0.1,
    weekendBoost: 1,
    requestIds: "all",
  },
  {
    id: "riverside-festival",
    name: "Riverside music festival",
    firstDay: -2,
    lastDay: 0,
    openHour: 13,
    closeHour: 26,
    photosPerDay: 700,
    shareRate: 0.12,
    weekendBoost: 1,
    requestIds: "all",
  },
];

const STYLES = ["classic", "neon", "vintage", "comic", "studio"];
const VIEW_SOURCES = ["gallery", "qr", "screen", "email"];
const SHARE_CHANNELS = ["instagram", "whatsapp", "email", "airdrop"];
const MINUTE = 60_000;

/** The simulator's default seed: `npm run demo` and the e2e app run it, so seeded photos name its requests. */
const SIMULATOR_SEED = 42;
/** Busy enough to have served a request in every hour; takes over photos of models idle for a day. */
const FALLBACK_ENDPOINT = "fal-ai/flux/dev";

/**
 * A successful simulator request on the photo's endpoint from its hour or the 23 before (a photo is
 * delivered after its request), or null. Hours are regenerated from the simulator's pure module and
 * remembered for the run.
 */
function simulatorRequestPicker() {
  const succeeded = new Map<string, number[]>(); // request indexes of each (endpoint, hour)
  return (endpointId: string, at: number, r: number): string | null => {
    const endpoint = ENDPOINT_BY_ID.get(endpointId);
    if (!endpoint) return null;
    for (let hour = Math.floor(at / HOUR_MS); hour > Math.floor(at / HOUR_MS) - 24; hour--) {
      const key = `${endpoint.index}:${hour}`;
      let indexes = succeeded.get(key);
      if (!indexes) {
        indexes = hourRequests(SIMULATOR_SEED, endpoint.index, hour)
          .filter((d) => d.outcome === "success")
          .map((d) => d.index);
        succeeded.set(key, indexes);
      }
      const index = indexes[Math.floor(r * indexes.length)];
      if (index !== undefined) return requestUuid(SIMULATOR_SEED, endpoint.index, hour, index);
    }
    return null;
  };
}

export function demoActivities(options: { now: number; timezone: string; seed?: number }): NewActivity[] {
  const random = seededRandom(options.seed ?? 20_260_309);
  // Request ids are drawn from a stream of their own, so the rest of the demo world does not move.
  const idRandom = seededRandom((options.seed ?? 20_260_309) + 1);
  const pickRequest = simulatorRequestPicker();
  const today = DateTime.fromMillis(options.now, { zone: options.timezone }).startOf("day");
  const cumulative = cumulativeWeights(DEMO_ALL_MODELS.map((m) => m.photo_weight));
  const out: NewActivity[] = [];

  for (const event of DEMO_EVENTS) {
    const follow = (type: string, photoAt: number, properties?: Record<string, unknown>) => {
      const occurredAt = photoAt + laterBy(random);
      if (occurredAt <= options.now) {
        out.push({
          id: uuid(random),
          eventId: event.id,
          eventName: event.name,
          type,
          occurredAt,
          properties,
        });
      }
    };
    for (let day = event.firstDay; day <= event.lastDay; day++) {
      const date = today.plus({ days: day });
      const midnight = date.toMillis();
      const weekend = date.weekday >= 6 ? event.weekendBoost : 1;
      const photos = Math.round(event.photosPerDay * weekend * (0.8 + 0.4 * random()));
      for (let i = 0; i < photos; i++) {
        // Minutes after midnight as elapsed time: on a DST day the rhythm shifts by an hour, which is harmless.
        const at = midnight + openMinute(event, random) * MINUTE + Math.floor(random() * MINUTE);
        if (at > options.now) continue;
        const id = uuid(random);
        let endpointId = DEMO_ALL_MODELS[pick(cumulative, random())]?.endpoint_id ?? FALLBACK_ENDPOINT;
        uuid(random); // was the photo's request id before ids named simulator requests; keeps the stream
        let falRequestId: string | undefined;
        if (event.requestIds === "all" || (event.requestIds === "some" && idRandom() < 0.5)) {
          const r = idRandom();
          falRequestId = pickRequest(endpointId, at, r) ?? undefined;
          if (falRequestId === undefined) {
            endpointId = FALLBACK_ENDPOINT;
            falRequestId = pickRequest(endpointId, at, r) ?? undefined;
          }
        }
        out.push({
          id,
          eventId: event.id,
          eventName: event.name,
          type: "photo.generated",
          occurredAt: at,
          endpointId,
          falRequestId,
          properties: { style: oneOf(STYLES, random) },
        });
        const views = 3 + Math.floor(random() * 6);
        for (let v = 0; v < views; v++) follow("photo.viewed", at, { source: oneOf(VIEW_SOURCES, random) });
        if (random() < event.shareRate)
          follow("photo.shared", at, { channel: oneOf(SHARE_CHANNELS, random) });
        if (random() < 0.04) follow("photo.downloaded", at);
      }
    }
  }
  return out;
}

function oneOf(values: readonly string[], random: () => number): string | undefined {
  return values[Math.floor(random() * values.length)];
}

/** Minutes after local midnight, busiest mid-session: a sine bump over the opening hours. */
function openMinute(event: DemoEvent, random: () => number): number {
  const span = (event.closeHour - event.openHour) * 60;
  for (;;) {
    const x = random();
    if (random() < Math.sin(Math.PI * x) * 0.9 + 0.1) return event.openHour * 60 + Math.floor(x * span);
  }
}

/** Most views come within minutes of the photo, a few hours later (the gallery link shared afterwards). */
function laterBy(random: () => number): number {
  return Math.floor(-Math.log(1 - random()) * 20 * MINUTE) + 5_000;
}

function cumulativeWeights(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
}

function pick(cumulative: number[], r: number): number {
  const i = cumulative.findIndex((c) => r < c);
  return i === -1 ? cumulative.length - 1 : i;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A version-4 UUID from the seeded PRNG, so reseeding yields the same ids (hex by table: it is the hot loop). */
function uuid(random: () => number): string {
  let out = "";
  for (let word = 0; word < 4; word++) {
    let bits = Math.floor(random() * 4_294_967_296);
    if (word === 1) bits = (bits & 0xffff0fff) | 0x4000;
    if (word === 2) bits = ((bits & 0x3fffffff) | 0x80000000) >>> 0;
    for (let shift = 24; shift >= 0; shift -= 8) {
      out += HEX[(bits >>> shift) & 0xff];
      if (out.length === 8 || out.length === 13 || out.length === 18 || out.length === 23) out += "-";
    }
  }
  return out;
}
