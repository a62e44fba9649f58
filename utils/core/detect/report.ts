// Report detection: an explainable score over page text and URL. Pure; knows nothing of the DOM.
// Every list holds both scripts so the seed (machine-converted Traditional) and mainland pages score alike.

import { cjkStats, guessScript, type Script } from '@/utils/core/text/cjk';

export interface DetectBlock {
  text: string;
  /** Upper-case tag of the block's element (H1, P, DIV…). */
  tag: string;
}

export interface DetectInput {
  url: string;
  title: string;
  blocks: DetectBlock[];
  /** Distinct glossary terms found on the page, once the glossary has run. */
  distinctTerms?: number;
}

export type ReasonId =
  | 'chinese'
  | 'title-doc-type'
  | 'heading-doc-type'
  | 'issuer'
  | 'addressee'
  | 'sections'
  | 'subsections'
  | 'signature-date'
  | 'gov-domain'
  | 'glossary-density';

export interface Reason {
  id: ReasonId;
  points: number;
  /** What was seen: a word, a count, a host. Shown to the reader as is. */
  evidence: string;
}

export interface Detection {
  isReport: boolean;
  /** True when the page is mostly Chinese text. */
  isChinese: boolean;
  score: number;
  reasons: Reason[];
  script: Script;
  /** Share of Han characters among letters, 0..1. */
  cjkShare: number;
}

export const REPORT_THRESHOLD = 6;
/** Below this share of Han characters the page is not Chinese for us. */
export const CHINESE_SHARE = 0.3;
/** How much text detection reads: the start of a document tells what it is. */
const SAMPLE_CHARS = 60_000;
/** Character statistics need far less than the structural signals. */
const STATS_CHARS = 8_000;

// Document types, longest first so the reason shows the most specific one.
const DOC_TYPES = [
  '法治政府建設情況的報告', '法治政府建设情况的报告', '政府工作報告', '政府工作报告', '情況的報告', '情况的报告',
  '工作報告', '工作报告', '法治政府建設', '法治政府建设', '實施細則', '实施细则', '實施方案', '实施方案', '實施意見', '实施意见',
  '白皮書', '白皮书', '報告', '报告', '通知', '決定', '决定', '意見', '意见', '辦法', '办法', '規定', '规定', '條例', '条例',
  '公告', '通告', '公報', '公报', '批覆', '批復', '批复', '綱要', '纲要', '規劃', '规划', '決議', '决议', '命令', '令',
];
// "令" alone is too common inside text; it only counts at the end of a title.
const TITLE_ONLY_SUFFIX = new Set(['令', '命令']);

const ISSUERS = [
  '人民代表大會常務委員會', '人民代表大会常务委员会', '人民代表大會', '人民代表大会', '人大常委會', '人大常委会',
  '人民政府辦公廳', '人民政府办公厅', '人民政府辦公室', '人民政府办公室', '人民政府', '國務院', '国务院',
  '辦公廳', '办公厅', '委員會', '委员会', '司法廳', '司法厅', '司法局', '人民法院', '人民檢察院', '人民检察院',
  '發展和改革', '发展和改革', '監督管理局', '监督管理局', '省委', '市委', '縣委', '县委', '政府辦', '政府办',
];

const GOV_HOSTS = [/\.gov\.cn$/, /(^|\.)gov\.cn$/, /\.gov\.tw$/, /\.gov\.hk$/, /\.gov\.mo$/, /(^|\.)npc\.gov\.cn$/, /(^|\.)court\.gov\.cn$/, /(^|\.)(chinacourt|spp|ccdi)\.(org|gov)\.cn$/];

const SECTION = /^\s*[一二三四五六七八九十]{1,3}[、.．]/;
const SUBSECTION = /^\s*[（(][一二三四五六七八九十]{1,3}[）)]/;
const ARABIC_SECTION = /^\s*\d{1,2}[.．、]\s*\S/;
const DATE_LINE = /^\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$/;
const ADDRESSEE = /^[\u4e00-\u9fff、，,]{2,40}[：:]\s*$/;

function firstMatch(text: string, words: readonly string[]): string | null {
  for (const w of words) if (text.includes(w)) return w;
  return null;
}

/** The issuing body named at the start of a title ("湖州市人民政府关于…"), or the bare word. */
function issuerIn(title: string): string | null {
  const word = firstMatch(title, ISSUERS);
  if (!word) return null;
  const m = title.match(/^\s*(.{2,40}?)(关于|關於)/);
  if (m && m[1]!.includes(word)) return m[1]!.trim();
  return word;
}

