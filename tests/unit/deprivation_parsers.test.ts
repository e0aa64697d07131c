import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.ts';
import { checkCompetitionRanking, iodNumber, parseIodLad, parseWimdLsoa } from '../../pipeline/sources/deprivation.ts';

const ranks = (list: number[]) => list.map((imd_rank, i) => ({ imd_rank, source_cell: `row ${i + 2}` }));
const full = (mutate: (r: number[]) => void) => {
  const r = Array.from({ length: 32844 }, (_, i) => i + 1);
  mutate(r);
  return ranks(r);
};

describe('IoD council summaries', () => {
  it('reads float artefacts and scientific notation to the 4 dp MHCLG printed', () => {
    expect(iodNumber('35.036999999999999', { file: 'f' }, 'x')).toBe(35.037);
    expect(iodNumber('7.8700000000000006E-2', { file: 'f' }, 'x')).toBe(0.0787);
    expect(errorOf(() => iodNumber('n/a', { file: 'f.csv', row: 4, column: 'average_score' }, 'average_score')).message).toMatch(/f\.csv, row 4, column average_score/);
  });

  it('places each district in its PFA and stops at a district the geography does not know', () => {
    const header = 'lad19cd,lad19nm,index_domain,average_rank,rank_average_rank,average_score,rank_average_score,proportion_bottom_decile,rank_proportion_bottom_decile,year';
    const text = `${header}\nE06000001,Hartlepool,Index of Multiple Deprivation,22581.98,25,35.036999999999999,10,0.36209999999999998,10,2019\n`;
    const [row] = parseIodLad('iod.csv', 'fx', text, 2019, new Map([['E06000001', 'E23000013']]));
    expect(row).toMatchObject({ edition: 2019, lad_code: 'E06000001', pfa_code: 'E23000013', average_score: 35.037, proportion_bottom_decile: 0.3621, source_cell: 'row 2' });
    expect(errorOf(() => parseIodLad('iod.csv', 'fx', text, 2019, new Map())).message).toMatch(/iod\.csv, row 2, column lad19cd.*'E06000001'/);
  });
});

describe('LSOA ranks', () => {
  it('accepts ties that share the lower rank and skip the next', () => {
    expect(() => checkCompetitionRanking('004.csv', full((r) => (r[2852] = 2852)))).not.toThrow();
  });
  it('rejects a rank that skips without a tie, naming the row', () => {
    expect(errorOf(() => checkCompetitionRanking('004.csv', full((r) => (r[99] = 32845 - 1)))).message).toMatch(/004\.csv/);
  });
  it('rejects a tie across the most-deprived-decile cut, where the decile count would be ambiguous', () => {
    expect(errorOf(() => checkCompetitionRanking('004.csv', full((r) => (r[3284] = 3284)))).message).toMatch(/decile cut/);
  });
  it('the Welsh lookup must hold all 1,909 Welsh LSOAs', () => {
    const text = 'lsoa11cd,lsoa11nm,ladcd,ladnm,ladnmw,wimd_2019,FID\nW01000001,Aberffraw,W06000001,Isle of Anglesey,Ynys Mon,885,1\n';
    expect(errorOf(() => parseWimdLsoa('006.csv', 'fx', text, new Map([['W06000001', 'W15000001']]))).message).toMatch(/1909 Welsh LSOAs.*1 rows/);
  });
});
