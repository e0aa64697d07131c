/**
 * The one formula for police recorded crime per 1,000 residents, shared by the total and every
 * offence-group indicator (pipeline/indicators/recorded_crime*.ts): offences in the PFA ÷ the ONS
 * mid-year population printed in the same edition's Table P3 × 1,000. England and Wales is the 43
 * forces (British Transport Police excluded) over the sum of the 43 populations. Where ONS suppresses
 * an area's rates (City of London), the value is empty, as in the publisher's table.
 */
import type { IndicatorDef } from '../../../src/indicator.ts';
import { sqlString } from '../../db.ts';
import { OFFENCES } from '../../sources/crime.ts';

export const CRIME_CAVEATS = [
  'Police recorded crime is not a count of all crime: it depends on what is reported and on how each force records it. Recording practices differ between forces and over time (HMICFRS crime data integrity inspections), so a higher rate can mean better recording as well as more crime. Do not read the ranking as a league table of safety.',
  'Fraud is excluded (recorded nationally by Action Fraud, not by forces).',
  'Rates use the residents of the area; areas with many visitors or commuters (city centres, City of London) show high rates relative to the people actually present. ONS does not publish rates for City of London (its resident population is tiny), so neither do we.',
  'England and Wales here is the 43 police force areas; the published England and Wales total also includes British Transport Police.',
  "The population is the ONS mid-year estimate that ONS printed in the same edition (mid-2016 for the year ending March 2018, mid-2017 for the year ending March 2019), rounded to the nearest 100, so the rates match ONS's Table P3 to within that rounding.",
];

export function crimeRateIndicator(opts: { id: string; offenceId: string; title: string; description: string; caveats?: string[] }): IndicatorDef {
  const spec = OFFENCES.find((o) => o.id === opts.offenceId);
  if (!spec) throw new Error(`crimeRateIndicator: unknown offence id '${opts.offenceId}'`);
  const id = sqlString(opts.id);
  const offence = sqlString(opts.offenceId);
  return {
    id: opts.id,
    title: opts.title,
    description: opts.description,
    unit: 'rate_per_1000',
    display: { scale: 1, decimals: 1 },
    polarity: 'neither',
    numerator: `Police recorded offences, ${spec.label.toLowerCase()}, in the 12 months to March (ONS Table P1)`,
    denominator:
      'Residents: ONS mid-year estimate printed in the same edition (Table P3): mid-2016 for the year ending March 2018, mid-2017 for the year ending March 2019; rounded to the nearest 100; never interpolated',
    ciMethod: 'none',
    geographies: ['pfa', 'england_wales'],
    notHeld: [
      { geography: 'pfa', reason: 'Years ending March 2015-2017 and March 2020 onward are not held.', wouldNeed: 'ONS police force area data tables for those years.' },
    ],
    caveats: [...CRIME_CAVEATS, ...(opts.caveats ?? [])],
    sources: ['ons_crime_pfa_tables'],
    series: `ONS police recorded crime by PFA, ${spec.label}`,
    sql: `
WITH counts AS (
  SELECT c.pfa_code, c.year_ending, c.offences, c.source_id, pop.population, pop.rates_published
  FROM recorded_crime c
  JOIN crime_population pop USING (pfa_code, year_ending)
  WHERE c.offence_id = ${offence}
)
SELECT ${id} AS indicator_id, 'pfa' AS area_type, c.pfa_code AS area_code, p.pfa_name AS area_name,
  strftime(c.year_ending - INTERVAL 1 YEAR + INTERVAL 1 DAY, '%Y-%m') || '/' || strftime(c.year_ending, '%Y-%m') AS period,
  CASE WHEN c.rates_published THEN c.offences / c.population * 1000 END AS value,
  c.offences AS numerator, c.population AS denominator, NULL AS lower_95, NULL AS upper_95, c.source_id
FROM counts c JOIN pfa p USING (pfa_code)
UNION ALL
SELECT ${id}, 'england_wales', 'K04000001', 'England and Wales (43 forces, excluding British Transport Police)',
  strftime(year_ending - INTERVAL 1 YEAR + INTERVAL 1 DAY, '%Y-%m') || '/' || strftime(year_ending, '%Y-%m'),
  CASE WHEN count(offences) = 43 THEN sum(offences) / sum(population) * 1000 END,
  CASE WHEN count(offences) = 43 THEN sum(offences) END, sum(population), NULL, NULL, max(source_id)
FROM counts GROUP BY year_ending
`,
  };
}
