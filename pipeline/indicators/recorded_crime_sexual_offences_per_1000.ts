import { crimeRateIndicator } from './shared/recorded_crime.ts';

export default crimeRateIndicator({
  id: 'recorded_crime_sexual_offences_per_1000',
  offenceId: 'sexual_offences',
  title: 'Sexual offences recorded by the police, per 1,000 residents',
  description: 'Sexual offences recorded by the police, for every 1,000 people living in the area.',
  caveats: ['Many sexual offences are never reported; reports of non-recent offences are recorded in the year they are reported.'],
});
