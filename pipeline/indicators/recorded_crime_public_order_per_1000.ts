import { crimeRateIndicator } from './shared/recorded_crime.ts';

export default crimeRateIndicator({
  id: 'recorded_crime_public_order_per_1000',
  offenceId: 'public_order_offences',
  title: 'Public order offences recorded by the police, per 1,000 residents',
  description: 'Public order offences recorded by the police, for every 1,000 people living in the area.',
});
