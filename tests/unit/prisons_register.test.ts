import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, compareVersions, migrationVersion, splitStatements } from '../../pipeline/sources/prison_estate/register_sql.ts';
import { normalisePostcode, readOpenregisterAddresses } from '../../pipeline/sources/prison_estate/register.ts';
import { shortPrisonName } from '../../pipeline/sources/prison_estate.ts';
import { prisonNames } from '../../pipeline/geography/prison_names.ts';

const mig = (name: string, text: string) => ({ label: `register/${name}`, name, text });

describe('prison register SQL seed reader', () => {
  it('replays migrations in Flyway version order (V1_9 before V1_10), with positional and column-list INSERTs', () => {
    const db = applyMigrations([
      mig('V1_10__later.sql', "UPDATE PRISON SET NAME = 'Leeds (HMP)' WHERE PRISON_ID = 'LEI';"),
      mig('V1_1__insert.sql', "INSERT INTO prison VALUES ('LEI', 'Armley', true);\nINSERT INTO prison VALUES ('HLI', 'Hull (HMP)', false); -- closed? no: see V1_9"),
      mig('V1_9__gender.sql', "update PRISON set male = true where PRISON_ID = 'LEI';\nupdate PRISON set active = true, male = true where PRISON_ID ='HLI';"),
    ]);
    const rows = db.get('prison')!.rows;
    expect(rows.find((r) => r.prison_id === 'LEI')).toMatchObject({ name: 'Leeds (HMP)', active: true, male: true, female: null });
    expect(rows.find((r) => r.prison_id === 'HLI')).toMatchObject({ active: true, male: true });
  });

  it('handles multi-row VALUES, tuple UPDATE, IN lists, DELETE, ALTER … DEFAULT and CREATE TABLE with SERIAL', () => {
    const db = applyMigrations([
      mig('V1_1__a.sql', "INSERT INTO prison VALUES ('ACI', 'Altcourse (HMP)', true);\nINSERT INTO prison VALUES ('ASI', 'Ashfield (HMP)', true);"),
      mig(
        'V1_2__b.sql',
        `INSERT INTO ADDRESS (PRISON_ID, ADDRESS_LINE1, TOWN, POSTCODE) VALUES ('ACI', 'Brookfield Drive', 'Liverpool', 'L9 7LH'), ('ASI', 'Shortwood Road', 'Bristol', 'BS16 9QJ');
UPDATE ADDRESS SET (ADDRESS_LINE1, ADDRESS_LINE2) = ('Higher Lane', null) WHERE PRISON_ID = 'ACI';
ALTER TABLE prison ADD COLUMN contracted BOOLEAN NOT NULL DEFAULT false;
UPDATE prison SET contracted = true WHERE prison_id IN ('ACI', 'ZZZ');
CREATE TABLE operator ( id SERIAL PRIMARY KEY, name VARCHAR(80) NOT NULL );
INSERT INTO operator(name) VALUES ('PSP'), ('G4S');
INSERT INTO PRISON_TYPE (PRISON_ID, TYPE) VALUES ('ASI', 'HMP');
INSERT INTO PRISON_TYPE (PRISON_ID, TYPE) VALUES ('ASI', 'YOI');
DELETE FROM PRISON_TYPE WHERE PRISON_ID = 'ASI' AND TYPE = 'YOI';`,
      ),
    ]);
    expect(db.get('address')!.rows.find((r) => r.prison_id === 'ACI')).toMatchObject({ address_line1: 'Higher Lane', address_line2: null, postcode: 'L9 7LH' });
    expect(db.get('prison')!.rows.map((r) => [r.prison_id, r.contracted])).toEqual([['ACI', true], ['ASI', false]]);
    expect(db.get('operator')!.rows).toEqual([{ id: 1, name: 'PSP' }, { id: 2, name: 'G4S' }]);
    expect(db.get('prison_type')!.rows).toEqual([{ prison_id: 'ASI', type: 'HMP' }]);
  });

  it('keeps quotes and semicolons inside strings, drops -- comments', () => {
    const s = splitStatements("INSERT INTO prison VALUES ('XXI', 'O''Brien; House', true); -- a comment; with semicolon\nUPDATE prison SET name = 'a--b' WHERE prison_id = 'XXI';");
    expect(s.map((x) => x.line)).toEqual([1, 2]);
    const db = applyMigrations([mig('V1_1__q.sql', s.map((x) => x.text + ';').join('\n'))]);
    expect(db.get('prison')!.rows[0].name).toBe('a--b');
  });

  it('an UPDATE matching no row is recorded as a note; an unknown statement is a DataError naming file and line', () => {
    const db = applyMigrations([mig('V1_1__a.sql', "INSERT INTO prison VALUES ('ACI', 'Altcourse', true);\nupdate PRISON set male = true where PRISON_ID = 'FYI';")]);
    expect(db.notes).toEqual([expect.stringMatching(/V1_1__a\.sql, line 2: UPDATE of 'prison' matches no row/)]);
    expect(() => applyMigrations([mig('V1_1__a.sql', "\n\nGRANT ALL ON prison TO someone;")])).toThrowError(/register\/V1_1__a\.sql, row 3: expected a SQL statement the register reader knows/);
    expect(() => applyMigrations([mig('V1_1__a.sql', "INSERT INTO prison VALUES ('ACI', 'Altcourse');")])).toThrowError(/gives 2 values for 3 columns/);
  });

  it('versions sort numerically', () => {
    const names = ['V1_10__a.sql', 'V1_9__b.sql', 'V1_1__c.sql', 'V1_26__d.sql'];
    expect(names.sort((a, b) => compareVersions(migrationVersion(a)!, migrationVersion(b)!))).toEqual(['V1_1__c.sql', 'V1_9__b.sql', 'V1_10__a.sql', 'V1_26__d.sql']);
  });
});

