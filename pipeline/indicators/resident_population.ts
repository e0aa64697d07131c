import type { IndicatorDef } from '../../src/indicator.ts';

const def: IndicatorDef = {
  id: 'resident_population',
  title: 'Resident population',
  description: 'People living in the area: Census 2011 and 2021 counts and the ONS mid-2022 estimate, summed over its councils.',
  unit: 'count',
  display: { scale: 1, decimals: 0 },
  polarity: 'neither',
  numerator: 'Usual residents (all ages) of the local authority districts in the area',
  denominator: 'None',
  ciMethod: 'none',
  geographies: ['pfa', 'england_wales'],
  caveats: [
    'A police force area is the sum of its local authority districts (ONS lookup, December 2019, and later districts placed by their boundaries).',
    'Census 2021 district figures are rounded by ONS to the nearest hundred, so an area total can differ from an unrounded count by up to 50 per district. The England and Wales figure is the published total.',
    'Periods are census days (27 March 2011, 21 March 2021) and the mid-year estimate date (30 June 2022).',
  ],
  sources: ['ons_population', 'ons_geography'],
  sql: `
SELECT 'pfa' AS area_type, p.pfa_code AS area_code, p.pfa_name AS area_name,
  CASE pop.basis WHEN 'census_2011' THEN '2011-03-27' WHEN 'census_2021' THEN '2021-03-21' ELSE '2022-06-30' END AS period,
  sum(pop.population)::DOUBLE AS value, NULL AS numerator, NULL AS denominator, NULL AS lower_95, NULL AS upper_95,
  min(pop.source_id) AS source_id
FROM population pop
JOIN lad_pfa l ON l.lad_code = pop.area_code
JOIN pfa p ON p.pfa_code = l.pfa_code
GROUP BY ALL
UNION ALL
SELECT 'england_wales', 'K04000001', 'England and Wales',
  CASE basis WHEN 'census_2011' THEN '2011-03-27' WHEN 'census_2021' THEN '2021-03-21' ELSE '2022-06-30' END,
  population::DOUBLE, NULL, NULL, NULL, NULL, source_id
FROM population WHERE area_code = 'K04000001'
`,
};
export default def;
