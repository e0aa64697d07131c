/**
 * What the police precept indicators (pipeline/indicators/police_precept*.ts) share: the areas the
 * workbooks cannot cover and the caveats shown with every figure.
 */
import type { IndicatorDef } from '../../../src/indicator.ts';

export const PRECEPT_NOT_HELD: NonNullable<IndicatorDef['notHeld']> = [
  { geography: 'pfa', reason: 'Wales (Dyfed-Powys, Gwent, North Wales, South Wales): Welsh PCCs set precepts under Welsh rules; they are not in these England workbooks.', wouldNeed: 'Welsh Government council tax levels (StatsWales), police precept per PCC.' },
  { geography: 'pfa', reason: 'City of London: not applicable. There is no PCC precept; the City of London Corporation funds its police.' },
  { geography: 'england_wales', reason: 'No England and Wales figure: Wales is not held, and an England average would not be comparable with England and Wales.' },
];

export const PRECEPT_CAVEATS = [
  'Cash terms (no deflator held).',
  'Band D is the average council tax for policing on a Band D home with two adults; most homes are in other bands, and the precept is one part of police funding (the central government grant, not held here, is most of it).',
  'Metropolitan Police is the Mayor of London’s police precept (MOPAC) on the London boroughs, excluding the City of London. Greater Manchester and West Yorkshire are the combined authorities’ police precepts in the years the workbooks list them under the combined authority (Greater Manchester from 2018-19, West Yorkshire from 2022-23); before that, the PCC’s precept.',
  'The 2023-24 Table 9 swaps the 2022-23 tax bases of the GLA police precept and the rest of the GLA (a publisher error); the 2022-23 figures here come from the 2022-23 workbook, which is consistent.',
];
