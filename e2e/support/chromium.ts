/**
 * Debian's Chromium (Playwright's browser download cannot work on a closed network), with the flags a
 * closed-network, root, container machine needs. Shared by the e2e suite and the benchmarks.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
