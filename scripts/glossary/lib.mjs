// Shared by glossary:check and glossary:build: load the category files, validate, cross-check.
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import Ajv from 'ajv';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

export const GLOSSARY_DIR = new URL('../../assets/glossary/', import.meta.url).pathname;

const NOT_CATEGORIES = new Set(['schema.json', 'blockers.json', 'coverage-exclusions.json']);

/** Blockers: runs that contain a form by accident (see assets/glossary/blockers.json). */
export function loadBlockers(dir = GLOSSARY_DIR) {
  const data = JSON.parse(readFileSync(join(dir, 'blockers.json'), 'utf8'));
  const errors = [];
  const forms = [];
  for (const [i, b] of (data.blockers ?? []).entries()) {
    if (typeof b?.form !== 'string' || b.form.length < 2) errors.push(`blockers.json: blocker ${i} has no form of 2+ characters`);
    else if (typeof b.reason !== 'string' || !b.reason.trim()) errors.push(`blockers.json: blocker ${b.form} has no reason`);
    else forms.push(b.form);
  }
  return { forms, errors };
}

/** Quoted terms the coverage check need not find in the glossary, each with its one-line reason. */
export function loadExclusions(dir = GLOSSARY_DIR) {
  const data = JSON.parse(readFileSync(join(dir, 'coverage-exclusions.json'), 'utf8'));
  const errors = [];
  const reasons = new Map();
  for (const [i, x] of (data.exclusions ?? []).entries()) {
    if (typeof x?.term !== 'string' || !x.term.trim()) errors.push(`coverage-exclusions.json: exclusion ${i} has no term`);
    else if (typeof x.reason !== 'string' || !x.reason.trim() || x.reason.includes('\n')) errors.push(`coverage-exclusions.json: "${x.term}" needs a one-line reason`);
    else if (reasons.has(x.term)) errors.push(`coverage-exclusions.json: "${x.term}" is listed twice`);
    else reasons.set(x.term, x.reason.trim());
  }
  return { reasons, errors };
}

export function listSourceFiles(dir = GLOSSARY_DIR) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !NOT_CATEGORIES.has(f))
    .sort()
    .map((f) => join(dir, f));
}

export function loadFiles(files) {
  const out = [];
  for (const file of files) {
    let data;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      out.push({ file, error: `not valid JSON: ${e.message}` });
      continue;
    }
    out.push({ file, data });
  }
  return out;
}

let cnToTw;
function toTaiwan(s) {
  cnToTw ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
  return cnToTw(s);
}

/**
 * Tone-marked pinyin of a word as pinyin-pro reads it, syllables joined without spaces.
 * Base tones, no sandhi: GB/T 16159-2012 and dictionaries write 一带一路 yīdài yīlù and 不忘 bùwàng.
 */
export function referencePinyin(word) {
  return pinyin(word, { type: 'array', toneType: 'symbol', nonZh: 'consecutive', toneSandhi: false }).join('');
}

// Only letters count: spacing, apostrophes and any punctuation pinyin-pro copies from the headword (、) do not.
const normPinyin = (p) => p.toLowerCase().normalize('NFC').replace(/[^\p{L}]/gu, '');

/**
 * Validates every file and the set as a whole. Returns { errors: string[], warnings: string[], entries }.
 * @param {{file:string,data?:any,error?:string}[]} loaded
 */
export function checkGlossary(loaded, { crossFile = true } = {}) {
  const ajv = new Ajv({ allErrors: true });
  const schema = JSON.parse(readFileSync(join(GLOSSARY_DIR, 'schema.json'), 'utf8'));
  const validate = ajv.compile(schema);
  const errors = [];
  const warnings = [];
  const entries = [];
  for (const { file, data, error } of loaded) {
    const name = basename(file);
    if (error) {
      errors.push(`${name}: ${error}`);
      continue;
    }
    if (!validate(data)) {
      for (const e of validate.errors ?? []) {
        const where = e.instancePath.replace(/^\/entries\/(\d+)/, (_, i) => `entry ${i} (${data.entries?.[i]?.id ?? '?'})`);
        errors.push(`${name}: ${where || 'root'} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`);
      }
      continue;
    }
    if (basename(file, '.json') !== data.category) errors.push(`${name}: file name must match its category "${data.category}"`);
    for (const entry of data.entries) {
      if (entry.category !== data.category) errors.push(`${name}: ${entry.id} has category ${entry.category}, file is ${data.category}`);
      entries.push({ ...entry, file: name });
    }
  }

  const ids = new Map();
  const forms = new Map();
  for (const e of entries) {
    if (ids.has(e.id)) errors.push(`duplicate id ${e.id} (${ids.get(e.id).file} and ${e.file})`);
    ids.set(e.id, e);
    const tw = toTaiwan(e.simplified);
    if (tw !== e.traditional && !e.traditionalReason)
      errors.push(`${e.file}: ${e.id}: traditional "${e.traditional}" differs from opencc cn→tw "${tw}" and has no traditionalReason`);
    const ref = referencePinyin(e.simplified);
    if (normPinyin(ref) !== normPinyin(e.pinyin) && !e.pinyinReason)
      errors.push(`${e.file}: ${e.id}: pinyin "${e.pinyin}" differs from pinyin-pro "${ref}" and has no pinyinReason`);
    if (!/\s/.test(e.pinyin) && [...e.simplified].length > 2 && !e.pinyinReason)
      warnings.push(`${e.file}: ${e.id}: pinyin "${e.pinyin}" is not word-spaced`);
    for (const form of new Set([e.simplified, e.traditional, ...(e.variants ?? [])])) {
      const prev = forms.get(form);
      if (prev && prev.id !== e.id && !(prev.ambiguous && e.ambiguous))
        errors.push(`form "${form}" maps to both ${prev.id} (${prev.file}) and ${e.id} (${e.file}); mark both ambiguous if intended`);
      forms.set(form, e);
    }
    if (e.official && (typeof e.englishSource !== 'object' || !e.englishSource.title || !e.englishSource.year))
      errors.push(`${e.file}: ${e.id}: official English needs englishSource {title, year} naming the document it comes from`);
    if (e.expands) for (const [i, x] of e.expands.entries()) if (!x.zh.trim() || !x.en.trim()) errors.push(`${e.id}: expands[${i}] lacks a language`);
  }
  if (crossFile)
    for (const e of entries)
      for (const r of e.related ?? []) if (!ids.has(r)) errors.push(`${e.file}: ${e.id}: related id "${r}" does not exist`);
  return { errors, warnings, entries };
}
