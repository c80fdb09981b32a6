"use client";
import { type Answer, QuietBox } from "@/components/dashboard/data-state";
import { PanelSection } from "@/components/ui/panel-section";
import { QuietLine } from "@/components/ui/quiet-line";
import { Skeleton } from "@/components/ui/skeleton";
import type { InsightsResponse } from "@/lib/contracts/model-detail";
import { formatDuration, formatInstant } from "@/lib/format";

const HEIGHT = 132;

/** How far the team's figure is from fal's, in words: "1.4× fal's". */
function ratio(yours: number | null, fal: number | null): string | null {
  if (yours === null || fal === null || fal <= 0) return null;
  return `${(yours / fal).toFixed(1)}× fal's`;
}

/**
 * "Is it us or fal?": the team's p50/p90 run time beside fal's fal-wide figures for the same week. Only an
 * aside: when fal has no evidence (private model, too few samples) or cannot be asked, it says so in a
 * line and the page goes on.
 */
export function UsOrFal({
  insights,
  endpointId,
  timezone,
}: {
  insights: Answer<InsightsResponse>;
  endpointId: string;
  timezone: string;
}) {
  const { data, error } = insights;
  const model = data?.models.find((m) => m.endpoint_id === endpointId);
  let body;
  if (!data && !error) {
    body = <Skeleton className="w-full" style={{ height: HEIGHT }} />;
  } else if (error || !data || data.unavailable || !model) {
    body = (
      <QuietBox height={HEIGHT}>
        <QuietLine label="No comparison with fal" reason="fal's model insights could not be read just now" />
      </QuietBox>
    );
  } else if (!model.public) {
    body = (
      <QuietBox height={HEIGHT}>
        <QuietLine
          label="No comparison with fal"
          reason="fal has no fal-wide figures for this model (a private model, or one it does not know)"
        />
      </QuietBox>
    );
  } else if (!model.sufficient_evidence) {
    body = (
      <QuietBox height={HEIGHT}>
        <QuietLine
          label="No comparison with fal"
          reason="fal has too little evidence for this model this week (it needs 30 runs from 10 callers)"
        />
      </QuietBox>
    );
  } else {
    const window = data.window;
    const rows = [
      { label: "p50 run time", yours: model.your_p50_seconds, fal: model.fal_p50_seconds },
      { label: "p90 run time", yours: model.your_p90_seconds, fal: model.fal_p90_seconds },
    ];
    body = (
      <div className="flex flex-col gap-2" style={{ minHeight: HEIGHT }}>
        <table className="w-full text-sm">
          <caption className="sr-only">Your run time beside fal&apos;s for the same week</caption>
          <thead>
            <tr className="text-xs text-muted">
              <th scope="col" className="text-left font-normal">
                <span className="sr-only">Percentile</span>
              </th>
              <th scope="col" className="text-right font-normal">
                You
              </th>
              <th scope="col" className="text-right font-normal">
                fal-wide
              </th>
              <th scope="col" className="text-right font-normal">
                <span className="sr-only">You ÷ fal</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row" className="py-1 text-left font-medium">
                  {r.label}
                </th>
                <td className="text-right tabular-nums">{formatDuration(r.yours)}</td>
                <td className="text-right tabular-nums">{formatDuration(r.fal)}</td>
                <td className="text-right text-xs text-muted">{ratio(r.yours, r.fal) ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-xs text-muted">
          {window
            ? `Week ${formatInstant(window.start, timezone, { dateStyle: "medium", timeStyle: "short" })} – ${formatInstant(window.end, timezone, { dateStyle: "medium", timeStyle: "short" })}. `
            : ""}
          fal&apos;s figures count successful runs only, without queue and start-up; yours count every request
          analytics saw.
        </p>
      </div>
    );
  }
  return (
    <PanelSection label="Is it us or fal?" heading="Is it us or fal?">
      {body}
    </PanelSection>
  );
}
