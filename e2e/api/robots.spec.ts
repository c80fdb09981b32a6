import { expect, test } from "@playwright/test";
import { APP_PORT, AUTH_APP_PORT } from "../support/constants";

// A private dashboard asks crawlers to stay out, and the answer must reach them without a session: behind
// a password, a redirect to /login would leave the crawler with nothing to obey.
for (const [server, port] of [
  ["open", APP_PORT],
  ["password-protected", AUTH_APP_PORT],
] as const) {
  test(`robots.txt disallows everything on the ${server} server, without a redirect`, async ({ request }) => {
    const res = await request.get(`http://127.0.0.1:${port}/robots.txt`, { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^text\/plain/);
    const lines = (await res.text()).split("\n").map((l) => l.trim());
    expect(lines).toContain("User-Agent: *");
    expect(lines).toContain("Disallow: /");
  });
}
