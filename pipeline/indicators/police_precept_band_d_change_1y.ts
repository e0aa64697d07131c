import type { IndicatorDef } from '../../src/indicator.ts';
import { PRECEPT_NOT_HELD, PRECEPT_CAVEATS } from './shared/precept.ts';

const def: IndicatorDef = {
  id: 'police_precept_band_d_change_1y',
  title: 'Change in the police precept on a Band D bill over one year',
  description: 'How much the policing part of an average Band D council tax bill rose or fell compared with the year before, in cash terms.',
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'neither',
  numerator: 'Average Band D police precept in the financial year, £, cash terms (no deflator held)',
  denominator: 'Average Band D police precept in the previous financial year, £, cash terms; value = numerator ÷ denominator − 1',
  ciMethod: 'none',
  geographies: ['pfa'],
  notHeld: [...PRECEPT_NOT_HELD, { geography: 'pfa', reason: 'No change for 2015-16: 2014-15 is not taken as a year of its own (it appears only as the previous-year column of the 2015-16 workbook).' }],
  caveats: [...PRECEPT_CAVEATS, 'Cash terms: a rise below inflation is a fall in real terms; no deflator is held.'],
  sources: ['dluhc_council_tax_police_precept'],
  series: 'MHCLG council tax levels: police precept average Band D',
  sql: `
WITH band_d AS (
  SELECT pfa_code, financial_year, CAST(left(financial_year, 4) AS INTEGER) AS start_year, value, source_id
  FROM police_precept WHERE measure = 'band_d_gbp'
)
SELECT 'police_precept_band_d_change_1y' AS indicator_id, 'pfa' AS area_type, now.pfa_code AS area_code, p.pfa_name AS area_name,
  now.financial_year AS period, now.value / before.value - 1 AS value, now.value AS numerator, before.value AS denominator,
  NULL AS lower_95, NULL AS upper_95, now.source_id
FROM band_d now
JOIN band_d before ON before.pfa_code = now.pfa_code AND before.start_year = now.start_year - 1
JOIN pfa p ON p.pfa_code = now.pfa_code
`,
};
export default def;
