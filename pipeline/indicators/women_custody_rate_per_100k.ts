import type { IndicatorDef } from '../../src/indicator.ts';

const def: IndicatorDef = {
  id: 'women_custody_rate_per_100k',
  title: 'Women sentenced to immediate custody per 100,000 women',
  description: 'How many women were sent straight to prison by courts in the area in a year, for every 100,000 women living there.',
  unit: 'rate_per_100k',
  display: { scale: 1, decimals: 1 },
  polarity: 'neither',
  numerator: 'Women aged 18 and over sentenced to immediate custody at courts in the police force area in the calendar year (MoJ Outcomes by Offence, as compiled by the Prison Reform Trust; counts not published in the table)',
  denominator: 'Women aged 18 and over living in the area, ONS mid-year estimate of the same year (as used by the Prison Reform Trust; not published in the table)',
  ciMethod: 'none',
  geographies: ['pfa'],
  notHeld: [
    { geography: 'england_wales', reason: 'The table gives rates only, without counts or populations, so an England and Wales rate cannot be computed from it (and rates cannot be averaged).', wouldNeed: 'MoJ Outcomes by Offence data tool (counts by PFA and sex) and ONS female population by PFA.' },
    { geography: 'pfa', reason: 'City of London has no separate figure: the table includes it in the Metropolitan Police figure. Years before 2014 and after 2022 are not held.' },
    { geography: 'pfa', reason: 'No interval: the table has no counts, so the uncertainty of each rate cannot be shown.' },
  ],
  caveats: [
    "A third party's table built from publisher data (Prison Reform Trust, from MoJ and ONS figures), not a publisher's file.",
    "The area is where the court sat, not where the woman lives: areas with large courts serving neighbouring areas show higher rates.",
    'MoJ re-mapped courts to police force areas in 2023 and revised the back series, so these figures differ from older editions (for example Gwent and Dyfed-Powys lower, South Wales higher).',
    'The Metropolitan Police figure includes City of London; City of London is shown as not published.',
    'Rates are rounded to 1 decimal place by the compiler; with no counts, small areas may move a lot from year to year by chance.',
  ],
  sources: ['prt_women_custody_rate_pfa'],
  series: 'PRT women immediate custody rate by court PFA (MoJ CJS statistics December 2024 edition)',
  sql: `
SELECT 'pfa' AS area_type, w.pfa_code AS area_code,
  CASE WHEN w.covers_city_of_london THEN p.pfa_name || ' (including City of London)' ELSE p.pfa_name END AS area_name,
  CAST(w.year AS VARCHAR) AS period, w.rate_per_100k_women AS value, NULL AS numerator, NULL AS denominator,
  NULL AS lower_95, NULL AS upper_95, w.source_id
FROM women_custody_rate w JOIN pfa p USING (pfa_code)
`,
};
export default def;
