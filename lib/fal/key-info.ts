import "server-only";
import { exposedSecretVariables } from "@/lib/env";
import type { KeyInfo } from "@/lib/contracts/key-info";
import { currentCredential, keyFileConfigured } from "@/lib/fal/credentials";

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
