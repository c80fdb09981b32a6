import { z } from "zod";

/** The error body every route answers with; codes and statuses live in codes.ts (no zod, browser-safe). */
export const fieldIssue = z.object({
  index: z.number().int().optional(),
  field: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssue>;

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
    request_id: z.string().optional(),
    field: z.string().optional(),
    issues: z.array(fieldIssue).optional(),
    /** `scope_insufficient` only: the permission the key lacks, and the presets carrying it (least first). */
    required_permission: z.string().optional(),
    presets: z.array(z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
