/**
 * The police precept on a Band D council tax bill (table police_precept, England only): its level,
 * its change on the year and its change since 2015-16, in cash terms. The three share the areas the
 * workbooks cannot cover and the caveats shown with every figure.
 */
import type { IndicatorDef } from '../../src/indicator.ts';

const PRECEPT_NOT_HELD: NonNullable<IndicatorDef['notHeld']> = [
  { geography: 'pfa', reason: 'Wales (Dyfed-Powys, Gwent, North Wales, South Wales): Welsh PCCs set precepts under Welsh rules; they are not in these England workbooks.', wouldNeed: 'Welsh Government council tax levels (StatsWales), police precept per PCC.' },
  { geography: 'pfa', reason: 'City of London: not applicable. There is no PCC precept; the City of London Corporation funds its police.' },
  { geography: 'england_wales', reason: 'No England and Wales figure: Wales is not held, and an England average would not be comparable with England and Wales.' },
];

const PRECEPT_CAVEATS = [
  'Cash terms (no deflator held).',
  'Band D is the average council tax for policing on a Band D home with two adults; most homes are in other bands, and the precept is one part of police funding (the central government grant, not held here, is most of it).',
  'Metropolitan Police is the Mayor of London’s police precept (MOPAC) on the London boroughs, excluding the City of London. Greater Manchester and West Yorkshire are the combined authorities’ police precepts in the years the workbooks list them under the combined authority (Greater Manchester from 2018-19, West Yorkshire from 2022-23); before that, the PCC’s precept.',
  'The 2023-24 Table 9 swaps the 2022-23 tax bases of the GLA police precept and the rest of the GLA (a publisher error); the 2022-23 figures here come from the 2022-23 workbook, which is consistent.',
];

const SERIES = 'MHCLG council tax levels: police precept average Band D';

export default [
  {
    id: 'police_precept_band_d',
    title: 'Police precept on a Band D council tax bill',
    description: 'The part of an average Band D council tax bill (two adults) that pays for policing in the area, set each year by the PCC or the mayor with PCC functions.',
    unit: 'gbp',
    display: { scale: 1, decimals: 2, prefix: '£' },
    polarity: 'neither',
    numerator: 'Average Band D (2 adults) council tax of the police precepting authority, £, cash terms (no deflator held), as published: council tax requirement ÷ tax base',
    denominator: 'None (the published average; the requirement and tax base behind it are in table police_precept)',
    ciMethod: 'none',
    geographies: ['pfa'],
    notHeld: PRECEPT_NOT_HELD,
    caveats: PRECEPT_CAVEATS,
    sources: ['dluhc_council_tax_police_precept'],
    series: SERIES,
    sql: `
SELECT 'pfa' AS area_type, b.pfa_code AS area_code, p.pfa_name AS area_name,
  b.financial_year AS period, b.value AS value, NULL AS numerator, NULL AS denominator,
  NULL AS lower_95, NULL AS upper_95, b.source_id
FROM police_precept b JOIN pfa p USING (pfa_code)
WHERE b.measure = 'band_d_gbp'
`,
  },
  {
    id: 'police_precept_band_d_change_1y',
    title: 'Change in the police precept on a Band D bill over one year',
    description: 'How much the policing part of an average Band D council tax bill rose or fell compared with the year before, in cash terms.',
    unit: 'percent',
    display: { scale: 100, decimals: 1, suffix: '%' },
    polarity: 'neither',
    numerator: 'Average Band D police precept in the financial year, £, cash terms (no deflator held)',
    denominator: 'Average Band D police precept in the previous financial year, £, cash terms; value = numerator ÷ denominator − 1',
    ciMethod: 'none',
    geographies: ['pfa'],
    notHeld: [...PRECEPT_NOT_HELD, { geography: 'pfa', reason: 'No change for 2015-16: 2014-15 is not taken as a year of its own (it appears only as the previous-year column of the 2015-16 workbook).' }],
    caveats: [...PRECEPT_CAVEATS, 'Cash terms: a rise below inflation is a fall in real terms; no deflator is held.'],
    sources: ['dluhc_council_tax_police_precept'],
    series: SERIES,
    sql: `
WITH band_d AS (
  SELECT pfa_code, financial_year, CAST(left(financial_year, 4) AS INTEGER) AS start_year, value, source_id
  FROM police_precept WHERE measure = 'band_d_gbp'
)
SELECT 'pfa' AS area_type, now.pfa_code AS area_code, p.pfa_name AS area_name,
  now.financial_year AS period, now.value / before.value - 1 AS value, now.value AS numerator, before.value AS denominator,
  NULL AS lower_95, NULL AS upper_95, now.source_id
FROM band_d now
JOIN band_d before ON before.pfa_code = now.pfa_code AND before.start_year = now.start_year - 1
JOIN pfa p ON p.pfa_code = now.pfa_code
`,
  },
  {
    id: 'police_precept_band_d_change_since_2015',
    title: 'Change in the police precept on a Band D bill since 2015-16',
    description: 'How much the policing part of an average Band D council tax bill has risen since 2015-16, in cash terms.',
    unit: 'percent',
    display: { scale: 100, decimals: 1, suffix: '%' },
    polarity: 'neither',
    numerator: 'Average Band D police precept in the financial year, £, cash terms (no deflator held)',
    denominator: 'Average Band D police precept in 2015-16, £, cash terms; value = numerator ÷ denominator − 1',
    ciMethod: 'none',
    geographies: ['pfa'],
    notHeld: PRECEPT_NOT_HELD,
    caveats: [...PRECEPT_CAVEATS, 'Cash terms: prices rose over the period and no deflator is held, so this is not a real-terms change.'],
    sources: ['dluhc_council_tax_police_precept'],
    series: SERIES,
    sql: `
WITH band_d AS (
  SELECT pfa_code, financial_year, value, source_id FROM police_precept WHERE measure = 'band_d_gbp'
)
SELECT 'pfa' AS area_type, now.pfa_code AS area_code, p.pfa_name AS area_name,
  now.financial_year AS period, now.value / base.value - 1 AS value, now.value AS numerator, base.value AS denominator,
  NULL AS lower_95, NULL AS upper_95, now.source_id
FROM band_d now
JOIN band_d base ON base.pfa_code = now.pfa_code AND base.financial_year = '2015-16'
JOIN pfa p ON p.pfa_code = now.pfa_code
WHERE now.financial_year > '2015-16'
`,
  },
] satisfies IndicatorDef[];
