/**
 * Proven reoffending by police force area and by releasing prison, from the MoJ geographical data
 * tool (table reoffending_geographical). A PFA's counts are the sums of its upper-tier councils (by
 * the offender's address); a PFA with any suppressed council count gets no figure for that cohort
 * rather than an undercount. England and Wales is the tool's own total. By prison, England and
 * Wales is the sum of the prisons the tool lists (everyone released from custody in the cohort),
 * so a prison is compared with prison leavers, not with all offenders. Formulas: shared/reoffending.ts.
 */
import type { IndicatorDef } from '../../src/indicator.ts';
import { OFFENDER_MIX_CAVEAT, reoffencesPerReoffenderSql, reoffendingRateSql } from './shared/reoffending.ts';

type Group = 'adult' | 'juvenile';

const GROUPS: { key: string; groups: Group[]; who: string }[] = [
  { key: 'all', groups: ['adult', 'juvenile'], who: 'adults and children together' },
  { key: 'adult', groups: ['adult'], who: 'adults (aged 18 or over)' },
  { key: 'juvenile', groups: ['juvenile'], who: 'children (aged 10 to 17)' },
];

/** Sum of counts that is null when any part is null: a suppressed cell must not become an undercount. */
const whole = (c: string) => `CASE WHEN count(*) FILTER (WHERE ${c} IS NULL) = 0 THEN sum(${c}) END`;
/** The ratio's denominator is null rather than 0 (no figure for an empty cohort, never a division by zero). */
type Denominator = 'offenders' | 'reoffenders';
const wholeCounts = (t: string, d: Denominator) =>
  (['offenders', 'reoffenders', 'reoffences'] as const).map((m) => (m === d ? `NULLIF(${whole(`${t}.${m}`)}, 0)` : whole(`${t}.${m}`)) + ` AS ${m}`).join(', ') + `, min(${t}.source_id) AS source_id`;
const groupList = (groups: Group[]) => groups.map((g) => `'${g}'`).join(', ');
/** Every group asked for must be there (adults and children both, for 'all'). */
const allGroups = (t: string, groups: Group[]) => `HAVING count(DISTINCT ${t}.offender_group) = ${groups.length}`;

/** PFA = sum of its councils; England and Wales = the tool's own total. */
export function pfaCountsSql(groups: Group[], d: Denominator): string {
  return `
  SELECT 'pfa' AS area_type, c.pfa_code AS area_code, p.pfa_name AS area_name, c.period, ${wholeCounts('c', d)}
  FROM reoffending_geographical c JOIN pfa p USING (pfa_code)
  WHERE c.level = 'council' AND c.offender_group IN (${groupList(groups)})
  GROUP BY ALL ${allGroups('c', groups)}
  UNION ALL
  SELECT 'england_wales', 'K04000001', 'England and Wales', e.period, ${wholeCounts('e', d)}
  FROM reoffending_geographical e
  WHERE e.level = 'england_wales' AND e.offender_group IN (${groupList(groups)})
  GROUP BY ALL ${allGroups('e', groups)}`;
}

/** Each releasing prison; England and Wales = the sum of the prisons listed. */
export function prisonCountsSql(group: Group, d: Denominator): string {
  return `
  SELECT 'prison' AS area_type, g.area_code, coalesce(min(p.prison_name), min(g.area_name)) AS area_name, g.period, ${wholeCounts('g', d)}
  FROM reoffending_geographical g LEFT JOIN prison p ON p.prison_code = g.area_code
  WHERE g.level = 'prison' AND g.offender_group = '${group}'
  GROUP BY g.area_code, g.period
  UNION ALL
  SELECT 'england_wales', 'K04000001', 'England and Wales (everyone released from the prisons listed)', g.period, ${wholeCounts('g', d)}
  FROM reoffending_geographical g
  WHERE g.level = 'prison' AND g.offender_group = '${group}'
  GROUP BY g.period`;
}

const SERIES = 'MoJ proven reoffending geographical data tool: annual cohorts';
const SOURCES = ['moj_reoffending_geographical'];
const FIXTURES_ONLY =
  'Read by a parser that has run only on files written in the layout the MoJ release documents; until the real tool is added (moj_reoffending_geographical_data_tool) there are no figures.';
