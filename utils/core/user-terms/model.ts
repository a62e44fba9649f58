// The reader's own terms: shape, validation, and the JSON/CSV formats they are exported and
// imported in. Pure. An import is all or nothing: one bad row refuses the file and changes nothing.
import { CsvError, parseCsvRows as csvRows, toCsvText, unguardField } from '@/utils/core/files/csv';
import { parseJsonFile } from '@/utils/core/files/json';

export interface UserTerm {
  id: string;
  /** written forms as the reader entered them (the first is the headword) */
  forms: string[];
  /** other-script forms derived when saved (opencc), matched too but never shown as entered */
  derived: string[];
  pinyin: string;
  english: string;
  note: string;
  created: number;
  updated: number;
}

export const USER_TERMS_FORMAT = 'bilingual-reader-terms';
export const USER_TERMS_VERSION = 1;
export const LIMITS = { forms: 10, formChars: 40, pinyin: 200, english: 300, note: 2000, terms: 5000 } as const;

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

export interface FieldError {
  /** 1-based line (CSV) or term number (JSON) */
  line: number;
  field: string;
  message: string;
}

export class ImportError extends Error {
  constructor(readonly errors: FieldError[], summary?: string) {
    super(summary ?? errors.slice(0, 5).map((e) => `line ${e.line}, ${e.field}: ${e.message}`).join('; '));
  }
}

export interface TermInput {
  forms: string[];
  pinyin: string;
  english: string;
  note: string;
}

/** Validates one term's fields; returns the cleaned input or the problems found. */
export function validateTerm(raw: Partial<Record<keyof TermInput, unknown>>, line = 1): { term?: TermInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ line, field, message });
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : null);

  let forms: string[] = [];
  if (Array.isArray(raw.forms)) forms = raw.forms.map((f) => (typeof f === 'string' ? f.trim() : '')).filter(Boolean);
  else if (typeof raw.forms === 'string') forms = raw.forms.split('|').map((f) => f.trim()).filter(Boolean);
  else err('forms', 'missing');
  forms = [...new Set(forms)];
  if (raw.forms !== undefined && forms.length === 0) err('forms', 'at least one written form is needed');
  if (forms.length > LIMITS.forms) err('forms', `at most ${LIMITS.forms} forms`);
  for (const f of forms) {
    if ([...f].length < 2) err('forms', `"${f}" is too short (2 characters at least)`);
    else if ([...f].length > LIMITS.formChars) err('forms', `"${f.slice(0, 12)}…" is longer than ${LIMITS.formChars} characters`);
    else if (!HAN.test(f)) err('forms', `"${f}" has no Chinese character`);
    else if (/[\n\r\t]/.test(f)) err('forms', `"${f}" contains a line break or tab`);
  }
  const pinyin = str(raw.pinyin);
  const english = str(raw.english);
  const note = typeof raw.note === 'string' ? raw.note.replace(/\r\n?/g, '\n').trim() : raw.note === undefined || raw.note === null ? '' : null;
  if (pinyin === null) err('pinyin', 'must be text');
  else if (pinyin.length > LIMITS.pinyin) err('pinyin', `longer than ${LIMITS.pinyin} characters`);
  if (english === null) err('english', 'must be text');
  else if (!english) err('english', 'empty: give an English rendering');
  else if (english.length > LIMITS.english) err('english', `longer than ${LIMITS.english} characters`);
  if (note === null) err('note', 'must be text');
  else if (note.length > LIMITS.note) err('note', `longer than ${LIMITS.note} characters`);
  if (errors.length) return { errors };
  return { term: { forms, pinyin: pinyin as string, english: english as string, note: note as string }, errors };
}

/** A stored list read back: anything malformed is dropped rather than breaking the reader. */
export function sanitizeStored(x: unknown): UserTerm[] {
  if (!Array.isArray(x)) return [];
  const out: UserTerm[] = [];
  for (const t of x) {
    if (typeof t !== 'object' || t === null) continue;
    const r = t as Partial<UserTerm>;
    const { term } = validateTerm(r);
    if (!term || typeof r.id !== 'string') continue;
    const derived = Array.isArray(r.derived) ? r.derived.filter((d): d is string => typeof d === 'string' && d.length >= 2 && d.length <= LIMITS.formChars) : [];
    out.push({ ...term, id: r.id, derived, created: Number(r.created) || 0, updated: Number(r.updated) || 0 });
  }
  return out;
}

