/**
 * What sources.json publishes: the registry (data/sources/*.json), one entry per dataset with its
 * files, plus the kind in words. pipeline/package.ts writes it typed as PublishedDataset, so the
 * compiler refuses a registry field whose type this description gets wrong (a file's path is null
 * when the file is not held); the site reads it with the same type.
 */
export type SourceKind = 'publisher_file' | 'third_party_table' | 'compiled_from_statements';

export interface PublishedSourceFile {
  id: string;
  title: string;
  /** Path under the raw folder; null when the file is not held. */
  path: string | null;
  url: string | null;
  release: string;
  period: string;
  sha256: string | null;
  bytes?: number;
  held: boolean;
  note?: string;
}

export interface PublishedDataset {
  id: string;
  title: string;
  publisher: string;
  kind: SourceKind;
  /** The kind in words: "publisher file", "third-party table built from publisher data", "compiled from published statements". */
  kind_label: string;
  landing_url: string;
  licence: string;
  licence_url: string;
  /** The licences as data (pipeline/registry.ts Licence); empty when the source states none. */
  licences?: { name: string; title: string; path: string; covers?: string }[];
  attribution: string;
  parser: string | null;
  copied_from?: string;
  notes: string[];
  files: PublishedSourceFile[];
}
