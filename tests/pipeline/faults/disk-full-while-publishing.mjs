// Loaded into the pipeline's process by tests/pipeline/editions.test.ts (NODE_OPTIONS=--import=…), so
// that no fault hook lives in the production code: the third table file written into a staging
// folder fails as a full disk would, after some outputs are already there.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const write = fs.writeFileSync;
let tablesWritten = 0;
fs.writeFileSync = function (path, ...rest) {
  if (/\.staging-\d+\/tables\//.test(String(path)) && ++tablesWritten === 3) {
    throw Object.assign(new Error(`ENOSPC: no space left on device (injected by the test), write '${path}'`), { code: 'ENOSPC' });
  }
  return write.call(this, path, ...rest);
};
// ES modules that import { writeFileSync } from 'node:fs' see the replacement too.
syncBuiltinESMExports();