// ---- JSON ----

export function exportJson(terms: readonly UserTerm[], now = new Date()): string {
  return (
    JSON.stringify(
      {
        format: USER_TERMS_FORMAT,
        version: USER_TERMS_VERSION,
        exported: now.toISOString(),
        terms: terms.map((t) => ({ forms: t.forms, pinyin: t.pinyin, english: t.english, note: t.note })),
      },
      null,
      2,
    ) + '\n'
  );
}

export function parseJson(text: string): TermInput[] {
  const data = parseJsonFile(text, (m) => new ImportError([], m));
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== USER_TERMS_FORMAT)
    throw new ImportError([], `This JSON file is not a Bilingual Reader terms export (no "format": "${USER_TERMS_FORMAT}").`);
  const d = data as { version?: unknown; terms?: unknown };
  if (d.version !== USER_TERMS_VERSION) throw new ImportError([], `Unsupported terms file version ${String(d.version)}; this version reads ${USER_TERMS_VERSION}.`);
  if (!Array.isArray(d.terms)) throw new ImportError([], 'The file has no "terms" list.');
  return collect(d.terms.map((t, i) => validateTerm(typeof t === 'object' && t !== null ? t : { forms: undefined }, i + 1)));
}

// ---- CSV (forms separated by "|") ----

export const CSV_HEADER = ['forms', 'pinyin', 'english', 'note'] as const;

export function exportCsv(terms: readonly UserTerm[]): string {
  return toCsvText(CSV_HEADER, terms.map((t) => [t.forms.join('|'), t.pinyin, t.english, t.note]));
}

/** Splits CSV text into rows of fields; a malformed file is refused with its line. */
export function parseCsvRows(text: string): { line: number; fields: string[] }[] {
  try {
    return csvRows(text);
  } catch (e) {
    if (e instanceof CsvError) throw new ImportError([{ line: e.line, field: 'row', message: e.message }]);
    throw e;
  }
}

export function parseCsv(text: string): TermInput[] {
  const rows = parseCsvRows(text);
  if (rows.length === 0) throw new ImportError([], 'The CSV file is empty.');
  const header = rows[0]!.fields.map((h) => h.trim().toLowerCase());
  const missing = CSV_HEADER.filter((h) => h !== 'note' && h !== 'pinyin' && !header.includes(h));
  if (missing.length) throw new ImportError([{ line: 1, field: 'header', message: `missing column ${missing.join(', ')} (expected ${CSV_HEADER.join(',')})` }]);
  const col = (name: string) => header.indexOf(name);
  return collect(
    rows.slice(1).map(({ line, fields }) => {
      if (fields.length > header.length) return { errors: [{ line, field: 'row', message: `${fields.length} fields, header has ${header.length}` }] };
      const get = (name: string) => (col(name) >= 0 ? unguardField(fields[col(name)] ?? '') : undefined);
      return validateTerm({ forms: get('forms') ?? '', pinyin: get('pinyin'), english: get('english'), note: get('note') }, line);
    }),
  );
}

function collect(results: { term?: TermInput; errors: FieldError[] }[]): TermInput[] {
  const errors = results.flatMap((r) => r.errors);
  if (errors.length) throw new ImportError(errors);
  if (results.length > LIMITS.terms) throw new ImportError([], `Too many terms (${results.length}); at most ${LIMITS.terms}.`);
  return results.map((r) => r.term!);
}

// ---- merging ----

const key = (t: { forms: string[]; english: string }) => `${[...t.forms].sort().join('|')}\u0000${t.english}`;

/** Adds imported terms that are not already there (same forms and English). Never removes or changes existing ones. */
export function mergeTerms(existing: readonly UserTerm[], incoming: readonly TermInput[], make: (t: TermInput) => UserTerm): { terms: UserTerm[]; added: number; skipped: number } {
  const seen = new Set(existing.map(key));
  const terms = [...existing];
  let added = 0;
  let skipped = 0;
  for (const t of incoming) {
    if (seen.has(key(t))) {
      skipped++;
      continue;
    }
    seen.add(key(t));
    terms.push(make(t));
    added++;
  }
  if (terms.length > LIMITS.terms) throw new ImportError([], `This would make ${terms.length} terms; at most ${LIMITS.terms}.`);
  return { terms, added, skipped };
}

export function newTermId(): string {
  return `user-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
