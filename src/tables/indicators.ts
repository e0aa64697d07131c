/**
 * The tables the indicators stage publishes: every indicator's values (computed by
 * pipeline/compute.ts) and the coverage of each indicator by geography and period (pipeline/package.ts).
 */
import { defineTable } from '../tables.ts';

export const INDICATOR_VALUES_TABLE = defineTable({
  name: 'indicator_values',
  title: 'Indicator values',
  description:
    'Every indicator for every area and period: value, 95% interval where one exists, comparison with England and Wales, and rank. One row per indicator × area × period.',
  primaryKey: ['indicator_id', 'area_type', 'area_code', 'period'],
  columns: [
    { name: 'indicator_id', type: 'string', description: 'Indicator id (see indicators.json and the methodology page).' },
    { name: 'area_type', type: 'string', description: 'pfa, region, prison or england_wales.', enum: ['pfa', 'region', 'prison', 'england_wales'] },
    { name: 'area_code', type: 'string', description: 'GSS code (PFA, region, K04000001 for England and Wales) or prison code.' },
    { name: 'area_name', type: 'string', description: 'Area name.' },
    { name: 'period', type: 'string', description: 'Reference period: a date (YYYY-MM-DD), a month (YYYY-MM: a monthly bulletin, whose count day is reference_date), a financial year (2023-24), a calendar year (2024) or a span of months (2019-04/2020-03).' },
    { name: 'value', type: 'number', description: 'The indicator value in its unit (proportions as 0-1).', nullable: true },
    { name: 'numerator', type: 'number', description: 'Numerator, where the indicator is a ratio of published counts.', nullable: true },
    { name: 'denominator', type: 'number', description: 'Denominator, where the indicator is a ratio of published counts.', nullable: true },
    { name: 'lower_95', type: 'number', description: 'Lower limit of the 95% interval (method per indicator).', nullable: true },
    { name: 'upper_95', type: 'number', description: 'Upper limit of the 95% interval.', nullable: true },
    { name: 'compared_to_ew', type: 'string', description: 'better, similar or worse than England and Wales (95% interval vs the E&W value), or not_compared.', enum: ['better', 'similar', 'worse', 'not_compared'] },
    { name: 'rank', type: 'integer', description: 'Rank among areas of the same type for the period (1 = best; highest first where no direction is better); empty where unranked_reason says why.', nullable: true },
    { name: 'rank_of', type: 'integer', description: 'Number of areas ranked.', nullable: true },
    { name: 'source_id', type: 'string', description: "Source file id in the sources registry: the numerator's file where the figure is a ratio built from two files." },
    { name: 'denominator_source_id', type: 'string', description: "The denominator's file (registry id) where it is not source_id's file (e.g. the population bulletin behind deaths per 1,000, the census file behind officers per 100,000); empty when one file holds both.", nullable: true },
    { name: 'basis', type: 'string', description: "The denominator basis, e.g. 'Census 2011 residents', 'Census 2021 residents'. A change of basis within one indicator and area is a break in the series: compare values only on one basis.", nullable: true },
    { name: 'unranked_reason', type: 'string', description: 'Why a row with a value has no rank and no comparison: a closed or empty establishment in that period, an immigration removal centre, or the City of London rule for per-resident rates (see the methodology page).', nullable: true },
    { name: 'reference_date', type: 'date', description: "The day the count describes, where the publisher states it (a monthly bulletin's report date, e.g. 2026-07-27 for the July 2026 bulletin); empty otherwise.", nullable: true },
  ],
});

export const COVERAGE_TABLE = defineTable({
  name: 'coverage',
  title: 'Coverage: what is available, not published or not held',
  description:
    'For every indicator and geography: the periods with figures and how many areas have a value, or why there are none (not published by the publisher at that level, or not held by this project yet).',
  primaryKey: ['indicator_id', 'area_type', 'period'],
  columns: [
    { name: 'indicator_id', type: 'string', description: 'Indicator id.' },
    { name: 'area_type', type: 'string', description: 'pfa, region, prison or england_wales.' },
    { name: 'period', type: 'string', description: "Period, or 'all' for a geography with no figures." },
    { name: 'status', type: 'string', description: 'available, partial (some areas have no figure) or not_held.', enum: ['available', 'partial', 'not_held'] },
    { name: 'areas_with_value', type: 'integer', description: 'Areas with a figure for the period.' },
    { name: 'areas_without_value', type: 'integer', description: 'Areas listed with no figure (suppressed, not published or not applicable).' },
    { name: 'note', type: 'string', description: 'Why figures are missing, and which publisher file would supply them.', nullable: true },
    {
      name: 'parser_checked_on',
      type: 'string',
      description:
        "Whether the parser behind the row has read the publisher's real file: real; fixtures (only files its tests write in the layout the publisher documents, so no figure has come from it yet); or real_not_compared (the real file is held and passed the build's checks, but its own totals have not yet been compared by a maintainer). From the registry's parser_checked_on (data/sources/*.json).",
      enum: ['real', 'fixtures', 'real_not_compared'],
      nullable: true,
    },
    { name: 'parser_note', type: 'string', description: 'For fixtures and real_not_compared: the layout the parser was checked on and what the first real run must compare.', nullable: true },
  ],
});
