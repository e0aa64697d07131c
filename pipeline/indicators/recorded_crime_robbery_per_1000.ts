import { crimeRateIndicator } from './shared/recorded_crime.ts';

export default crimeRateIndicator({
  id: 'recorded_crime_robbery_per_1000',
  offenceId: 'robbery',
  title: 'Robbery recorded by the police, per 1,000 residents',
  description: 'Robberies recorded by the police, for every 1,000 people living in the area.',
});
