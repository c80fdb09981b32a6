import { register } from "node:module";

/**
 * `server-only` resolves to a module that throws unless the `react-server` export condition is set, which
 * only Next's server bundles do; under tsx (`npm run seed`, the bench) importing lib/env.ts would throw.
 * A script calls this first, then imports server modules dynamically: static imports are resolved before
 * any of the script's code runs, so they would miss the hook.
 */
export function allowServerOnlyImports(): void {
  register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`);
}

const RESOLVE_HOOK = `export async function resolve(specifier, context, next) {
  return next(specifier, specifier === "server-only" ? { ...context, conditions: [...context.conditions, "react-server"] } : context);
}`;
