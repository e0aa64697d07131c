/**
 * The reader's tariff scenario, shared by the build (the published figure) and the browser (the
 * reader's own figure) so that both multiply and round the same way. Pure: no DOM, no files.
 */

/** The highest tariff the input accepts: above this a typing slip (an extra zero) is more likely than a scenario. */
export const MAX_TARIFF = 1_000_000;

export type TariffReading = { ok: true; tariff: number } | { ok: false; reason: string };

/** A tariff as typed: pounds per place per year, with or without "£", commas or spaces. */
export function readTariff(text: string): TariffReading {
  const cleaned = text.replace(/[£,\s]/g, '');
  if (cleaned === '') return { ok: false, reason: 'Enter a cost per place in pounds, for example 45000.' };
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return { ok: false, reason: `“${text.trim()}” is not an amount in pounds. Enter digits only, for example 45000.` };
  const tariff = Number(cleaned);
  if (tariff <= 0) return { ok: false, reason: 'Enter a cost per place above £0.' };
  if (tariff > MAX_TARIFF) return { ok: false, reason: `Enter a cost per place of at most £${MAX_TARIFF.toLocaleString('en-GB')} a year.` };
  return { ok: true, tariff };
}

/** Places × tariff: the notional cost of the places at that price (never spending by anyone). */
export function notionalCost(places: number, tariff: number): number {
  return places * tariff;
}