function titleDocType(title: string): string | null {
  for (const w of DOC_TYPES) {
    if (TITLE_ONLY_SUFFIX.has(w)) {
      if (title.trim().endsWith(w)) return w;
    } else if (title.includes(w)) return w;
  }
  return null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** Han share of a text sample; the cheap first gate every page goes through. */
export function chineseShare(text: string): number {
  const { han, letters, kana } = cjkStats(text, STATS_CHARS);
  // Any real share of kana means Japanese, however many kanji it uses.
  if (letters === 0 || kana > letters * 0.05) return 0;
  return han / letters;
}

export function detectReport(input: DetectInput): Detection {
  const reasons: Reason[] = [];
  // Sample: the title plus blocks up to SAMPLE_CHARS. Each block's text is read once (a page-text
  // model reads it from the page at each use), with the last blocks', where a signature is.
  const read = (b: DetectBlock): DetectBlock => ({ tag: b.tag, text: b.text });
  const sample: DetectBlock[] = [];
  let taken = 0;
  for (const b of input.blocks) {
    if (taken >= SAMPLE_CHARS) break;
    const r = read(b);
    sample.push(r);
    taken += r.text.length;
  }
  const last = input.blocks.slice(-40).map(read);
  const head = (input.title + '\n' + sample.map((b) => b.text).join('\n')).slice(0, STATS_CHARS);
  const share = chineseShare(head);
  const script = guessScript(head).script;
  const isChinese = share >= CHINESE_SHARE && cjkStats(head).han >= 20;
  if (!isChinese) {
    return { isReport: false, isChinese, score: 0, reasons, script, cjkShare: share };
  }
  reasons.push({ id: 'chinese', points: 1, evidence: `${Math.round(share * 100)}%` });

  // The document's own title: <title>, or the first heading when the site title is generic.
  const headings = sample.filter((b) => /^H[1-3]$/.test(b.tag) && b.text.trim().length <= 80);
  const titleWord = titleDocType(input.title);
  if (titleWord) reasons.push({ id: 'title-doc-type', points: 3, evidence: titleWord });
  const headingWord = headings.map((h) => titleDocType(h.text.trim())).find(Boolean);
  if (headingWord && headingWord !== titleWord) reasons.push({ id: 'heading-doc-type', points: titleWord ? 1 : 3, evidence: headingWord });

  const titleIssuer = [input.title, ...headings.map((h) => h.text)].map(issuerIn).find(Boolean) ?? null;
  const shortBlocks = sample.filter((b) => b.text.trim().length > 0 && b.text.trim().length <= 40);
  // The signature names the issuer on a line of its own, at the end.
  const tail = last.filter((b) => b.text.trim().length <= 40);
  const lineIssuer = [...tail].reverse().map((b) => (firstMatch(b.text, ISSUERS) ? b.text.trim() : null)).find(Boolean) ?? null;
  if (titleIssuer || lineIssuer) reasons.push({ id: 'issuer', points: titleIssuer ? 3 : 2, evidence: (titleIssuer ?? lineIssuer)! });

  const addressee = shortBlocks.find((b) => ADDRESSEE.test(b.text.trim()) && firstMatch(b.text, ISSUERS));
  if (addressee) reasons.push({ id: 'addressee', points: 1, evidence: addressee.text.trim() });

  let sections = 0;
  let subsections = 0;
  let arabic = 0;
  for (const b of sample) {
    if (SECTION.test(b.text)) sections++;
    else if (SUBSECTION.test(b.text)) subsections++;
    else if (ARABIC_SECTION.test(b.text)) arabic++;
  }
  if (sections >= 2) reasons.push({ id: 'sections', points: 2, evidence: String(sections) });
  if (subsections >= 2) reasons.push({ id: 'subsections', points: 1, evidence: String(subsections) });
  else if (sections < 2 && arabic >= 3) reasons.push({ id: 'sections', points: 1, evidence: String(arabic) });

  // A signature date stands alone on its line, usually right after the issuer, near the end.
  const dated = [...last].reverse().find((b) => DATE_LINE.test(b.text));
  if (dated) reasons.push({ id: 'signature-date', points: 2, evidence: dated.text.trim() });

  const host = hostOf(input.url);
  if (host && GOV_HOSTS.some((re) => re.test(host))) reasons.push({ id: 'gov-domain', points: 3, evidence: host });

  const density = densityReason(input.distinctTerms);
  if (density) reasons.push(density);

  return { ...reportVerdict(reasons), isChinese, reasons, script, cjkShare: share };
}

/** Distinct glossary terms on the page, once they are known: the only reason that is not read from the text. */
function densityReason(distinctTerms: number | undefined): Reason | null {
  const terms = distinctTerms ?? 0;
  return terms >= 5 ? { id: 'glossary-density', points: terms >= 15 ? 3 : 2, evidence: String(terms) } : null;
}

/**
 * A detection of the same text with another count of distinct glossary terms: the same as
 * detecting again, without reading the page again (matching ends with a count; the text has not
 * changed since it was detected, or a re-detection is on its way).
 */
export function withDistinctTerms(d: Detection, distinctTerms: number | undefined): Detection {
  if (!d.isChinese) return d;
  const reasons = d.reasons.filter((r) => r.id !== 'glossary-density');
  const density = densityReason(distinctTerms);
  if (density) reasons.push(density);
  return { ...d, ...reportVerdict(reasons), reasons };
}

/**
 * The score of a Chinese page's reasons, and whether they make a report: enough points, from at
 * least two kinds of evidence. One strong signal is not enough: a news story can carry "报告" in
 * its title, and a heading can repeat it.
 */
export function reportVerdict(reasons: readonly Reason[]): { score: number; isReport: boolean } {
  const score = reasons.reduce((s, r) => s + r.points, 0);
  const kinds = new Set(reasons.filter((r) => r.id !== 'chinese').map((r) => kindOf(r.id)));
  return { score, isReport: score >= REPORT_THRESHOLD && kinds.size >= 2 };
}

function kindOf(id: ReasonId): string {
  switch (id) {
    case 'title-doc-type':
    case 'heading-doc-type':
      return 'doc-type';
    case 'sections':
    case 'subsections':
      return 'structure';
    case 'issuer':
    case 'addressee':
      return 'issuer';
    default:
      return id;
  }
}
