// Reads a JSON file the reader picked. Editors on Windows save UTF-8 with a byte-order mark,
// which JSON.parse refuses, so it is dropped first.
import { errorMessage } from '@/utils/core/errors';

/** Parses the text of a JSON file; `refuse` builds the error thrown for text that is not JSON. */
export function parseJsonFile(text: string, refuse: (message: string) => Error = (m) => new Error(m)): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw refuse(`This is not a JSON file (${errorMessage(e)}).`);
  }
}
