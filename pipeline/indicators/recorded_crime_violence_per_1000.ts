import { crimeRateIndicator } from './shared/recorded_crime.ts';

export default crimeRateIndicator({
  id: 'recorded_crime_violence_per_1000',
  offenceId: 'violence_against_the_person',
  title: 'Violence against the person recorded by the police, per 1,000 residents',
  description: 'Violence against the person (homicide, violence with and without injury, stalking and harassment, death or serious injury by unlawful driving) recorded by the police, for every 1,000 people living in the area.',
  caveats: ['Stalking and harassment has grown fast as recording improved; it is part of this group.'],
});
