import type { IndicatorDef } from '../../src/indicator.ts';
import { PRECEPT_NOT_HELD, PRECEPT_CAVEATS } from './shared/precept.ts';

const def: IndicatorDef = {
  id: 'police_precept_band_d_change_since_2015',
  title: 'Change in the police precept on a Band D bill since 2015-16',
  description: 'How much the policing part of an average Band D council tax bill has risen since 2015-16, in cash terms.',
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'neither',
  numerator: 'Average Band D police precept in the financial year, £, cash terms (no deflator held)',
  denominator: 'Average Band D police precept in 2015-16, £, cash terms; value = numerator ÷ denominator − 1',
  ciMethod: 'none',
  geographies: ['pfa'],
  notHeld: PRECEPT_NOT_HELD,
  caveats: [...PRECEPT_CAVEATS, 'Cash terms: prices rose over the period and no deflator is held, so this is not a real-terms change.'],
  sources: ['dluhc_council_tax_police_precept'],
  series: 'MHCLG council tax levels: police precept average Band D',
  sql: `
WITH band_d AS (
  SELECT pfa_code, financial_year, value, source_id FROM police_precept WHERE measure = 'band_d_gbp'
)
SELECT 'police_precept_band_d_change_since_2015' AS indicator_id, 'pfa' AS area_type, now.pfa_code AS area_code, p.pfa_name AS area_name,
  now.financial_year AS period, now.value / base.value - 1 AS value, now.value AS numerator, base.value AS denominator,
  NULL AS lower_95, NULL AS upper_95, now.source_id
FROM band_d now
JOIN band_d base ON base.pfa_code = now.pfa_code AND base.financial_year = '2015-16'
JOIN pfa p ON p.pfa_code = now.pfa_code
WHERE now.financial_year > '2015-16'
`,
};
export default def;
