import { crimeRateIndicator } from './shared/recorded_crime.ts';

export default crimeRateIndicator({
  id: 'recorded_crime_per_1000',
  offenceId: 'total_excluding_fraud',
  title: 'Police recorded crime per 1,000 residents (excluding fraud)',
  description: 'Crimes recorded by the police in the area over a year, excluding fraud, for every 1,000 people living there.',
});
