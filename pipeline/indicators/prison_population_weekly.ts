import type { IndicatorDef } from '../../src/indicator.ts';

const def: IndicatorDef = {
  id: 'prison_population_weekly',
  title: 'Prison population of England and Wales, weekly',
  description: 'People in prison in England and Wales each Friday, from the weekly HMPPS figures.',
  unit: 'count',
  display: { scale: 1, decimals: 0 },
  polarity: 'neither',
  numerator: 'Total prison population on the Friday (HMPPS weekly prison population figures, compiled by the Prison Reform Trust)',
  denominator: 'None (a count of people)',
  ciMethod: 'none',
  geographies: ['england_wales'],
  notHeld: [{ geography: 'pfa', reason: 'The weekly figures are national totals only.', wouldNeed: 'The monthly bulletin by establishment (see prison_population).' }],
  caveats: [
    'A third-party compilation of the published weekly figures (3 January 2014 to 22 September 2023); weeks it leaves empty are missing, not zero.',
    'Weekly and monthly totals differ by date and sometimes by definition (e.g. 18 December 2015: 84,920 here; other sources quote 85,641 for a total that may include other establishments). Do not mix the two series.',
  ],
  sources: ['prt_weekly_population'],
  sql: `
SELECT 'england_wales' AS area_type, 'K04000001' AS area_code,
  'England and Wales' AS area_name, strftime(date, '%Y-%m-%d') AS period, population::DOUBLE AS value,
  population::DOUBLE AS numerator, NULL AS denominator, NULL AS lower_95, NULL AS upper_95, source_id
FROM prison_population_weekly
WHERE measure = 'total'
`,
};
export default def;
