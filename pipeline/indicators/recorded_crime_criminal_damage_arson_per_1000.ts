import { crimeRateIndicator } from './shared/recorded_crime.ts';

export default crimeRateIndicator({
  id: 'recorded_crime_criminal_damage_arson_per_1000',
  offenceId: 'criminal_damage_and_arson',
  title: 'Criminal damage and arson recorded by the police, per 1,000 residents',
  description: 'Criminal damage and arson recorded by the police, for every 1,000 people living in the area.',
});
