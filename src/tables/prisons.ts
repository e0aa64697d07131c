/**
 * Prison tables the site reads: the estate (establishments, their monthly capacity and population,
 * the bulletins read; filled by pipeline/sources/prison_estate.ts) and the national cost per place
 * (compiled from published statements; pipeline/sources/prison_costs.ts).
 */
import { defineTable, GSS_PFA } from '../tables.ts';

export const PRISON = defineTable({
  name: 'prison',
  title: 'Prisons (establishments) with their location and police force area',
  description:
    'One row per establishment named in any held bulletin: NOMIS code, standard name, operator, function, postcode and the police force area it stands in (placed by point-in-polygon or postcode). "Prisons in the area", not "prisoners from the area".',
  primaryKey: ['prison_code'],
  columns: [
    { name: 'prison_code', type: 'string', description: 'NOMIS 3-letter agency code (e.g. BMI); a project code where none exists.' },
    { name: 'prison_name', type: 'string', description: 'Name as printed in the latest bulletin that lists the establishment (a combined row keeps both names, e.g. "Usk / Prescoed").' },
    { name: 'register_name', type: 'string', description: 'Standard name in the MoJ prison register (2022), type suffix dropped; empty where the register has no entry.', nullable: true },
    { name: 'slug', type: 'string', description: 'URL part of the prison page, /prisons/<slug>/.' },
    { name: 'pfa_code', type: 'string', description: 'Police force area the establishment stands in. Empty only for a combined bulletin row whose sites stand in two areas (XSE, Shepton Mallet / Erlestoke, January to May 2012): counted in England and Wales, in no area.', pattern: GSS_PFA, nullable: true },
    { name: 'postcode', type: 'string', description: 'Postcode from the registers.', nullable: true },
    { name: 'operator', type: 'string', description: 'Operator (public sector or contractor), as at the register date.', nullable: true },
    { name: 'function', type: 'string', description: 'Predominant function or category (e.g. Local, Cat C, Open, Female).', nullable: true },
    { name: 'gender', type: 'string', description: 'Male, Female or Mixed (register).', nullable: true },
    { name: 'status', type: 'string', description: 'open or closed: open when listed in the latest month held with places or prisoners (Dartmoor, listed with none since its 2024 closure, is closed). A closed or empty establishment is not ranked (indicator_values.unranked_reason).', enum: ['open', 'closed'] },
    { name: 'establishment_kind', type: 'string', description: "What the establishment was when it last held anyone or had places in use: 'prison' (including young offender institutions), or 'immigration removal centre' (listed in the bulletin's IRC block: Dover, Haslar, Lindholme IRC). Morton Hall (2011-21) and The Verne (2014-18) were IRCs for some years (prison_monthly.section, month by month); an area's prison figures leave out IRC months.", enum: ['prison', 'immigration removal centre'] },
    { name: 'location_method', type: 'string', description: 'How the PFA was found (point in polygon on ONS boundaries from the register coordinates, or from the postcode).' },
    { name: 'placement_check', type: 'string', description: "Independent check of the PFA against the coordinates of Robin Linacre's 2016 bulletin-name bridge (used only to check; those coordinates are not published): agrees, differs, or no coordinates there." },
  ],
});

export const PRISON_MONTHLY = defineTable({
  name: 'prison_monthly',
  title: 'Prison capacity and population by establishment and month',
  description:
    'Each establishment in each HMPPS monthly population bulletin: baseline certified normal accommodation (CNA), in-use CNA, operational capacity and population on the report date (last working Friday of the month; Mondays from October 2024). January 2011 to December 2024 from the bulletins themselves (source_id hmpps_bulletin_YYYY_MM); January 2025 onwards from a third-party parse of the same bulletins (source_id prisoncap_monthly_establishments), which agrees with our reading in every month both cover (March 2018 to December 2024).',
  primaryKey: ['prison_code', 'month'],
  columns: [
    { name: 'prison_code', type: 'string', description: 'Establishment (see table prison).' },
    { name: 'month', type: 'date', description: 'First day of the bulletin month.' },
    { name: 'report_date', type: 'date', description: 'Date the figures describe.', nullable: true },
    { name: 'bulletin_name', type: 'string', description: 'Name as printed in the bulletin.' },
    { name: 'section', type: 'string', description: "'prison', or 'irc' for the HMPPS-operated immigration removal centre block.", enum: ['prison', 'irc'] },
    { name: 'baseline_cna', type: 'integer', description: 'Baseline certified normal accommodation (places).', nullable: true, min: 0 },
    { name: 'in_use_cna', type: 'integer', description: 'In-use CNA: baseline less places out of use.', nullable: true, min: 0 },
    { name: 'operational_capacity', type: 'integer', description: 'Operational capacity: places usable with acceptable crowding.', nullable: true, min: 0 },
    { name: 'population', type: 'integer', description: 'Prisoners held on the report date.', nullable: true, min: 0 },
    { name: 'null_reason', type: 'string', description: 'Why a figure is empty (blank in the bulletin, establishment closing …).', nullable: true },
  ],
});

