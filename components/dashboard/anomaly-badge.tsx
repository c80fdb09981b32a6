"use client";
import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/lib/format";
import { useAnomalies } from "@/lib/hooks/use-watch";
import { anomalyText } from "@/lib/watch-format";

/** A flag beside a model whose last 24 hours cost far more than its usual day (GET /api/ai/anomalies). */
export function AnomalyBadge({ endpointId }: { endpointId: string }) {
  const { data } = useAnomalies();
  const a = data?.models.find((m) => m.endpoint_id === endpointId && m.flagged);
  if (!data || !a) return null;
  return (
    <Badge
      tone="warning"
      className="self-start"
      title={`${formatMoney(a.recent, data.currency)} in the 24 hours to ${data.window.end}; its usual day (median of the 14 before) is ${formatMoney(a.baseline, data.currency)}`}
    >
      <span data-testid="anomaly-badge">{anomalyText(a, data.currency)}</span>
    </Badge>
  );
}
