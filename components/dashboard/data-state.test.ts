import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { type Answer, DataKpi, DataState } from "@/components/dashboard/data-state";
import { EventActivity } from "@/components/dashboard/event-activity";
import type { EventMetricsResponse } from "@/lib/contracts/events";

/** Renders a section the way the server's first paint does (no effects, no fetches). */
function section(answer: Answer<{ rows: number }>) {
  // DataState uses no hooks, so calling it renders it; createElement would want children as an argument.
  return renderToStaticMarkup(
    DataState({
      answer,
      label: "Cost over time",
      height: 260,
      empty: { when: (d) => d.rows === 0, title: "No fal spend in this range" },
      children: (d) => createElement("p", null, `${d.rows} rows`),
    }),
  );
}

describe("DataState", () => {
  it("stands in for loading content with a skeleton of its height", () => {
    const html = section({});
    expect(html).toContain('role="status"');
    expect(html).toContain('aria-label="Loading cost over time …"');
    expect(html).toContain("height:260px");
  });

  it("shows the API's message and hint for a failure that is not a key diagnosis", () => {
    const html = section({
      error: { code: "internal", message: "The server hit an unexpected error.", hint: "Try again." },
    });
    expect(html).toContain("Cost over time");
    expect(html).toContain("The server hit an unexpected error.");
    expect(html).toContain("Try again.");
    expect(html).toContain("min-height:260px");
  });

  it("steps back to the diagnosis title when the key banner explains the failure", () => {
    const html = section({
      error: { code: "key_rejected", message: "Not shown: the banner says it.", hint: "Not shown either." },
    });
    expect(html).toContain("fal rejected the key");
    expect(html).not.toContain("Not shown");
  });

  it("keeps the last good data on screen when a refresh fails", () => {
    const html = section({ data: { rows: 3 }, error: { code: "upstream_unavailable", message: "x" } });
    expect(html).toContain("3 rows");
    expect(html).not.toContain("fal is not answering");
  });

  it("says what is missing for an empty answer, and never draws content shorter than its height", () => {
    expect(section({ data: { rows: 0 } })).toContain("No fal spend in this range");
    expect(section({ data: { rows: 2 } })).toContain('<div style="min-height:260px"><p>2 rows</p></div>');
  });
});

describe("DataKpi", () => {
  const tile = (answer: Answer<number>) =>
    renderToStaticMarkup(
      createElement(DataKpi<number>, { answer, label: "Spend", show: (n) => ({ value: `$${n}` }) }),
    );

  it("loads, fails and shows in the same tile", () => {
    expect(tile({})).toContain("Loading Spend");
    expect(tile({ data: 12 })).toContain("$12");
    const failed = tile({
      error: { code: "scope_insufficient", message: "x", requiredPermission: "billing:usage:read" },
    });
    expect(failed).toContain('title="Spend"');
    expect(failed).toContain("the fal key lacks billing:usage:read");
  });
});

describe("event activity", () => {
  it("shows the API's message when the event store is unavailable", () => {
    const error = {
      code: "store_unavailable",
      message: "The event store is not reachable.",
      hint: "Check DATABASE_URL and that PostgreSQL is running.",
    };
    const html = renderToStaticMarkup(
      createElement(EventActivity, { metrics: { error } satisfies Answer<EventMetricsResponse> }),
    );
    expect(html).toContain("The event store is not reachable.");
    expect(html).toContain("Check DATABASE_URL and that PostgreSQL is running.");
  });
});
