/**
 * Who holds police and crime commissioner functions in each area. The published table pcc_holder
 * (office holders from a published source) wins when the pipeline has it; until then the office
 * type comes from the committed reference site/data/pcc_arrangements.csv, which cites the legal
 * instrument for each row and names no person.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { ROOT } from './paths.ts';
import { optionalTable, type PccHolderRow, type TermRecordRow } from './data.ts';

export interface PccArrangement {
  pfa_code: string;
  pfa_name: string;
  holder_kind: 'pcc' | 'mayor' | 'police_authority';
  office: string;
  since: string;
  legal_source: string;
  legal_source_url: string;
  note: string;
}

let arrangements: PccArrangement[] | undefined;

export function pccArrangements(): PccArrangement[] {
  arrangements ??= Papa.parse<PccArrangement>(readFileSync(resolve(ROOT, 'site/data/pcc_arrangements.csv'), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  return arrangements;
}

export function pccArrangement(pfaCode: string): PccArrangement | undefined {
  return pccArrangements().find((a) => a.pfa_code === pfaCode);
}

export type PccHolder = PccHolderRow;

/** The area's office holders by election round, oldest first; null when pcc_holder is not published. */
export function pccHolders(pfaCode: string): PccHolder[] | null {
  const rows = optionalTable<PccHolder>('pcc_holder');
  return rows ? rows.filter((r) => r.pfa_code === pfaCode).sort((a, b) => a.round - b.round) : null;
}

export type TermRecord = TermRecordRow;

export function termRecord(pfaCode: string, indicatorId: string): TermRecord | undefined {
  return optionalTable<TermRecord>('term_record')?.find((r) => r.pfa_code === pfaCode && r.indicator_id === indicatorId);
}
