import { describe, expect, it } from 'vitest';
import { buildFile, haveMirror, skipReason, table, values } from './build.ts';

type Rate = { pfa_code: string; year: number; rate_per_100k_women: number | null; covers_city_of_london: boolean; null_reason: string | null; source_cell: string };

describe.skipIf(!haveMirror)(`women's immediate-custody rate on the real file${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('has 42 areas with a rate and City of London as not published, for each year 2014-2022', () => {
    const rows = table<Rate>('women_custody_rate');
    for (let year = 2014; year <= 2022; year++) {
      const y = rows.filter((r) => r.year === year);
      expect(new Set(y.map((r) => r.pfa_code)).size).toBe(43);
      expect(y.filter((r) => r.rate_per_100k_women !== null)).toHaveLength(42);
      const city = y.find((r) => r.pfa_code === 'E23000034')!;
      expect(city.rate_per_100k_women).toBeNull();
      expect(city.null_reason).toMatch(/Metropolitan Police/);
      expect(y.find((r) => r.pfa_code === 'E23000001')!.covers_city_of_london).toBe(true);
    }
  });

  it('reads values from the named cells: Cleveland 2022 = 46.5 (Sheet1!J43), Surrey 2014 = 20.4 (Sheet1!B2)', () => {
    const rows = table<Rate>('women_custody_rate');
    expect(rows.find((r) => r.pfa_code === 'E23000013' && r.year === 2022)).toMatchObject({ rate_per_100k_women: 46.5, source_cell: 'Sheet1!J43' });
    expect(rows.find((r) => r.pfa_code === 'E23000031' && r.year === 2014)).toMatchObject({ rate_per_100k_women: 20.4, source_cell: 'Sheet1!B2' });
  });

  it('the indicator ranks 42 areas, has no England and Wales row and no interval, and names its source', () => {
    const v = values('women_custody_rate_per_100k');
    expect(v.filter((r) => r.area_type === 'england_wales')).toHaveLength(0);
    const y2022 = v.filter((r) => r.period === '2022');
    expect(y2022).toHaveLength(43);
    expect(y2022.filter((r) => r.rank !== null)).toHaveLength(42);
    expect(y2022.every((r) => r.lower_95 === null && r.upper_95 === null && r.source_id === 'prt_women_custody_rate_pfa_2014_2022')).toBe(true);
    const def = (JSON.parse(buildFile('indicators.json')) as { indicators: { id: string; polarity: string; caveats: string[] }[] }).indicators.find((d) => d.id === 'women_custody_rate_per_100k')!;
    expect(def.polarity).toBe('neither');
    expect(def.caveats.join(' ')).toMatch(/court/);
    expect(def.caveats.join(' ')).toMatch(/2023/);
  });
});
