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
import { optionalTable } from './data.ts';

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

/** Rows of pcc_holder for an area when the pipeline publishes it (columns are the pipeline's). */
export function pccHolders(pfaCode: string): Record<string, unknown>[] | null {
  const rows = optionalTable<Record<string, unknown>>('pcc_holder');
  return rows ? rows.filter((r) => r.pfa_code === pfaCode) : null;
}
