/**
 * Who answers for each area, from three published tables: pcc_arrangement (the office and its legal
 * basis, compiled by this project from legislation), pcc_holder (who was elected in each round, a
 * third party's table) and term_record (what moved during the current holder's tenure). Each reader
 * gives nothing (null or undefined) while a build does not publish its table.
 */
import { optionalTable, type PccArrangementRow, type PccHolderRow, type TermRecordRow } from './data.ts';

export type PccArrangement = PccArrangementRow;
export type PccHolder = PccHolderRow;
export type TermRecord = TermRecordRow;

export function pccArrangement(pfaCode: string): PccArrangement | undefined {
  return optionalTable<PccArrangement>('pcc_arrangement')?.find((a) => a.pfa_code === pfaCode);
}

/** The area's office holders by election round, oldest first; null when pcc_holder is not published. */
export function pccHolders(pfaCode: string): PccHolder[] | null {
  const rows = optionalTable<PccHolder>('pcc_holder');
  return rows ? rows.filter((r) => r.pfa_code === pfaCode).sort((a, b) => a.round - b.round) : null;
}

export function termRecord(pfaCode: string, indicatorId: string): TermRecord | undefined {
  return optionalTable<TermRecord>('term_record')?.find((r) => r.pfa_code === pfaCode && r.indicator_id === indicatorId);
}
