"use client";
import useSWR from "swr";
import type {
  InsightsResponse,
  ModelResponse,
  RequestsQuery,
  RequestsResponse,
} from "@/lib/contracts/model-detail";
import type { RangeQuery } from "@/lib/contracts/range";
import type { ReconciliationResponse } from "@/lib/contracts/reconciliation";
import { API_ROUTES } from "@/lib/contracts/routes";
import { useApi } from "@/lib/hooks/use-api";
import { type ApiClientError, fetcher } from "@/lib/hooks/fetcher";
import { apiKey } from "@/lib/view-state";

/** The model page's hooks: the window query plus the model's own parameters, the URL as the SWR key. */

export function useModel(query: RangeQuery, endpointId: string) {
  return useSWR<ModelResponse, ApiClientError>(
    apiKey(API_ROUTES.model, query, { endpoint_id: endpointId }),
    fetcher<ModelResponse>,
    { keepPreviousData: true },
  );
}

export function useRequests(query: RangeQuery, params: RequestsQuery) {
  return useSWR<RequestsResponse, ApiClientError>(
    apiKey(API_ROUTES.requests, query, {
      endpoint_id: params.endpoint_id,
      status: params.status,
      sort_by: params.sort_by,
      cursor: params.cursor,
      limit: params.limit?.toString(),
    }),
    fetcher<RequestsResponse>,
    { keepPreviousData: true },
  );
}

/** Not windowed: fal's evidence covers its own week, which the answer names. */
export function useInsights(endpointId: string) {
  return useSWR<InsightsResponse, ApiClientError>(
    `${API_ROUTES.insights}?${new URLSearchParams({ endpoint_id: endpointId }).toString()}`,
    fetcher<InsightsResponse>,
  );
}

export function useReconciliation(query: RangeQuery) {
  return useApi<ReconciliationResponse>(API_ROUTES.reconciliation, query);
}
