/**
 * Runs once when the server starts. Everything it does needs Node.js, so it lives in a module imported
 * only on that runtime: the condition is known at build time, and the Edge bundle never sees Node APIs.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./instrumentation-node")).registerNode();
}
