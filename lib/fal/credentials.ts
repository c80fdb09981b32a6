import "server-only";
import type { KeySource } from "@/lib/contracts/key-info";
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { env } from "@/lib/env";

/**
 * Where the dashboard's fal key comes from, re-resolved on every call so that rotating the key file
 * needs no restart. `FAL_ADMIN_KEY_FILE` wins over `FAL_ADMIN_KEY`; `FAL_KEY` (or the legacy
 * `FAL_KEY_ID` + `FAL_KEY_SECRET` pair) is used when no admin key is set.
 */

export type FalCredential = {
  key: string;
  source: KeySource;
  /** Stable, non-reversible id for cache keys and log throttling; never the key itself. */
  fingerprint: string;
  masked: string;
  /** Why the key fails the lenient local check, if it does (the call is still attempted). */
  formatProblem: string | null;
};

let fileCache: { path: string; mtimeMs: number; size: number; value: string | undefined } | undefined;

function readKeyFile(path: string): string | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    fileCache = undefined;
    return undefined;
  }
  // A stat per request is cheap; re-reading only on change keeps rotation instant without a watcher.
  if (
    fileCache &&
    fileCache.path === path &&
    fileCache.mtimeMs === stat.mtimeMs &&
    fileCache.size === stat.size
  ) {
    return fileCache.value;
  }
  const raw = readFileSync(path, "utf8");
  // A trailing newline is what every editor and `echo` leave: not a format problem.
  const value = raw.replace(/\r?\n$/, "") || undefined;
  fileCache = { path, mtimeMs: stat.mtimeMs, size: stat.size, value };
  return value;
}

function candidate(): { key: string; source: KeySource } | undefined {
  const e = env();
  if (e.FAL_ADMIN_KEY_FILE) {
    const fromFile = readKeyFile(e.FAL_ADMIN_KEY_FILE);
    if (fromFile !== undefined) return { key: fromFile, source: "FAL_ADMIN_KEY_FILE" };
  } else if (e.FAL_ADMIN_KEY) {
    return { key: e.FAL_ADMIN_KEY, source: "FAL_ADMIN_KEY" };
  }
  if (e.FAL_KEY) return { key: e.FAL_KEY, source: "FAL_KEY" };
  if (e.FAL_KEY_ID && e.FAL_KEY_SECRET) {
    return { key: `${e.FAL_KEY_ID}:${e.FAL_KEY_SECRET}`, source: "FAL_KEY_ID+FAL_KEY_SECRET" };
  }
  return undefined;
}

export function currentCredential(): FalCredential | undefined {
  const c = candidate();
  if (!c) return undefined;
  return {
    ...c,
    fingerprint: fingerprint(c.key),
    masked: maskKey(c.key),
    formatProblem: keyFormatProblem(c.key),
  };
}

/** Which variable the dashboard would read a key from, for messages when none is set. */
export function keyFileConfigured(): string | undefined {
  return env().FAL_ADMIN_KEY_FILE;
}

export function fingerprint(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/** First 8 characters of the id + `…` + last 4 of the secret; never enough to use the key. */
export function maskKey(key: string): string {
  const trimmed = key.trim();
  const colon = trimmed.indexOf(":");
  if (colon > 0 && colon < trimmed.length - 1) {
    const id = trimmed.slice(0, colon);
    const secret = trimmed.slice(colon + 1);
    const tail = secret.length >= 12 ? secret.slice(-4) : "";
    return `${id.slice(0, 8)}…${tail}`;
  }
  // No id/secret split to lean on: show so little that even a short key stays unusable.
  const head = trimmed.slice(0, Math.min(4, Math.floor(trimmed.length / 4)));
  return `${head}… (${trimmed.length} chars)`;
}

/** A lenient local check: catches copy-paste accidents, not every bad key; the call is still made. */
export function keyFormatProblem(key: string): string | null {
  if (key.length === 0) return "the value is empty";
  if (/^\s|\s$/.test(key)) return "the value has leading or trailing whitespace or a newline";
  if (/^["'`]|["'`]$/.test(key)) return "the value is wrapped in quotes";
  if (/^(key|bearer)\s/i.test(key))
    return "the value includes an auth scheme prefix; set only key_id:key_secret";
  if (/\s/.test(key)) return "the value contains whitespace";
  const colon = key.indexOf(":");
  if (colon <= 0 || colon === key.length - 1) return "expected the format key_id:key_secret";
  return null;
}
