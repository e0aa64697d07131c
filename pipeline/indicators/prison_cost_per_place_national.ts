import type { IndicatorDef } from '../../src/indicator.ts';

const def: IndicatorDef = {
  id: 'prison_cost_per_place_national',
  title: 'Cost per prison place, England and Wales (as published)',
  description: 'What a prison place cost in a year across England and Wales, as stated in published sources: the overall figure (including regional and national overheads) and, where published, the direct figure (the prison itself).',
  unit: 'gbp',
  display: { scale: 1, decimals: 0, prefix: '£' },
  polarity: 'neither',
  numerator: 'Resource expenditure on prisons in the financial year (overall: direct plus apportioned regional and national spend; direct: the prisons’ own cost centres), as published',
  denominator: 'Places: baseline certified normal accommodation, as used by the publisher (the figure is published as a ratio; neither part is held separately for most years)',
  ciMethod: 'none',
  geographies: ['england_wales'],
  notHeld: [
    { geography: 'pfa', reason: 'Cost per place by prison (and so by the area where prisons stand) is not held.', wouldNeed: 'HMPPS annual report "Costs per place and costs per prisoner" addendum, cost by establishment tab.', filledBy: ['hmpps_costs_per_place_by_establishment'] },
    { geography: 'england_wales', reason: 'Years 2010-11, 2011-12, 2014-15 and 2017-18 to 2023-24 are not held; the direct measure is held for 2012-13, 2015-16 and 2016-17 only.' },
  ],
  caveats: [
    'Compiled from published statements (written answers, press releases, blogs quoting the HMPPS addendum), not from the publisher’s file: each figure names the page that states it.',
    'Cash terms (no deflator held): figures from different years are not adjusted for inflation.',
    'Figures are restated between editions. The period names the release; where two releases give one year (2015-16 overall: £35,182 as first published, £36,720 in the 2016-17 release) both are shown, and neither is preferred.',
    '2012-13 is rounded (£28,000, direct); the year of the 2013-14 figure is inferred by the compiler from the date of the statement.',
  ],
  sources: ['prison_costs_national'],
  series: 'HMPPS/NOMS cost per place (addendum to the annual report), as quoted',
  sql: `
SELECT 'england_wales' AS area_type, 'K04000001' AS area_code,
  'England and Wales (' || basis || ' cost per place)' AS area_name,
  financial_year || ' ' || basis || ' (' || release || ')' AS period,
  value_gbp AS value, NULL AS numerator, NULL AS denominator, NULL AS lower_95, NULL AS upper_95, source_id
FROM prison_cost_national
WHERE per = 'place'
`,
};
export default def;
