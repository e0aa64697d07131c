/**
 * The postcode search's static files (data/build/postcodes/): written by
 * pipeline/outputs/postcode_index.ts, read in the browser by site/components/postcode-search.ts.
 */
export const POSTCODE_DIR = 'postcodes';

export interface OutwardArea { lad_code: string; lad_name: string; pfa_code: string; pfa_name: string; slug: string }

/** postcodes/<OUTWARD>.json */
export interface OutwardFile {
  outward: string;
  source_id: string;
  areas: OutwardArea[];
  /** Inward codes by area (index into areas) and status, space-separated as in the postcode_area table. */
  groups: { area: number; status: 'live' | 'terminated'; postcodes: number; inward: string }[];
}

/** postcodes/index.json */
export interface PostcodeIndexFile { source_ids: string[]; outward_codes: string[]; postcodes: number }
