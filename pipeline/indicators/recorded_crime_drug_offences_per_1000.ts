import { crimeRateIndicator } from './shared/recorded_crime.ts';

export default crimeRateIndicator({
  id: 'recorded_crime_drug_offences_per_1000',
  offenceId: 'drug_offences',
  title: 'Drug offences recorded by the police, per 1,000 residents',
  description: 'Drug offences recorded by the police, for every 1,000 people living in the area.',
  caveats: ['Drug offences are mostly found by police activity (stop and search, operations), so the rate reflects policing priorities as much as drug use.'],
});
