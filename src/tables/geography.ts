/**
 * Geography tables the site reads: police force areas, districts placed in them, English regions
 * (built by pipeline/geography/) and the forces' grouping into regions and Wales (filled by the
 * police workforce parser, which is where the Home Office prints it).
 */
import { defineTable, GSS_LAD, GSS_PFA, GSS_REGION } from '../tables.ts';

export const PFA = defineTable({
  name: 'pfa',
  title: 'Police force areas',
  description: 'The 43 police force areas of England and Wales (ONS December 2023 codes and names).',
  primaryKey: ['pfa_code'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'ONS GSS code of the police force area.', pattern: GSS_PFA },
    { name: 'pfa_name', type: 'string', description: 'Name as used on this site.' },
    { name: 'ons_name', type: 'string', description: 'Name as ONS writes it (PFA23NM).' },
    { name: 'country', type: 'string', description: 'England or Wales.', enum: ['England', 'Wales'] },
    { name: 'slug', type: 'string', description: 'URL part of the area page, /areas/<slug>/.' },
  ],
});

export const LAD_PFA = defineTable({
  name: 'lad_pfa',
  title: 'Local authority district to police force area',
  description:
    'Every local authority district code seen in a source, with the police force area it lies in. 2019 districts from the ONS lookup (December 2019); districts created since from the December 2023 boundaries by spatial join.',
  primaryKey: ['lad_code'],
  columns: [
    { name: 'lad_code', type: 'string', description: 'ONS GSS code of the local authority district.', pattern: GSS_LAD },
    { name: 'lad_name', type: 'string', description: 'District name as ONS writes it.' },
    { name: 'pfa_code', type: 'string', description: 'Police force area the district lies in.', pattern: GSS_PFA },
    { name: 'method', type: 'string', description: "How the PFA was found: 'ONS lookup 2019' or 'boundaries 2023'.", enum: ['ONS lookup 2019', 'boundaries 2023'] },
    { name: 'current_2023', type: 'boolean', description: 'True if the district exists on the December 2023 boundaries.' },
  ],
});

export const REGION = defineTable({
  name: 'region',
  title: 'English regions',
  description: 'The nine English regions (ONS E12 codes).',
  primaryKey: ['region_code'],
  columns: [
    { name: 'region_code', type: 'string', description: 'ONS GSS code of the region.', pattern: GSS_REGION },
    { name: 'region_name', type: 'string', description: 'Region name.' },
  ],
});

export const PFA_REGION = defineTable({
  name: 'pfa_region',
  title: 'Police force area to English region (or Wales)',
  description: "The Home Office tables' grouping of forces: each English force under its region, the four Welsh forces under Wales.",
  primaryKey: ['pfa_code'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area (GSS code).', pattern: GSS_PFA },
    { name: 'region_code', type: 'string', description: 'English region (E12 code); empty for Wales.', nullable: true, pattern: '^E12\\d{6}$' },
    { name: 'region_name', type: 'string', description: 'Region name, or Wales.' },
  ],
});