describe('openregister prison addresses: long and lat swapped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prisons-'));
  it('reads a swapped row (long column holds the latitude) and a correct row alike', () => {
    const text = 'address\tstreet\taddress:name\tstreet:name\ttown\tadministrative-area\tpostcode\tlong\tlat\n' + '1\t2\tHM PRISON ALTCOURSE\tHIGHER LANE\t\tLIVERPOOL\tl9 7lh\t53.4609427\t-2.9360306\n' + '3\t4\tHMP X\tX ROAD\t\tX\tBS16 9QJ\t-2.4388648\t51.4824203\n';
    writeFileSync(join(dir, 'a.tsv'), text);
    const m = readOpenregisterAddresses('a.tsv', text, 'openregister_maps_prison_address');
    expect(m.get('L9 7LH')).toMatchObject({ lon: -2.9360306, lat: 53.4609427, sourceCell: 'row 2' });
    expect(m.get('BS16 9QJ')).toMatchObject({ lon: -2.4388648, lat: 51.4824203 });
  });
  it('a pair that is neither way round in England and Wales is a DataError naming the row', () => {
    const text = 'postcode\tlong\tlat\nL9 7LH\t0\t0\n';
    expect(() => readOpenregisterAddresses('b.tsv', text, 'x')).toThrowError(/b\.tsv, row 2, column long: expected a longitude and a latitude in England and Wales/);
  });
  it('postcodes are normalised to outward + space + inward', () => {
    expect(normalisePostcode(' sw18  3hs')).toBe('SW18 3HS');
  });
});

describe('prison names', () => {
  it('the alias table maps bulletin spellings, combined rows to the first-named site, and type suffixes are dropped', () => {
    const names = prisonNames();
    expect(names.code('Elmley (Sheppey)', { file: 't' })).toBe('EYI');
    expect(names.code('Usk / Prescoed', { file: 't' })).toBe('UKI');
    expect(names.code('Usk\\Prescoed', { file: 't' })).toBe('UKI');
    expect(names.code('Grendon / Springhill', { file: 't' })).toBe('GNI');
    expect(names.code('Morton Hall (IRC)', { file: 't' })).toBe('MHI');
    expect(() => names.code('Atlantis', { file: 'f.ods', sheet: 'MonthlyBulletin', row: 9, column: 'A' })).toThrowError(/f\.ods, sheet MonthlyBulletin, row 9, column A: expected a known prison name, found 'Atlantis'/);
    expect(shortPrisonName('Altcourse (HMP & YOI)')).toBe('Altcourse');
    expect(shortPrisonName('HMP Hewell')).toBe('Hewell');
    expect(shortPrisonName('Isis HMP/YOI')).toBe('Isis');
  });
});

describe('deaths classification', () => {
  it('the spellings in the MoJ tool extract collapse to five classes; anything else is unknown', async () => {
    const { normaliseTypeOfDeath } = await import('../../pipeline/sources/prison_deaths.ts');
    expect(['Natural causes', 'Natural Causes', 'Self-inflicted', 'Self-Inflicted', 'Homicide', 'Other: Other/non-natural', 'Other: Other/Non-natural', 'Other: Awaiting further information'].map(normaliseTypeOfDeath)).toEqual([
      'natural_causes', 'natural_causes', 'self_inflicted', 'self_inflicted', 'homicide', 'other_non_natural', 'other_non_natural', 'awaiting_information',
    ]);
    expect(normaliseTypeOfDeath('Accident')).toBeUndefined();
  });
  it('deaths-tool site labels map to the merged establishment; "Escort Areas" is no prison name', () => {
    const names = prisonNames();
    expect(['IOW: Albany', 'IoW: Parkhurst', 'Hewell: Blakenhurst', 'Northumberland: Castington', 'Forest bank', 'Usk\\Prescoed'].map((n) => names.find(n))).toEqual(['IWI', 'IWI', 'HEI', 'NLI', 'FBI', 'UKI']);
    expect(names.find('Escort Areas')).toBeUndefined();
  });
});
