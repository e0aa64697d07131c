/**
 * Police recorded crime per 1,000 residents: the total and every offence group, one indicator each
 * (OFFENCE_RATES below), all with one formula: offences in the PFA ÷ the ONS
 * mid-year population printed in the same edition's Table P3 × 1,000. England and Wales is the 43
 * forces (British Transport Police excluded) over the sum of the 43 populations. Where ONS suppresses
 * an area's rates (City of London), the value is empty, as in the publisher's table.
 */
import type { IndicatorDef } from '../../src/indicator.ts';
import { sqlString } from '../db.ts';
import { OFFENCES } from '../sources/crime.ts';

/** One basis for the whole series: each edition's own printed mid-year estimate, not a break each year. */
const BASIS = 'ONS mid-year estimate printed in the same edition (Table P3)';

const CRIME_CAVEATS = [
  'Police recorded crime is not a count of all crime: it depends on what is reported and on how each force records it. Recording practices differ between forces and over time (HMICFRS crime data integrity inspections), so a higher rate can mean better recording as well as more crime. Do not read the ranking as a league table of safety.',
  'Fraud is excluded (recorded nationally by Action Fraud, not by forces).',
  'Rates use the residents of the area; areas with many visitors or commuters (city centres, City of London) show high rates relative to the people actually present. ONS does not publish rates for City of London (its resident population is tiny), so neither do we.',
  'England and Wales here is the 43 police force areas; the published England and Wales total also includes British Transport Police.',
  "The population is the ONS mid-year estimate that ONS printed in the same edition (mid-2016 for the year ending March 2018, mid-2017 for the year ending March 2019), rounded to the nearest 100, so the rates match ONS's Table P3 to within that rounding.",
];

/**
 * Intervals and verdicts (docs/decisions.md, pipe P10): every rate gets a Poisson 95% interval on its
 * count (Byar), which says how far chance alone could move it. A verdict against England and Wales
 * (polarity lower_is_better) only for victim-based property offences, whose counts rest mostly on
 * victims' reports (robbery, theft, criminal damage and arson); where recording practice, reporting
 * willingness or police activity drive the count (the total, violence, sexual, drug, weapons, public
 * order and miscellaneous offences), the interval is shown and the area is placed, not judged.
 */
const VERDICT_CAVEAT =
  'Better or worse than England and Wales means the 95% Poisson interval on the count excludes the England and Wales rate: a difference chance alone is unlikely to make. It cannot separate crime from recording practice or from how many victims report.';
const NO_VERDICT_CAVEAT =
  'The 95% Poisson interval on the count shows how far chance alone could move the rate; the area is not called better or worse, because recording practice, reporting and police activity move this count between forces as much as crime does.';

function crimeRateIndicator(opts: { id: string; offenceId: string; title: string; description: string; caveats?: string[]; verdict?: boolean }): IndicatorDef {
  const spec = OFFENCES.find((o) => o.id === opts.offenceId);
  if (!spec) throw new Error(`crimeRateIndicator: unknown offence id '${opts.offenceId}'`);
  const offence = sqlString(opts.offenceId);
  return {
    id: opts.id,
    title: opts.title,
    description: opts.description,
    unit: 'rate_per_1000',
    display: { scale: 1, decimals: 1 },
    polarity: opts.verdict ? 'lower_is_better' : 'neither',
    numerator: `Police recorded offences, ${spec.label.toLowerCase()}, in the 12 months to March (ONS Table P1)`,
    denominator:
      'Residents: ONS mid-year estimate printed in the same edition (Table P3): mid-2016 for the year ending March 2018, mid-2017 for the year ending March 2019; rounded to the nearest 100; never interpolated',
    ciMethod: 'byar',
    geographies: ['pfa', 'england_wales'],
    notHeld: [
      { geography: 'pfa', reason: 'Years ending March 2015-2017 and March 2020 onward are not held.', wouldNeed: 'ONS police force area data tables for those years.' },
    ],
    caveats: [...CRIME_CAVEATS, opts.verdict ? VERDICT_CAVEAT : NO_VERDICT_CAVEAT, ...(opts.caveats ?? [])],
    sources: ['ons_crime_pfa_tables'],
    series: `ONS police recorded crime by PFA, ${spec.label}`,
    sql: `
WITH counts AS (
  SELECT c.pfa_code, c.year_ending, c.offences, c.source_id, pop.population, pop.rates_published
  FROM recorded_crime c
  JOIN crime_population pop USING (pfa_code, year_ending)
  WHERE c.offence_id = ${offence}
)
SELECT 'pfa' AS area_type, c.pfa_code AS area_code, p.pfa_name AS area_name,
  strftime(c.year_ending - INTERVAL 1 YEAR + INTERVAL 1 DAY, '%Y-%m') || '/' || strftime(c.year_ending, '%Y-%m') AS period,
  CASE WHEN c.rates_published THEN c.offences / c.population * 1000 END AS value,
  c.offences AS numerator, c.population AS denominator,
  CASE WHEN c.rates_published THEN byar_lower(c.offences) / c.population * 1000 END AS lower_95,
  CASE WHEN c.rates_published THEN byar_upper(c.offences) / c.population * 1000 END AS upper_95, c.source_id,
  NULL AS denominator_source_id, '${BASIS}' AS basis
FROM counts c JOIN pfa p USING (pfa_code)
UNION ALL
SELECT 'england_wales', 'K04000001', 'England and Wales (43 forces, excluding British Transport Police)',
  strftime(year_ending - INTERVAL 1 YEAR + INTERVAL 1 DAY, '%Y-%m') || '/' || strftime(year_ending, '%Y-%m'),
  CASE WHEN count(offences) = 43 THEN sum(offences) / sum(population) * 1000 END,
  CASE WHEN count(offences) = 43 THEN sum(offences) END, sum(population),
  CASE WHEN count(offences) = 43 THEN byar_lower(sum(offences)) / sum(population) * 1000 END,
  CASE WHEN count(offences) = 43 THEN byar_upper(sum(offences)) / sum(population) * 1000 END, max(source_id),
  NULL, '${BASIS}'
FROM counts GROUP BY year_ending
`,
  };
}

