import "server-only";
import { env } from "@/lib/env";
import { defaultEventStore, type EventStore } from "@/lib/events/db";

/**
 * What the event routes depend on from the outside world: the store and the ingest token. Route handlers
 * reach both only through here, so a test can point them at its own store and token without mocking
 * modules (env() is parsed once per process and cannot change between tests).
 */
type Overrides = {
  store?: EventStore;
  /** null = explicitly not configured, to exercise the "ingest disabled" answer. */
  ingestToken?: string | null;
};

let overrides: Overrides = {};

export function eventStore(): Promise<EventStore> {
  return overrides.store ? Promise.resolve(overrides.store) : defaultEventStore();
}

export function ingestToken(): string | undefined {
  if (overrides.ingestToken === undefined) return env().INGEST_TOKEN;
  return overrides.ingestToken ?? undefined;
}

/** For tests: replaces the store and/or token until called again (`{}` restores the configured ones). */
export function overrideEventsContext(next: Overrides): void {
  overrides = next;
}
