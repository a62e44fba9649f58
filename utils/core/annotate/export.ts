// Export formats for highlights, and the import check. Pure.
import { isAnnotation, noteOf, quoteOf, type Annotation } from '@/utils/core/annotate/types';
import { firstForeignSource } from '@/utils/core/annotate/revisions';
import { isHttpUrl } from '@/utils/core/annotate/url';

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
    // Only a web page becomes a link: a stored source from an older version could be anything.
    out.push(isHttpUrl(p.source) ? `## [${mdEscape(p.title || p.source)}](${p.source.replace(/\)/g, '%29')})` : `## ${mdEscape(p.title || p.source)}`, '');
    for (const a of p.items) {
      out.push(`> ${mdEscape(quoteOf(a).exact).replace(/\n/g, '\n> ')}`);
      const note = noteOf(a);
      if (note) out.push('', ...note.split('\n').map((l) => mdEscape(l)));
      out.push('', `*${a.color} · ${a.created.slice(0, 10)}*`, '');
    }
  }
  return out.join('\n');
}

// A cell a spreadsheet would read as a formula starts with one of these (tab and carriage return
// included: some spreadsheets drop them and read what follows); it gets a leading apostrophe.
const FORMULA = /^[=+\-@\t\r]/;
const csv = (s: string) => (/[",\n\r\t]/.test(s) || FORMULA.test(s) ? `"${(FORMULA.test(s) ? "'" : '') + s.replace(/"/g, '""')}"` : s);

export function toCsv(pages: readonly PageHighlights[]): string {
  const rows = ['page,url,quote,note,color,created'];
  for (const p of pages) for (const a of p.items) rows.push([p.title, p.source, quoteOf(a).exact, noteOf(a), a.color, a.created].map(csv).join(','));
  return rows.join('\r\n') + '\r\n';
}

/** Reads our JSON export; refuses anything else with a message that says why. */
export function parseImport(text: string): Annotation[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`This is not a JSON file (${e instanceof Error ? e.message : 'parse error'}).`);
  }
  const d = data as { type?: unknown; items?: unknown };
  if (!d || d.type !== 'AnnotationCollection' || !Array.isArray(d.items)) throw new Error('This JSON file is not a Bilingual Reader highlights export (no AnnotationCollection).');
  const bad = d.items.findIndex((a) => !isAnnotation(a));
  if (bad >= 0) throw new Error(`Highlight ${bad + 1} is malformed; nothing was imported.`);
  const foreign = firstForeignSource(d.items as Annotation[]);
  if (foreign) throw new Error(`Highlight ${foreign} does not belong to a web page (its source is not an http or https URL); nothing was imported.`);
  return d.items as Annotation[];
}
