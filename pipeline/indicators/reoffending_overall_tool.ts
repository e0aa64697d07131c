/**
 * Proven reoffending for England and Wales, the English regions and Wales from the MoJ overall data
 * tool (table reoffending_overall): the publisher's own counts by annual cohort, adults, children
 * and both together. Kept apart from the third-party derived England and Wales series
 * (reoffending_national.ts, 'derived by a third party'), which sums this tool's adult and child rows:
 * different indicators, labelled series, never joined. Formulas: shared/reoffending.ts.
 */
import type { IndicatorDef } from '../../src/indicator.ts';
import { OFFENDER_MIX_CAVEAT, reoffencesPerReoffenderSql, reoffendingRateSql } from './shared/reoffending.ts';

type Group = 'adult' | 'juvenile';

const GROUPS: { key: string; groups: Group[]; who: string }[] = [
  { key: 'all', groups: ['adult', 'juvenile'], who: 'adults and children together' },
  { key: 'adult', groups: ['adult'], who: 'adults (aged 18 or over)' },
  { key: 'juvenile', groups: ['juvenile'], who: 'children (aged 10 to 17)' },
];

/** Counts per area and cohort; every group asked for must be there, and no count may be missing. */
export function overallCountsSql(groups: Group[], denominator: 'offenders' | 'reoffenders'): string {
  const whole = (m: string) => {
    const s = `CASE WHEN count(*) FILTER (WHERE o.${m} IS NULL) = 0 THEN sum(o.${m}) END`;
    return `${m === denominator ? `NULLIF(${s}, 0)` : s} AS ${m}`;
  };
  return `
  SELECT CASE WHEN o.area_code = 'K04000001' THEN 'england_wales' ELSE 'region' END AS area_type, o.area_code, min(o.area_name) AS area_name, o.period,
    ${whole('offenders')}, ${whole('reoffenders')}, ${whole('reoffences')}, min(o.source_id) AS source_id
  FROM reoffending_overall o
  WHERE o.offender_group IN (${groups.map((g) => `'${g}'`).join(', ')})
  GROUP BY o.area_code, o.period
  HAVING count(DISTINCT o.offender_group) = ${groups.length}`;
}

const BASE: Pick<IndicatorDef, 'polarity' | 'geographies' | 'sources' | 'series' | 'notHeld'> = {
  polarity: 'lower_is_better',
  geographies: ['england_wales', 'region'],
  sources: ['moj_reoffending_overall_tool'],
  series: "MoJ proven reoffending overall data tool (the publisher's file): annual cohorts, England and Wales, English regions and Wales",
  notHeld: [
    {
      geography: 'england_wales',
      reason: 'The MoJ overall data tool is not held in this build; the third-party derived series (adults and children combined) is shown under its own indicator.',
      wouldNeed: 'MoJ proven reoffending overall data tool, registered as moj_reoffending_overall_data_tool_apr12_mar24: add it with --add-file or --discover / --accept.',
      filledBy: ['moj_reoffending_overall_data_tool_apr12_mar24'],
    },
    { geography: 'pfa', reason: 'The overall data tool has no police force areas.', wouldNeed: 'MoJ proven reoffending geographical data tool (moj_reoffending_geographical_data_tool).' },
  ],
};
const CAVEATS = [
  OFFENDER_MIX_CAVEAT,
  "The publisher's own counts. Not the same series as the third-party derivation 'adults and children combined (2012/13 to 2023/24 cohorts)', which is shown apart.",
  "Wales is listed with the English regions, as the tool lists it, and ranked with them.",
  'Read by a parser that has run only on files written in the layout the MoJ release documents; until the real tool is added there are no figures.',
];

const rates: IndicatorDef[] = GROUPS.map(({ key, groups, who }) => ({
  ...BASE,
  id: `reoffending_rate_${key}_overall_tool`,
  title: `Proven reoffending rate, England and Wales and regions, ${who} (MoJ overall data tool)`,
  description: `Of the ${who} cautioned, convicted or released from custody in the year, the share who committed an offence within a year that was proven in court or by caution.`,
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  ciMethod: 'wilson',
  numerator: `Proven reoffenders in the annual cohort, ${who}`,
  denominator: `Offenders in the annual cohort, ${who}`,
  caveats: CAVEATS,
  sql: reoffendingRateSql(overallCountsSql(groups, 'offenders')),
}));

const perReoffender: IndicatorDef[] = GROUPS.map(({ key, groups, who }) => ({
  ...BASE,
  id: `reoffences_per_reoffender_${key}_overall_tool`,
  title: `Proven reoffences per reoffender, England and Wales and regions, ${who} (MoJ overall data tool)`,
  description: `Among the ${who} who reoffended, the average number of proven reoffences each.`,
  unit: 'ratio',
  display: { scale: 1, decimals: 2 },
  ciMethod: 'byar',
  numerator: `Proven reoffences by the cohort, ${who}`,
  denominator: `Proven reoffenders in the cohort, ${who}`,
  caveats: CAVEATS,
  sql: reoffencesPerReoffenderSql(overallCountsSql(groups, 'reoffenders')),
}));

export default [...rates, ...perReoffender];
