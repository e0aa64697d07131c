import type { IndicatorDef } from '../../src/indicator.ts';
import { PRECEPT_NOT_HELD, PRECEPT_CAVEATS } from './shared/precept.ts';

const def: IndicatorDef = {
  id: 'police_precept_band_d',
  title: 'Police precept on a Band D council tax bill',
  description: 'The part of an average Band D council tax bill (two adults) that pays for policing in the area, set each year by the PCC or the mayor with PCC functions.',
  unit: 'gbp',
  display: { scale: 1, decimals: 2, prefix: '£' },
  polarity: 'neither',
  numerator: 'Average Band D (2 adults) council tax of the police precepting authority, £, cash terms (no deflator held), as published: council tax requirement ÷ tax base',
  denominator: 'None (the published average; the requirement and tax base behind it are in table police_precept)',
  ciMethod: 'none',
  geographies: ['pfa'],
  notHeld: PRECEPT_NOT_HELD,
  caveats: PRECEPT_CAVEATS,
  sources: ['dluhc_council_tax_police_precept'],
  series: 'MHCLG council tax levels: police precept average Band D',
  sql: `
SELECT 'police_precept_band_d' AS indicator_id, 'pfa' AS area_type, b.pfa_code AS area_code, p.pfa_name AS area_name,
  b.financial_year AS period, b.value AS value, NULL AS numerator, NULL AS denominator,
  NULL AS lower_95, NULL AS upper_95, b.source_id
FROM police_precept b JOIN pfa p USING (pfa_code)
WHERE b.measure = 'band_d_gbp'
`,
};
export default def;
