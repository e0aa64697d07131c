/**
 * Proven reoffending by English region, from the MoJ overview data tool extract (January to March
 * 2020 release): the rate and reoffences per reoffender for adults, children and both together, and
 * the rate for each age band. One table per kind below; the formulas are in shared/reoffending.ts.
 */
import type { IndicatorDef } from '../../src/indicator.ts';
import { AGE_BANDS } from '../sources/reoffending_region.ts';
import {
  NOT_HELD_PFA_PRISON,
  OFFENDER_MIX_CAVEAT,
  REGION_EXTRACT_CAVEAT,
  REGION_EXTRACT_NOT_HELD,
  regionCountsSql,
  reoffencesPerReoffenderSql,
  reoffendingRateSql,
} from './shared/reoffending.ts';

type Group = 'adult' | 'juvenile';

const OFFENDER_GROUPS: { key: string; groups: Group[]; who: string }[] = [
  { key: 'all', groups: ['adult', 'juvenile'], who: 'adults and children together' },
  { key: 'adult', groups: ['adult'], who: 'adults (aged 18 or over)' },
  { key: 'juvenile', groups: ['juvenile'], who: 'children (aged 10 to 17)' },
];

const SERIES = 'MoJ proven reoffending overview data tool, January to March 2020 release: annual cohorts by English region';
const SUM_OF_BANDS = "A region's figure is the sum of its age-band rows in the data tool extract.";

const REGION: Pick<IndicatorDef, 'polarity' | 'geographies' | 'notHeld' | 'sources'> = {
  polarity: 'lower_is_better',
  geographies: ['region'],
  notHeld: [...NOT_HELD_PFA_PRISON, ...REGION_EXTRACT_NOT_HELD],
  sources: ['moj_reoffending_region_extract_2020q1'],
};
const RATE = { unit: 'percent', display: { scale: 100, decimals: 1, suffix: '%' }, ciMethod: 'wilson' } as const;
const PER_REOFFENDER = { unit: 'ratio', display: { scale: 1, decimals: 2 }, ciMethod: 'byar' } as const;

const rates: IndicatorDef[] = OFFENDER_GROUPS.map(({ key, groups, who }) => ({
  ...REGION,
  ...RATE,
  id: `reoffending_rate_${key}_region`,
  title: `Proven reoffending rate by English region, ${who}`,
  description: `Of the ${who} cautioned, convicted or released from custody in the year, the share who committed an offence within a year that was proven in court or by caution.`,
  numerator: `Proven reoffenders in the annual cohort, ${who}`,
  denominator: `Offenders in the annual cohort, ${who}`,
  caveats: [OFFENDER_MIX_CAVEAT, REGION_EXTRACT_CAVEAT, SUM_OF_BANDS],
  series: SERIES,
  sql: reoffendingRateSql(regionCountsSql(groups)),
}));

const reoffencesPerReoffender: IndicatorDef[] = OFFENDER_GROUPS.map(({ key, groups, who }) => ({
  ...REGION,
  ...PER_REOFFENDER,
  id: `reoffences_per_reoffender_${key}_region`,
  title: `Proven reoffences per reoffender by English region, ${who}`,
  description: `Among the ${who} who reoffended, the average number of proven reoffences each.`,
  numerator: `Proven reoffences by the cohort, ${who}`,
  denominator: `Proven reoffenders in the cohort, ${who}`,
  caveats: [OFFENDER_MIX_CAVEAT, REGION_EXTRACT_CAVEAT, SUM_OF_BANDS],
  series: SERIES,
  sql: reoffencesPerReoffenderSql(regionCountsSql(groups)),
}));

/** One rate per age band the extract prints ('10 to 14' … '50+'); the id says the band ('10_14', '50_plus'). */
const ageBands: IndicatorDef[] = (Object.entries(AGE_BANDS) as [Group, readonly string[]][]).flatMap(([group, bands]) =>
  bands.map((band) => {
    const words = band === '50+' ? '50 or over' : band;
    return {
      ...REGION,
      ...RATE,
      id: `reoffending_rate_region_age_${band === '50+' ? '50_plus' : band.replace(' to ', '_')}`,
      title: `Proven reoffending rate by English region, offenders aged ${words}`,
      description: `Of the offenders aged ${words} cautioned, convicted or released from custody in the year, the share who committed an offence within a year that was proven in court or by caution.`,
      numerator: `Proven reoffenders aged ${words} in the annual cohort`,
      denominator: `Offenders aged ${words} in the annual cohort`,
      caveats: [OFFENDER_MIX_CAVEAT, REGION_EXTRACT_CAVEAT],
      series: `${SERIES} and age band`,
      sql: reoffendingRateSql(regionCountsSql([group], band)),
    };
  }),
);

export default [...rates, ...reoffencesPerReoffender, ...ageBands];
