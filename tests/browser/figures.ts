/** Reading a displayed figure back into a number, independently of the site's formatter. */
export interface Display { scale: number; decimals: number; prefix?: string; suffix?: string }

/** The number a page must show for a published value: value × scale, rounded half away from zero to the display decimals. */
export function expectedFigure(display: Display, value: number | null): number | null {
  if (value === null) return null;
  const x = Number((value * display.scale).toPrecision(12));
  const [mantissa, exp] = Math.abs(x).toExponential().split('e');
  const r = Math.sign(x) * Number(`${Math.round(Number(`${mantissa}e${Number(exp) + display.decimals}`))}e-${display.decimals}`);
  return r === 0 ? 0 : r;
}

/** "£1,234.5", "−3.2%", "88.4" → the number; anything else → NaN. */
export function parseShown(text: string): number {
  const cleaned = text.replace(/−/g, '-').replace(/[£$,%\s]/g, '').replace(/[a-z]+$/i, '');
  return cleaned === '' ? NaN : Number(cleaned);
}
