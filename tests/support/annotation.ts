// One stored highlight for unit tests, as the store writes it (W3C Web Annotation + our fields).
import type { Annotation, HighlightColor } from '@/utils/core/annotate/types';

export interface TestAnnotation {
  id: string;
  exact?: string;
  note?: string;
  source?: string;
  color?: HighlightColor;
  rev?: number;
  prefix?: string;
  suffix?: string;
  /** where the quote starts in the page text */
  start?: number;
}

export function testAnnotation({ id, exact = '甲乙', note = '', source = 'https://a.gov.cn/r', color = 'yellow', rev, prefix = '', suffix = '', start = 0 }: TestAnnotation): Annotation {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id,
    type: 'Annotation',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    body: [{ type: 'TextualBody', value: note, format: 'text/plain', purpose: 'commenting' }],
    target: { source, title: '报告', selector: [{ type: 'TextQuoteSelector', exact, prefix, suffix }, { type: 'TextPositionSelector', start, end: start + exact.length }] },
    color,
    normalizedExact: exact,
    ...(rev !== undefined ? { rev } : {}),
  };
}