const BY_ADDRESS = "A PFA's figure is the sum of its upper-tier councils, by the offender's home address (ONS lookups; councils reorganised since 2019 through their successors).";
const NOT_HELD_UNTIL_ADDED = (what: string): NonNullable<IndicatorDef['notHeld']>[number] => ({
  geography: what,
  reason: 'The MoJ geographical data tool is not held in this build.',
  wouldNeed: 'MoJ proven reoffending geographical data tool (CSV format of data tools, or the xlsx tool), registered as moj_reoffending_geographical_data_tool: add it with --add-file or --discover / --accept.',
  filledBy: ['moj_reoffending_geographical_data_tool'],
});

const RATE = { unit: 'percent', display: { scale: 100, decimals: 1, suffix: '%' }, ciMethod: 'wilson' } as const;
const PER_REOFFENDER = { unit: 'ratio', display: { scale: 1, decimals: 2 }, ciMethod: 'byar' } as const;
const PFA: Pick<IndicatorDef, 'polarity' | 'geographies' | 'sources' | 'series' | 'notHeld'> = {
  polarity: 'lower_is_better',
  geographies: ['pfa', 'england_wales'],
  sources: SOURCES,
  series: `${SERIES} by police force area (sum of councils)`,
  notHeld: [NOT_HELD_UNTIL_ADDED('pfa')],
};

const rates: IndicatorDef[] = GROUPS.map(({ key, groups, who }) => ({
  ...PFA,
  ...RATE,
  id: `reoffending_rate_${key}_pfa`,
  title: `Proven reoffending rate by police force area, ${who}`,
  description: `Of the ${who} living in the area who were cautioned, convicted or released from custody in the year, the share who committed an offence within a year that was proven in court or by caution.`,
  numerator: `Proven reoffenders in the annual cohort, ${who} (sum of the area's councils)`,
  denominator: `Offenders in the annual cohort, ${who} (sum of the area's councils)`,
  caveats: [OFFENDER_MIX_CAVEAT, BY_ADDRESS, FIXTURES_ONLY],
  sql: reoffendingRateSql(pfaCountsSql(groups, 'offenders')),
}));

const perReoffender: IndicatorDef[] = GROUPS.map(({ key, groups, who }) => ({
  ...PFA,
  ...PER_REOFFENDER,
  id: `reoffences_per_reoffender_${key}_pfa`,
  title: `Proven reoffences per reoffender by police force area, ${who}`,
  description: `Among the ${who} living in the area who reoffended, the average number of proven reoffences each.`,
  numerator: `Proven reoffences by the cohort, ${who}`,
  denominator: `Proven reoffenders in the cohort, ${who}`,
  caveats: [OFFENDER_MIX_CAVEAT, BY_ADDRESS, FIXTURES_ONLY],
  sql: reoffencesPerReoffenderSql(pfaCountsSql(groups, 'reoffenders')),
}));

const prisons: IndicatorDef[] = GROUPS.filter((g) => g.groups.length === 1).map(({ key, groups, who }) => ({
  ...RATE,
  id: `reoffending_rate_${key}_prison`,
  title: `Proven reoffending rate by releasing prison, ${who}`,
  description: `Of the ${who} released from the prison in the year, the share who committed an offence within a year of release that was proven in court or by caution.`,
  numerator: `Proven reoffenders among those released, ${who}`,
  denominator: `People released from the prison in the annual cohort, ${who}`,
  polarity: 'lower_is_better',
  geographies: ['prison', 'england_wales'],
  sources: SOURCES,
  series: `${SERIES} by releasing prison`,
  notHeld: [
    NOT_HELD_UNTIL_ADDED('prison'),
    // A prison releases people from many areas: an area's rate is counted where offenders live, in its own indicator.
    { geography: 'pfa', reason: 'Counted by releasing prison, not by area: people released from one prison come from many areas.', wouldNeed: `The area's rate is reoffending_rate_${key}_pfa, from the same MoJ geographical data tool.` },
  ],
  caveats: [
    OFFENDER_MIX_CAVEAT,
    'A prison is compared with everyone released from the prisons listed (its England and Wales row), not with all offenders: people leaving custody reoffend more often than people given a caution or community sentence.',
    'Prisons hold different people (remand and local prisons release many short-sentence prisoners, who reoffend more): the rank reflects who a prison releases as much as what it does.',
    FIXTURES_ONLY,
  ],
  sql: reoffendingRateSql(prisonCountsSql(groups[0], 'offenders')),
}));

export default [...rates, ...perReoffender, ...prisons];
