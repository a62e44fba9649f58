// Checks a compiled glossary that crossed a context boundary, and builds its matcher.
import { GLOSSARY_FORMAT, type CompiledGlossary, type GlossaryForms } from './types';
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

/** What a page needs to find terms: forms and blockers, without the entries (a tenth of the size). */
export function formsOf(g: CompiledGlossary): GlossaryForms {
  return { format: g.format, count: g.count, forms: g.forms, blockers: g.blockers };
}

export function isGlossaryForms(x: unknown): x is GlossaryForms {
  if (typeof x !== 'object' || x === null) return false;
  const g = x as Partial<GlossaryForms>;
  return (
    g.format === GLOSSARY_FORMAT &&
    Number.isInteger(g.count) &&
    Array.isArray(g.forms) &&
    Array.isArray(g.blockers) &&
    g.blockers.every((b) => typeof b === 'string') &&
    g.forms.every((f) => Array.isArray(f) && typeof f[0] === 'string' && Number.isInteger(f[1]) && f[1] >= 0 && f[1] < g.count!)
  );
}

export function matcherFor(g: GlossaryForms): TermMatcher {
  return new TermMatcher(g.forms, g.blockers);
}
