// Compiles assets/glossary/*.json into the index the extension loads (see utils/core/glossary/types.ts).
// Derived forms: what opencc produces from the simplified form for every Traditional mode we offer,
// so a page machine-converted with Taiwan phrasing (規範性檔案) or Hong Kong forms still matches.
import * as OpenCC from 'opencc-js';
import { checkGlossary, listSourceFiles, loadBlockers, loadFiles } from './lib.mjs';

import { readFileSync } from 'node:fs';

const converters = () => ['t', 'tw', 'twp', 'hk'].map((to) => OpenCC.Converter({ from: 'cn', to }));

/**
 * Rewrites a Traditional form into the Taiwan wording that machine conversion produces
 * (縣鄉法治政府行動計劃 → …行動計畫), from our own phrase table, which conversion uses too.
 */
function taiwanPhrasing() {
  const table = JSON.parse(readFileSync(new URL('../../assets/phrases/mainland-taiwan.json', import.meta.url), 'utf8'));
  const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const pairs = table.pairs.map((p) => [toTw(p.cn), p.tw]).filter(([a, b]) => a !== b);
  pairs.sort((a, b) => b[0].length - a[0].length);
  return (form) => {
    let out = form;
    for (const [from, to] of pairs) out = out.split(from).join(to);
    return out;
  };
}

/** The popover shows a source as one line; the address stays separate so it can be copied whole. */
export function sourceText(src) {
  if (typeof src === 'string') return { text: src };
  const text = `${src.title} (${src.year})${src.note ? `; ${src.note}` : ''}`;
  return src.url ? { text, url: src.url } : { text };
}

/** @returns {{ index: import('../../utils/core/glossary/types').CompiledGlossary, errors: string[], warnings: string[] }} */
export function compileGlossary(files = listSourceFiles()) {
  const { errors, warnings, entries } = checkGlossary(loadFiles(files));
  const blockers = loadBlockers();
  errors.push(...blockers.errors);
  const convs = converters();
  const phrase = taiwanPhrasing();
  const forms = new Map();
  const owner = (form, i) => {
    if (!forms.has(form)) forms.set(form, i);
  };
  // Authored forms first: they win over a derived form that happens to collide.
  entries.forEach((e, i) => {
    for (const f of [e.simplified, e.traditional, ...(e.variants ?? [])]) owner(f, i);
  });
  entries.forEach((e, i) => {
    for (const f of [e.simplified, ...(e.variants ?? [])])
      for (const c of convs) {
        const t = c(f);
        owner(t, i);
        owner(phrase(t), i);
      }
  });
  // Chinese prose is authored in Simplified; the Traditional text is derived here with the full
  // phrase tables, so the extension never loads them just to show a definition.
  const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const compiled = entries.map((e) => {
    const def = { en: e.definition.en, zh: e.definition.zh, zht: toTw(e.definition.zh) };
    const out = { id: e.id, s: e.simplified, t: e.traditional, p: e.pinyin, en: e.english, off: e.official, def, cat: e.category };
    if (e.alternatives?.length) out.alt = e.alternatives;
    if (e.englishSource) {
      const { text, url } = sourceText(e.englishSource);
      out.src = text;
      if (url) out.srcu = url;
    }
    if (e.expands?.length) out.ex = e.expands.map((x) => ({ zh: x.zh, zht: toTw(x.zh), en: x.en }));
    if (e.related?.length) out.rel = e.related;
    if (e.basis) {
      out.basis = e.basis;
      out.basist = toTw(e.basis);
    }
    if (e.since) out.since = e.since;
    return out;
  });
  const index = {
    format: 1,
    count: compiled.length,
    entries: compiled,
    forms: [...forms].filter(([f]) => f.length >= 2),
    blockers: blockers.forms.filter((b) => !forms.has(b)),
  };
  return { index, errors, warnings };
}
