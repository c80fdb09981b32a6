import type { Page } from "@playwright/test";

/**
 * Whether the page paints dark: the body's background read back through a canvas as sRGB (whatever
 * colour syntax the stylesheet used), dark when its relative luminance is under 0.2. The class on <html>
 * cannot tell: "system" has none and still follows the OS.
 */
export async function paintsDark(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...ctx.getImageData(0, 0, 1, 1).data].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.2;
  });
}