export const PRISON_BULLETIN = defineTable({
  name: 'prison_bulletin',
  title: 'Monthly population bulletins held, with their printed totals',
  description:
    "One row per HMPPS monthly population bulletin read: its month and report date, file format, number of establishments, and the Total row as printed (checked: establishments sum to it; useable operational capacity = sum of operational capacities less the operating margin in the footnote). This is the coverage record of table prison_monthly.",
  primaryKey: ['month'],
  columns: [
    { name: 'month', type: 'date', description: 'First day of the bulletin month (from the title "Monthly Bulletin - <Month YYYY>").' },
    { name: 'report_date', type: 'date', description: 'Date the figures describe ("Report Date").', nullable: true },
    { name: 'format', type: 'string', description: "File format as published (ods, doc, docx, rtf, odt), or 'csv (third-party parse)' for months after December 2024, taken from Walk Forward Research's parse (prisoncap_panel_2026), whose Total figures other than useable operational capacity are not printed there (empty)." },
    { name: 'establishments', type: 'integer', description: 'Establishment rows in the bulletin (including HMPPS-operated IRCs).', min: 0 },
    { name: 'baseline_cna', type: 'integer', description: 'Total row: baseline CNA.', nullable: true, min: 0 },
    { name: 'in_use_cna', type: 'integer', description: 'Total row: in-use CNA.', nullable: true, min: 0 },
    { name: 'operational_capacity_sum', type: 'integer', description: "Sum of the establishments' operational capacities (the Total row prints the useable figure instead).", min: 0 },
    { name: 'operating_margin', type: 'integer', description: 'Operating margin stated in the footnote (places).', nullable: true, min: 0 },
    { name: 'useable_operational_capacity', type: 'integer', description: 'Total row: useable operational capacity as printed (sum less the operating margin).', nullable: true, min: 0 },
    { name: 'population', type: 'integer', description: 'Total row: population.', nullable: true, min: 0 },
  ],
});

export const PRISON_COST_MEASURES = [
  'overall_cost_per_place',
  'direct_cost_per_place',
  'overall_cost_per_prisoner',
  'direct_cost_per_prisoner',
  'overall_resource_cost_per_prisoner',
  'overall_resource_expenditure_total',
  'direct_resource_expenditure_total',
] as const;

export const PRISON_COST_NATIONAL = defineTable({
  name: 'prison_cost_national',
  title: 'National cost per prison place and per prisoner, England and Wales, as stated in published sources',
  description:
    "Compiled from published statements, not from a publisher's file (no copy of the HMPPS 'costs per place and costs per prisoner' addendum was found). One row per financial year, measure and release, exactly as stated, in cash prices (£, no deflator). Overall = direct spend of each prison plus an apportionment of regional and national spend; direct = spend met by the prison's own cost centre. Per place divides by certified normal accommodation; per prisoner by the average population. Figures are restated between editions: where two releases give a year's figure, both rows are kept and marked restated. 2007-08 is rounded to £500 on an older method; 2012-13 is rounded; the 2013-14 year is inferred by the compiler. Years missing: 2010-11, 2011-12, 2014-15, 2017-18 to 2021-22, 2023-24 and most direct measures.",
  primaryKey: ['financial_year', 'measure', 'release'],
  columns: [
    { name: 'financial_year', type: 'string', description: 'Financial year (April to March), e.g. 2016-17.', pattern: '^\\d{4}-\\d{2}$' },
    { name: 'measure', type: 'string', description: 'What the figure is (overall/direct; per place, per prisoner, or total resource expenditure).', enum: PRISON_COST_MEASURES },
    { name: 'basis', type: 'string', description: 'overall (direct plus apportioned regional and national spend) or direct (the prison cost centre only).', enum: ['overall', 'direct'] },
    { name: 'per', type: 'string', description: 'place, prisoner or total.', enum: ['place', 'prisoner', 'total'] },
    { name: 'release', type: 'string', description: 'The publication the figure comes from (which edition, where a figure was restated).' },
    { name: 'value_gbp', type: 'number', description: 'Pounds, cash prices, as stated.', unit: 'GBP', min: 0 },
    { name: 'restated', type: 'boolean', description: 'True where another release states a different figure for the same year and measure.' },
    { name: 'source_url', type: 'string', description: 'The page that states the figure (read it for the wording).' },
    { name: 'note', type: 'string', description: "Compiler's note: which publication, rounding, checks.", nullable: true },
  ],
});

export const PRISON_RATING = defineTable({
  name: 'prison_rating',
  title: 'Annual prison performance ratings found in published statements (partial)',
  description:
    "The Ministry of Justice's annual performance rating (1 = performance of serious concern … 4 = exceptional or outstanding) of each prison a published statement names, by performance year (April to March). PARTIAL: complete lists are the rating-1 lists of 2016-17, 2017-18 and 2018-19 and the rating-4 list of 2024-25 (list_coverage says which). A prison with no row for a year has an UNKNOWN rating, never a guessed one. Frameworks differ between years, so levels are not comparable across years. Compiled from statements quoting the ratings (Hansard, news reports, a third-party transcript); the MoJ's per-prison tables are not held.",
  primaryKey: ['prison_code', 'performance_year'],
  columns: [
    { name: 'prison_code', type: 'string', description: 'Establishment (see table prison).' },
    { name: 'performance_year', type: 'string', description: 'Performance year, April to March (e.g. 2024-25).', pattern: '^\\d{4}-\\d{2}$' },
    { name: 'rating', type: 'integer', description: '1 (serious concern) to 4 (exceptional / outstanding), as the statement gives it.', nullable: true, min: 1, max: 4 },
    { name: 'rating_label', type: 'string', description: 'The wording as printed for that year (e.g. "Level 1: Overall performance is of serious concern", "Concern", "Outstanding").' },
    { name: 'list_coverage', type: 'string', description: "Whether the year's list of prisons at this rating is complete (every prison at that rating is named) or partial (others at the same rating are not named), with the count published." },
    { name: 'source_url', type: 'string', description: 'The statement the rating was read from.' },
  ],
});
