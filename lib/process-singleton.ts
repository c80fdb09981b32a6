/**
 * One instance per server process. Next compiles pages and route handlers into separate module graphs,
 * so a plain module-level `let` exists once per graph: the page's server render and the API routes
 * would each keep their own fal cache, and clearing one would not clear the other.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const registry = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`fal-dashboard:${name}`);
  return (registry[key] ??= create());
}
