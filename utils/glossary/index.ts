// Checks a compiled glossary that crossed a context boundary, and builds its matcher.
import { GLOSSARY_FORMAT, type CompiledGlossary } from './types';
import { TermMatcher } from './matcher';

export function isCompiledGlossary(x: unknown): x is CompiledGlossary {
  if (typeof x !== 'object' || x === null) return false;
  const g = x as Partial<CompiledGlossary>;
  return (
    g.format === GLOSSARY_FORMAT &&
    Array.isArray(g.entries) &&
    Array.isArray(g.forms) &&
    Array.isArray(g.blockers) &&
    g.blockers.every((b) => typeof b === 'string') &&
    g.count === g.entries.length &&
    g.entries.every((e) => typeof e?.id === 'string' && typeof e.s === 'string' && typeof e.t === 'string' && typeof e.en === 'string') &&
    g.forms.every((f) => Array.isArray(f) && typeof f[0] === 'string' && Number.isInteger(f[1]) && f[1] >= 0 && f[1] < g.entries!.length)
  );
}

export function matcherFor(g: CompiledGlossary): TermMatcher {
  return new TermMatcher(g.forms, g.blockers);
}
