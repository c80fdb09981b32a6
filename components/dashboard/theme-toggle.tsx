"use client";
import { createContext, useContext, useState, type ReactNode } from "react";
import { Segmented } from "@/components/ui/segmented";
import { THEMES, THEME_COOKIE, type Theme } from "@/components/ui/theme";

const LABELS: Record<Theme, string> = { light: "Light", dark: "Dark", system: "System" };

/** Icons rather than words keep the header's controls on one row at 1280 px; each radio is named. */
const ICONS: Record<Theme, ReactNode> = {
  light: (
    <>
      <circle cx="8" cy="8" r="3" />
      <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
    </>
  ),
  dark: <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z" />,
  system: (
    <>
      <rect x="2" y="3" width="12" height="8" rx="1" />
      <path d="M6 14h4M8 11v3" />
    </>
  ),
};

function Icon({ theme }: { theme: Theme }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="14"
      height="14"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className="inline-block"
    >
      {ICONS[theme]}
    </svg>
  );
}

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
      options={THEMES.map((t) => ({ value: t, label: <Icon theme={t} />, ariaLabel: LABELS[t] }))}
      value={theme}
      onChange={choose}
    />
  );
}
