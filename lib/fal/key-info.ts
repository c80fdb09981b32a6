import "server-only";
import { exposedSecretVariables } from "@/lib/env";
import { currentCredential, keyFileConfigured, type KeySource } from "@/lib/fal/credentials";

/** What the page may show about the key: where it comes from and its masked form, never the key. */
export type KeyInfo = {
  source: KeySource | null;
  masked: string | null;
  formatProblem: string | null;
  keyFile: string | null;
  exposedVariables: string[];
};

export function keyInfo(): KeyInfo {
  const c = currentCredential();
  return {
    source: c?.source ?? null,
    masked: c?.masked ?? null,
    formatProblem: c?.formatProblem ?? null,
    keyFile: keyFileConfigured() ?? null,
    exposedVariables: exposedSecretVariables(),
  };
}
