"use client";
import { mutate } from "swr";
import type { AlertEventsResponse, ChannelsResponse, RulesResponse } from "@/lib/contracts/alerts";
import type { ErrorBody } from "@/lib/contracts/errors";
import { API_ROUTES } from "@/lib/contracts/routes";
import { useApi } from "@/lib/hooks/use-api";

export function useRules() {
  return useApi<RulesResponse>(API_ROUTES.alertRules, undefined);
}

export function useChannels() {
  return useApi<ChannelsResponse>(API_ROUTES.alertChannels, undefined);
}

export const EVENTS_KEY = `${API_ROUTES.alertEvents}?limit=50`;
export function useAlertEvents() {
  return useApi<AlertEventsResponse>(EVENTS_KEY, undefined);
}

/** Every alert view, refreshed after a change. */
export function refreshAlerts(): Promise<unknown> {
  return Promise.all([API_ROUTES.alertRules, API_ROUTES.alertChannels, EVENTS_KEY].map((k) => mutate(k)));
}

/** A change through the alert API; resolves with the answer or throws the error's message. */
export async function sendAlertApi<T>(
  method: "POST" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok)
    throw new Error(
      (answer as Partial<ErrorBody> | null)?.error?.message ?? `Request failed (${res.status}).`,
    );
  return answer as T;
}
