import { crimeRateIndicator } from './shared/recorded_crime.ts';

export default crimeRateIndicator({
  id: 'recorded_crime_miscellaneous_per_1000',
  offenceId: 'miscellaneous_crimes',
  title: 'Miscellaneous crimes against society recorded by the police, per 1,000 residents',
  description: 'Miscellaneous crimes against society recorded by the police, for every 1,000 people living in the area.',
});
