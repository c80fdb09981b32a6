import { z } from "zod";

/** Where the fal key was found, in the order they are looked up. */
export const KEY_SOURCES = [
  "FAL_ADMIN_KEY_FILE",
  "FAL_ADMIN_KEY",
  "FAL_KEY",
  "FAL_KEY_ID+FAL_KEY_SECRET",
] as const;
export type KeySource = (typeof KEY_SOURCES)[number];

/** What a page may show about the key: where it comes from and its masked form, never the key. */
export const keyInfo = z.object({
  source: z.enum(KEY_SOURCES).nullable(),
  masked: z.string().nullable(),
  formatProblem: z.string().nullable(),
  keyFile: z.string().nullable(),
  exposedVariables: z.array(z.string()),
});
export type KeyInfo = z.infer<typeof keyInfo>;
