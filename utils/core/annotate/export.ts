// Export formats for highlights, and the import check. Pure.
import { parseJsonFile } from '@/utils/core/files/json';
import { toCsvText } from '@/utils/core/files/csv';
import { isAnnotation, noteOf, quoteOf, type Annotation } from '@/utils/core/annotate/types';

export interface PageHighlights {
  source: string;
  title: string;
  items: Annotation[];
}

export function toJson(pages: readonly PageHighlights[], now = new Date()): string {
  const items = pages.flatMap((p) => p.items);
  return JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', label: 'Bilingual Reader highlights', generated: now.toISOString(), total: items.length, items }, null, 2) + '\n';
}

const mdEscape = (s: string) => s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');

export function toMarkdown(pages: readonly PageHighlights[]): string {
  const out: string[] = ['# Highlights', ''];
  for (const p of pages) {
    out.push(`## [${mdEscape(p.title || p.source)}](${p.source.replace(/\)/g, '%29')})`, '');
    for (const a of p.items) {
      out.push(`> ${mdEscape(quoteOf(a).exact).replace(/\n/g, '\n> ')}`);
      const note = noteOf(a);
      if (note) out.push('', ...note.split('\n').map((l) => mdEscape(l)));
      out.push('', `*${a.color} · ${a.created.slice(0, 10)}*`, '');
    }
  }
  return out.join('\n');
}

export function toCsv(pages: readonly PageHighlights[]): string {
  const rows = pages.flatMap((p) => p.items.map((a) => [p.title, p.source, quoteOf(a).exact, noteOf(a), a.color, a.created]));
  return toCsvText(['page', 'url', 'quote', 'note', 'color', 'created'], rows);
}

/** Reads our JSON export; refuses anything else with a message that says why. */
export function parseImport(text: string): Annotation[] {
  const data = parseJsonFile(text);
  const d = data as { type?: unknown; items?: unknown };
  if (!d || d.type !== 'AnnotationCollection' || !Array.isArray(d.items)) throw new Error('This JSON file is not a Bilingual Reader highlights export (no AnnotationCollection).');
  const bad = d.items.findIndex((a) => !isAnnotation(a));
  if (bad >= 0) throw new Error(`Highlight ${bad + 1} is malformed; nothing was imported.`);
  return d.items as Annotation[];
}
