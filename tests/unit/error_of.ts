/** The DataError a call throws (any other error is rethrown; no error fails the test). */
import { DataError } from '../../src/errors.ts';

export function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError, but nothing was thrown');
}
