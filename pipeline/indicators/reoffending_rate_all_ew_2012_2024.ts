import type { IndicatorDef } from '../../src/indicator.ts';
import { NOT_HELD_PFA_PRISON, OFFENDER_MIX_CAVEAT, nationalCountsSql, reoffendingRateSql } from './shared/reoffending.ts';

const def: IndicatorDef = {
  id: 'reoffending_rate_all_ew_2012_2024',
  title: "Proven reoffending rate, England and Wales, adults and children combined (2012/13 to 2023/24 cohorts)",
  description: "Of the adults and children cautioned, convicted or released from custody in the year, the share who committed an offence within a year that was proven in court or by caution.",
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'lower_is_better',
  numerator: "Proven reoffenders in the annual cohort (adults and children)",
  denominator: "Offenders in the annual cohort (adults and children)",
  ciMethod: 'wilson',
  geographies: ['england_wales'],
  notHeld: [
    ...NOT_HELD_PFA_PRISON,
    { geography: "adult / juvenile separately", reason: "The held file combines adults and children.", wouldNeed: "MoJ proven reoffending overall data tool, April 2012 to March 2024 (moj_reoffending_overall_data_tool_apr12_mar24)." },
    { geography: "region", reason: "The held England and Wales series has no regional breakdown.", wouldNeed: "MoJ proven reoffending overall data tool (moj_reoffending_overall_data_tool_apr12_mar24)." },
  ],
  caveats: [
    OFFENDER_MIX_CAVEAT,
    "Adults and children combined: the compiler summed the MoJ adult and juvenile figures, so this series cannot be compared with adult-only or juvenile-only rates.",
    "Third-party derived file (counts from the MoJ overall data tool, January to March 2024 release); the rate is recomputed here from the counts.",
    "Cohorts from April 2020 were affected by COVID-19 court backlogs: fewer offenders entered the cohort and fewer reoffences were proven in time.",
  ],
  sources: ['moj_reoffending_derived_2012_2024'],
  series: "MoJ overall data tool, January to March 2024 release: annual cohorts, adults + children, derived by a third party",
  sql: reoffendingRateSql('reoffending_rate_all_ew_2012_2024', nationalCountsSql('derived_2024', 'annual', 'all')),
};
export default def;
