"use client";
import { createContext, useContext, useState, type ReactNode } from "react";
import { Segmented } from "@/components/ui/segmented";
import { THEMES, THEME_COOKIE, type Theme } from "@/components/ui/theme";

const LABELS: Record<Theme, string> = { light: "Light", dark: "Dark", system: "System" };

const ThemeContext = createContext<[Theme, (theme: Theme) => void]>(["system", () => {}]);

/**
 * Holds the theme the server rendered (from the cookie), so the toggle hydrates showing the same
 * choice. A choice is a cookie rather than localStorage because the server must know it before the first
 * paint: the root layout puts it on <html>, and the page never flashes the other theme.
 */
export function ThemeProvider({ initial, children }: { initial: Theme; children: ReactNode }) {
  const [theme, setTheme] = useState(initial);
  const choose = (next: Theme) => {
    document.cookie =
      next === "system"
        ? `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`
        : `${THEME_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
    const root = document.documentElement.classList;
    root.toggle("light", next === "light");
    root.toggle("dark", next === "dark");
    setTheme(next);
  };
  return <ThemeContext value={[theme, choose]}>{children}</ThemeContext>;
}

/** Light, dark, or back to following the system. */
export function ThemeToggle() {
  const [theme, choose] = useContext(ThemeContext);
  return (
    <Segmented
      ariaLabel="Theme"
      size="sm"
      options={THEMES.map((t) => ({ value: t, label: LABELS[t] }))}
      value={theme}
      onChange={choose}
    />
  );
}
