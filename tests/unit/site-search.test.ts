import { describe, expect, it } from 'vitest';
import { nameMatches, searchQuery } from '../../site/lib/search.ts';

describe('finding a prison by the name readers type', () => {
  it('drops the establishment prefixes HMP, HMYOI, YOI, IRC and HMP/YOI', () => {
    expect(nameMatches('Wandsworth London', 'HMP Wandsworth')).toBe(true);
    expect(nameMatches('Bristol Avon and Somerset', 'HMP/YOI Bristol')).toBe(true);
    expect(nameMatches('Bristol Avon and Somerset', 'HMP & YOI Bristol')).toBe(true);
    expect(nameMatches('Feltham London', 'HMYOI Feltham')).toBe(true);
    expect(nameMatches('Feltham London', 'yoi feltham')).toBe(true);
    expect(nameMatches('Colnbrook London', 'IRC Colnbrook')).toBe(true);
    expect(nameMatches('Wandsworth London', 'HM Prison Wandsworth')).toBe(true);
  });

  it('still matches at word starts only, and keeps a prefix typed alone', () => {
    expect(nameMatches('Wandsworth London', 'HMP andsworth')).toBe(false);
    expect(nameMatches('Wandsworth London', 'HMP Brixton')).toBe(false);
    expect(searchQuery('HMP')).toBe('hmp');
    expect(nameMatches('Lindholme (IRC) South Yorkshire', 'irc')).toBe(true);
    expect(nameMatches('Devon & Cornwall', 'devon and')).toBe(true);
    expect(nameMatches('Kent', '')).toBe(true);
  });
});
