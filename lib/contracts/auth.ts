import { z } from "zod";

/**
 * POST /api/auth/login, as a form (the login page, no JavaScript needed) or as JSON (scripts). `next` is
 * where a form post returns to; it is checked against open redirects separately (lib/auth/login.ts).
 */
export const loginBody = z.object({
  password: z.string({ error: "required, a string" }).min(1, "required"),
  next: z.string().optional(),
});
export type LoginBody = z.infer<typeof loginBody>;
