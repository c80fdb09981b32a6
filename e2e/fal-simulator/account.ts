import { unitHash } from "./hash";
import { expandParam, pageParams, paginate } from "./params";
import { ACCOUNT_KEYS, ACCOUNT_USERNAME, CURRENCY } from "./world";

/** GET /v1/account/billing, GET /v1/keys (docs/fal-api-notes.md) and Replicate's GET /v1/account. */

export const KEYS_PAGE = { limit: 50, max: 100 };

/** A stable balance per seed, cents-exact like a real ledger. */
export function currentBalance(seed: number): number {
  return Math.round((250 + 1750 * unitHash(seed, 0xba1a)) * 100) / 100;
}

export function handleBilling(query: URLSearchParams, ctx: { seed: number }) {
  const expand = expandParam(query, ["credits"], []);
  return expand.has("credits")
    ? {
        username: ACCOUNT_USERNAME,
        credits: { current_balance: currentBalance(ctx.seed), currency: CURRENCY },
      }
    : { username: ACCOUNT_USERNAME };
}

export function handleKeys(query: URLSearchParams) {
  const expand = expandParam(query, ["creator_info"], []);
  const page = pageParams(query, KEYS_PAGE);
  const paged = paginate(ACCOUNT_KEYS, page);
  const keys = paged.items.map((k) => ({
    key_id: k.key_id,
    alias: k.alias,
    scope: "API" as const,
    created_at: k.created_at,
    ...(expand.has("creator_info")
      ? { creator_nickname: k.creator_nickname, creator_email: k.creator_email }
      : {}),
  }));
  return { keys, next_cursor: paged.next_cursor, has_more: paged.has_more };
}

export const REPLICATE_ACCOUNT = {
  type: "organization",
  username: ACCOUNT_USERNAME,
  name: "Sim Team",
  github_url: null,
};
export const REPLICATE_UNAUTHENTICATED = {
  title: "Unauthenticated",
  detail: "You did not pass a valid authentication token",
  status: 401,
};

/** Replicate takes `Bearer <token>` (current) or `Token <token>` (older clients). */
export function replicateToken(header: string | undefined): string | null {
  const match = /^(?:Bearer|Token) (\S+)$/.exec(header ?? "");
  return match?.[1] ?? null;
}
