/**
 * Cost per prison place and per prisoner from the HMPPS addendum's costs by establishment (table
 * prison_cost_establishment): per prison as published, and for each police force area and England
 * and Wales as the overall resource expenditure of the establishments standing there divided by their
 * places (baseline CNA) or their average population. The two differ only in the denominator.
 */
import type { IndicatorDef } from '../../src/indicator.ts';

const FAMILY = [
  { id: 'prison_cost_per_place', title: 'Cost per prison place (overall)', per: 'place', column: 'baseline_cna', published: 'overall_cost_per_place_gbp', denominator: 'Places: baseline certified normal accommodation of the establishments, as the addendum gives it' },
  { id: 'prison_cost_per_prisoner', title: 'Cost per prisoner (overall)', per: 'prisoner', column: 'average_population', published: 'overall_cost_per_prisoner_gbp', denominator: 'Average population of the establishments over the year, as the addendum gives it' },
] as const;

const defs: IndicatorDef[] = FAMILY.map((f) => ({
  id: f.id,
  title: f.title,
  description: `What ${f.per === 'place' ? 'a prison place' : 'holding a prisoner'} cost in the year, including each prison's share of regional and national spend: for a prison as HMPPS publishes it, for an area the prisons standing there taken together.`,
  unit: 'gbp',
  display: { scale: 1, decimals: 0, prefix: '£' },
  polarity: 'neither',
  numerator: 'Overall resource expenditure of the establishments in the financial year (their own cost centres plus their share of regional and national spend), cash prices',
  denominator: f.denominator,
  ciMethod: 'none',
  geographies: ['prison', 'pfa', 'england_wales'],
  caveats: [
    'Prisons in the area, not prisoners from the area: an area with no prison has no figure.',
    'Cash prices of each year (no deflator is held). Figures are restated between editions: each year comes from one edition.',
    `A prison's figure is the one HMPPS prints; an area's is the sum of its prisons' expenditure divided by the sum of their ${f.per === 'place' ? 'places' : 'average populations'}, so large prisons weigh more.`,
    'Contracted (private) prisons are costed by their contract payments.',
  ],
  sources: ['hmpps_prison_costs_by_establishment'],
  series: 'HMPPS costs per place and per prisoner by individual prison (overall resource expenditure)',
  sql: `
WITH c AS (
  SELECT c.*, pr.pfa_code, pr.prison_name AS standard_name
  FROM prison_cost_establishment c JOIN prison pr USING (prison_code)
)
SELECT 'prison' AS area_type, prison_code AS area_code, standard_name AS area_name, financial_year AS period,
  ${f.published} AS value, overall_expenditure_gbp AS numerator, ${f.column}::DOUBLE AS denominator,
  NULL AS lower_95, NULL AS upper_95, source_id
FROM c
UNION ALL
SELECT 'pfa', p.pfa_code, p.pfa_name, c.financial_year,
  sum(c.overall_expenditure_gbp) / sum(c.${f.column}), sum(c.overall_expenditure_gbp), sum(c.${f.column})::DOUBLE, NULL, NULL, max(c.source_id)
FROM c JOIN pfa p USING (pfa_code)
GROUP BY p.pfa_code, p.pfa_name, c.financial_year
HAVING sum(c.${f.column}) > 0
UNION ALL
SELECT 'england_wales', 'K04000001', 'England and Wales', financial_year,
  sum(overall_expenditure_gbp) / sum(${f.column}), sum(overall_expenditure_gbp), sum(${f.column})::DOUBLE, NULL, NULL, max(source_id)
FROM prison_cost_establishment
GROUP BY financial_year
`,
}));

export default defs;
