/** The error a call throws, for tests that check what an error says (file, row, column, expectation). */
import { DataError } from '../../src/errors.ts';

/**
 * Runs fn and returns the error it throws, which must be of `kind` (DataError unless said):
 * any other error is rethrown as it is, and no error at all fails the test.
 */
export function errorOf<E extends Error = DataError>(fn: () => unknown, kind: abstract new (...args: never[]) => E = DataError as unknown as abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (e) {
    if (e instanceof kind) return e;
    throw e;
  }
  throw new Error(`expected a ${kind.name}, but nothing was thrown`);
}
