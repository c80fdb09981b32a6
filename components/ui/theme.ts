/**
 * The theme choice, shared by the root layout (which renders it as a class on <html>) and the toggle
 * (which writes it). "system" is the absence of a choice: no cookie, no class, the OS decides.
 */
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";

export function parseTheme(value: string | undefined): Theme {
  return value === "light" || value === "dark" ? value : "system";
}
