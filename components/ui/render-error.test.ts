import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RenderError } from "@/components/ui/render-error";

describe("RenderError", () => {
  const html = (error: unknown) => renderToStaticMarkup(RenderError({ error, retry: () => {} }));

  it("offers a retry and a way home, inside the skip link's target", () => {
    const page = html(new Error("boom"));
    expect(page).toContain('<main id="content"');
    expect(page).toMatch(/<button[^>]*>Try again<\/button>/);
    expect(page).toMatch(/<a [^>]*href="\/"[^>]*>Back to the dashboard<\/a>/);
  });

  it("shows the digest to quote, never the error's message", () => {
    const error = Object.assign(new Error("password=hunter2 leaked"), { digest: "1234567890" });
    const page = html(error);
    expect(page).toContain("<code>1234567890</code>");
    expect(page).not.toContain("hunter2");
  });

  it("copes with a thrown value that is not an Error", () => {
    expect(html("just a string")).not.toContain("Reference");
  });
});
