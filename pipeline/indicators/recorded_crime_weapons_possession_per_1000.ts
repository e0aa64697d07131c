import { crimeRateIndicator } from './shared/recorded_crime.ts';

export default crimeRateIndicator({
  id: 'recorded_crime_weapons_possession_per_1000',
  offenceId: 'possession_of_weapons_offences',
  title: 'Possession of weapons offences recorded by the police, per 1,000 residents',
  description: 'Possession of weapons offences recorded by the police, for every 1,000 people living in the area.',
  caveats: ['Possession offences are mostly found by police activity, so the rate reflects policing priorities as well as weapon carrying.'],
});
