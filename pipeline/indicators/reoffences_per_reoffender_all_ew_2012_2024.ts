import type { IndicatorDef } from '../../src/indicator.ts';
import { NOT_HELD_PFA_PRISON, OFFENDER_MIX_CAVEAT, nationalCountsSql, reoffencesPerReoffenderSql } from './shared/reoffending.ts';

const def: IndicatorDef = {
  id: 'reoffences_per_reoffender_all_ew_2012_2024',
  title: "Proven reoffences per reoffender, England and Wales, adults and children combined (2012/13 to 2023/24 cohorts)",
  description: "Among the adults and children who reoffended, the average number of proven reoffences each.",
  unit: 'ratio',
  display: { scale: 1, decimals: 2 },
  polarity: 'lower_is_better',
  numerator: "Proven reoffences by the cohort (adults and children)",
  denominator: "Proven reoffenders in the cohort",
  ciMethod: 'byar',
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
  sql: reoffencesPerReoffenderSql('reoffences_per_reoffender_all_ew_2012_2024', nationalCountsSql('derived_2024', 'annual', 'all')),
};
export default def;
