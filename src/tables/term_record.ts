/**
 * The term record, computed after the indicators by pipeline/derived/term_record.ts (which says how
 * a tenure and its start figure are found).
 */
import { defineTable, GSS_PFA } from '../tables.ts';

export const TERM_RECORD = defineTable({
  name: 'term_record',
  title: 'Term record: each indicator at the start of the current holder’s tenure and now',
  description:
    'For every police force area and every indicator held for it: the figure nearest the start of the current PCC (or mayor with PCC functions) tenure, the latest figure, the change, and the England and Wales change over the same periods. Association only: a change while someone holds office is not caused by them alone. Office holders come from a third-party table built from Wikipedia; mid-term changes are not held.',
  primaryKey: ['pfa_code', 'indicator_id'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area.', pattern: GSS_PFA },
    { name: 'indicator_id', type: 'string', description: 'Indicator id.' },
    { name: 'holder_name', type: 'string', description: 'Current holder (latest round).', nullable: true },
    { name: 'tenure_start', type: 'date', description: 'Election date from which the current holder has held the office without a break (within the rounds held).', nullable: true },
    { name: 'status', type: 'string', description: "'compared' (figures before and during the term), 'no_figures_in_term' (no published figure held for a period ending after the tenure start), 'single_period' (the only figure is the latest), 'basis_changed' (the denominator basis changed after the tenure start and only the latest period is on the latest basis: no change is given) or 'no_holder' (no elected holder, e.g. City of London).", enum: ['compared', 'no_figures_in_term', 'single_period', 'basis_changed', 'no_holder'] },
    { name: 'start_period', type: 'string', description: "Period nearest the tenure start among the periods on the latest period's denominator basis (see basis and note).", nullable: true },
    { name: 'start_value', type: 'number', description: 'Value in start_period.', nullable: true },
    { name: 'latest_period', type: 'string', description: 'Latest period held.', nullable: true },
    { name: 'latest_value', type: 'number', description: 'Value in latest_period.', nullable: true },
    { name: 'change', type: 'number', description: 'latest_value − start_value, in the indicator’s unit.', nullable: true },
    { name: 'ew_start_value', type: 'number', description: 'England and Wales value in start_period.', nullable: true },
    { name: 'ew_latest_value', type: 'number', description: 'England and Wales value in latest_period.', nullable: true },
    { name: 'ew_change', type: 'number', description: 'England and Wales change over the same periods.', nullable: true },
    { name: 'basis', type: 'string', description: "Denominator basis of both ends (indicator_values.basis), e.g. 'Census 2021 residents'; empty for indicators with no stated basis.", nullable: true },
    { name: 'note', type: 'string', description: 'Why the start is not the period nearest the tenure start (the denominator basis changed in between), or why no change is given.', nullable: true },
  ],
});
