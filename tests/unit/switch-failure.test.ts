import { describe, expect, it } from 'vitest';
import { switchFailure } from '@/utils/core/convert/failure';

describe('switchFailure', () => {
  it('says plainly that the dictionaries could not be loaded', () => {
    expect(switchFailure('dictionary TSPhrases: HTTP 404')).toEqual({ key: 'scriptDictsFailed', subs: [] });
  });

  it('gives any other reason as it is', () => {
    expect(switchFailure('no answer from the page')).toEqual({ key: 'scriptError', subs: ['no answer from the page'] });
    // Only a reason that starts so is about a dictionary.
    expect(switchFailure('the dictionary service stopped')).toEqual({ key: 'scriptError', subs: ['the dictionary service stopped'] });
  });
});
