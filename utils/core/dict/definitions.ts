// CC-CEDICT definitions made readable: references in CC-CEDICT's syntax (著|着[zhuo2]) become the
// form in the page's script with pinyin in tone marks ("variant of 着 (zhuó)"), "CL:" lists become
// "measure word: 个 (gè)", a bare pronunciation "[zhuo2]" becomes "zhuó". Everything else is
// CC-CEDICT's text unchanged. Pure: no DOM, no extension APIs.
import { formatPinyin } from './pinyin';

export type DictScript = 'simplified' | 'traditional';

const HAN = String.raw`[\p{Unified_Ideograph}\u3006\u3007]`;
const REF_SRC = String.raw`(${HAN}+)(?:\|(${HAN}+))?\[([^\]]*)\]`;
const REF = new RegExp(REF_SRC, 'gu');
const CL = new RegExp(String.raw`CL:\s*(${REF_SRC}(?:\s*,\s*${REF_SRC})*)`, 'gu');
const BARE = /\[([A-Za-z:^]+[1-5](?: [A-Za-z:^]+[1-5])*)\]/g;

export interface DefinitionOptions {
  script: DictScript;
  /** Lets long reference pinyin be split into words (see formatPinyin). */
  isWord?: (han: string) => boolean;
}

/** "著|着[zhuo2]" → "着 (zhuó)" on a Simplified page, "著 (zhuó)" on a Traditional one. */
function formatRef(trad: string, simp: string | undefined, pinyin: string, opts: DefinitionOptions): string {
  const form = opts.script === 'traditional' || !simp ? trad : simp;
  // CC-CEDICT has a few "lu : 4" for "lu:4".
  const py = formatPinyin(pinyin.replace(/([uU])\s*:\s*(?=[1-5])/g, '$1:'), { headword: simp ?? trad, isWord: opts.isWord });
  return py ? `${form} (${py})` : form;
}

const refs = (s: string, opts: DefinitionOptions) => s.replace(REF, (_m, t: string, s2: string | undefined, p: string) => formatRef(t, s2, p, opts));

export function formatDefinition(def: string, opts: DefinitionOptions): string {
  const withCl = def.replace(CL, (_m, list: string) => {
    const items = [...list.matchAll(REF)].map((m) => formatRef(m[1]!, m[2], m[3]!, opts));
    return `${items.length > 1 ? 'measure words' : 'measure word'}: ${items.join(', ')}`;
  });
  return refs(withCl, opts).replace(BARE, (_m, p: string) => formatPinyin(p));
}

/** The entry's measure-word field ("個|个[ge4],件[jian4]") as one definition, or null. */
export function formatClassifiers(classifiers: string, opts: DefinitionOptions): string | null {
  return classifiers ? formatDefinition(`CL:${classifiers}`, opts) : null;
}
