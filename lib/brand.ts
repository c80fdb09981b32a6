/**
 * `instanceof` that holds across module graphs. Next builds pages and route handlers as separate graphs,
 * so an error created in one and caught in the other is of "another" class; a symbol registered with
 * `Symbol.for` is the same in both, so classes mark their instances with one and test for it.
 */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
