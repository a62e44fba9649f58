// What the reader is told when a script switch fails: one wording wherever it is shown (the popup,
// or the page itself when the switch came from its keyboard shortcut or the context menu). Pure.

/** A message key of _locales and its substitutions. */
export interface FailureText {
  key: 'scriptDictsFailed' | 'scriptError';
  subs: string[];
}

/** A dictionary the background could not load says so plainly; anything else gives its reason. */
export function switchFailure(reason: string): FailureText {
  return /^dictionary /.test(reason) ? { key: 'scriptDictsFailed', subs: [] } : { key: 'scriptError', subs: [reason] };
}
