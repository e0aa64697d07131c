/** The real-data tests refuse a shared test build that failed or that this run did not make (a stale one). */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireFreshBuild } from '../pipeline/build.ts';
import { manifestHash } from '../pipeline/global-setup.ts';

function place() {
  const dir = mkdtempSync(join(tmpdir(), 'jba-test-build-'));
  const build = join(dir, 'build');
  mkdirSync(build);
  writeFileSync(join(build, 'manifest.json'), '{"edition":{"id":"old"}}');
  return { error: join(dir, 'error'), ok: join(dir, 'ok'), build };
}

describe('shared test build freshness', () => {
  it('refuses a build whose run failed, naming the failure', () => {
    const at = place();
    writeFileSync(at.error, 'registry: expected JSON');
    expect(() => requireFreshBuild(at)).toThrow(/The shared test build failed:\nregistry: expected JSON/);
  });
  it('refuses a build that this run did not make or vouch for', () => {
    const at = place();
    expect(() => requireFreshBuild(at)).toThrow(/was not made by this run/);
    writeFileSync(at.ok, manifestHash(at.build)!);
    expect(() => requireFreshBuild(at)).not.toThrow();
    writeFileSync(join(at.build, 'manifest.json'), '{"edition":{"id":"other"}}');
    expect(() => requireFreshBuild(at)).toThrow(/is not the one this run's setup built/);
  });
});