/** One row per published indicator: the offence group it counts, and what a reader is told about it. */
const OFFENCE_RATES: Parameters<typeof crimeRateIndicator>[0][] = [
  {
    id: 'recorded_crime_per_1000',
    offenceId: 'total_excluding_fraud',
    title: 'Police recorded crime per 1,000 residents (excluding fraud)',
    description: 'Crimes recorded by the police in the area over a year, excluding fraud, for every 1,000 people living there.',
  },
  {
    id: 'recorded_crime_violence_per_1000',
    offenceId: 'violence_against_the_person',
    title: 'Violence against the person recorded by the police, per 1,000 residents',
    description: 'Violence against the person (homicide, violence with and without injury, stalking and harassment, death or serious injury by unlawful driving) recorded by the police, for every 1,000 people living in the area.',
    caveats: ['Stalking and harassment has grown fast as recording improved; it is part of this group.'],
  },
  {
    id: 'recorded_crime_sexual_offences_per_1000',
    offenceId: 'sexual_offences',
    title: 'Sexual offences recorded by the police, per 1,000 residents',
    description: 'Sexual offences recorded by the police, for every 1,000 people living in the area.',
    caveats: ['Many sexual offences are never reported; reports of non-recent offences are recorded in the year they are reported.'],
  },
  {
    id: 'recorded_crime_robbery_per_1000',
    offenceId: 'robbery',
    title: 'Robbery recorded by the police, per 1,000 residents',
    description: 'Robberies recorded by the police, for every 1,000 people living in the area.',
    verdict: true,
  },
  {
    id: 'recorded_crime_theft_per_1000',
    offenceId: 'theft_offences',
    title: 'Theft offences recorded by the police, per 1,000 residents',
    description: 'Theft offences (burglary, vehicle offences, theft from the person, bicycle theft, shoplifting, other theft) recorded by the police, for every 1,000 people living in the area.',
    verdict: true,
  },
  {
    id: 'recorded_crime_criminal_damage_arson_per_1000',
    offenceId: 'criminal_damage_and_arson',
    title: 'Criminal damage and arson recorded by the police, per 1,000 residents',
    description: 'Criminal damage and arson recorded by the police, for every 1,000 people living in the area.',
    verdict: true,
  },
  {
    id: 'recorded_crime_drug_offences_per_1000',
    offenceId: 'drug_offences',
    title: 'Drug offences recorded by the police, per 1,000 residents',
    description: 'Drug offences recorded by the police, for every 1,000 people living in the area.',
    caveats: ['Drug offences are mostly found by police activity (stop and search, operations), so the rate reflects policing priorities as much as drug use.'],
  },
  {
    id: 'recorded_crime_weapons_possession_per_1000',
    offenceId: 'possession_of_weapons_offences',
    title: 'Possession of weapons offences recorded by the police, per 1,000 residents',
    description: 'Possession of weapons offences recorded by the police, for every 1,000 people living in the area.',
    caveats: ['Possession offences are mostly found by police activity, so the rate reflects policing priorities as well as weapon carrying.'],
  },
  {
    id: 'recorded_crime_public_order_per_1000',
    offenceId: 'public_order_offences',
    title: 'Public order offences recorded by the police, per 1,000 residents',
    description: 'Public order offences recorded by the police, for every 1,000 people living in the area.',
  },
  {
    id: 'recorded_crime_miscellaneous_per_1000',
    offenceId: 'miscellaneous_crimes',
    title: 'Miscellaneous crimes against society recorded by the police, per 1,000 residents',
    description: 'Miscellaneous crimes against society recorded by the police, for every 1,000 people living in the area.',
  },
];

export default OFFENCE_RATES.map(crimeRateIndicator);
