import { crimeRateIndicator } from './shared/recorded_crime.ts';

export default crimeRateIndicator({
  id: 'recorded_crime_theft_per_1000',
  offenceId: 'theft_offences',
  title: 'Theft offences recorded by the police, per 1,000 residents',
  description: 'Theft offences (burglary, vehicle offences, theft from the person, bicycle theft, shoplifting, other theft) recorded by the police, for every 1,000 people living in the area.',
});
