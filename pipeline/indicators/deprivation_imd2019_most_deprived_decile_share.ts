import type { IndicatorDef } from '../../src/indicator.ts';

/**
 * Exact from LSOA ranks: a PFA's LSOAs are those of its districts (every 2019 district lies wholly in
 * one PFA). The 2025 edition has no held LSOA file, and its council summaries cannot be combined into
 * a PFA figure without each council's LSOA count or population on the same basis, so 2025 is shown
 * by council only (table deprivation_lad).
 */
const def: IndicatorDef = {
  id: 'deprivation_imd2019_most_deprived_decile_share',
  title: "Share of neighbourhoods among England's most deprived 10% (IMD 2019)",
  description:
    "Of the small areas (LSOAs, about 1,500 residents each) in the police force area, the share that are among the 10% most deprived in England on the Index of Multiple Deprivation 2019.",
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'neither',
  numerator: "LSOAs in the PFA with an IMD 2019 rank of 3,284 or less (England's most deprived 10% of 32,844)",
  denominator: 'All LSOAs (2011) in the PFA',
  ciMethod: 'none',
  geographies: ['pfa'],
  notHeld: [
    {
      geography: 'pfa (Wales)',
      reason: 'Wales measures deprivation with its own index (WIMD 2019, ranks 1 to 1,909 among Welsh LSOAs), which is not comparable with the English IMD; the Welsh ranks are held (table wimd2019_lsoa) but are not put on this English scale.',
    },
    {
      geography: 'pfa (IoD 2025)',
      reason: 'No LSOA-level file of the 2025 indices is held, and the 2025 council summaries give proportions without LSOA counts, so a PFA figure cannot be computed exactly; the 2025 council summaries are published as they are (table deprivation_lad).',
      wouldNeed: 'MHCLG English Indices of Deprivation 2025, File 1 (LSOA ranks and deciles), or File 10 with LSOA counts per district.',
    },
    {
      geography: 'england_wales',
      reason: 'The English index covers England only; by construction 10% of English LSOAs are in the most deprived decile.',
    },
  ],
  caveats: [
    'England only. The decile is national: 10% of all English LSOAs by construction, so a PFA above 10% has more than its share of highly deprived neighbourhoods.',
    'A count of LSOAs, not of people: LSOAs have similar but not equal populations.',
    'The ONS lookup has 26 tied ranks (equal scores share a rank); none falls at the decile cut, so the count is exact.',
  ],
  sources: ['mhclg_deprivation'],
  series: 'English Indices of Deprivation 2019, LSOA ranks (ONS lookup, December 2019)',
  sql: `
SELECT 'pfa' AS area_type, l.pfa_code AS area_code, p.pfa_name AS area_name,
  '2019' AS period,
  count(*) FILTER (WHERE l.imd_rank <= 3284)::DOUBLE / count(*) AS value,
  count(*) FILTER (WHERE l.imd_rank <= 3284) AS numerator, count(*) AS denominator,
  NULL AS lower_95, NULL AS upper_95, min(l.source_id) AS source_id
FROM imd2019_lsoa l JOIN pfa p USING (pfa_code)
GROUP BY ALL
`,
};
export default def;
