// The one writer of the reader's own terms (the options page). Everything goes through here.
import { ref } from 'vue';
import { getUserTerms, userTermsItem } from '@/utils/extension/storage/items';
import { exportCsv, exportJson, ImportError, mergeTerms, newTermId, parseCsv, parseJson, validateTerm, type TermInput, type UserTerm } from '@/utils/core/user-terms/model';

/** Other-script forms of what the reader typed, so a term entered in one script matches in both. */
async function deriveForms(forms: string[]): Promise<string[]> {
  // Loaded only when a term is saved: the options page never pays for it otherwise.
  const OpenCC = await import('opencc-js');
  const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const toCn = OpenCC.Converter({ from: 't', to: 'cn' });
  const out = new Set<string>();
  for (const f of forms) for (const d of [toTw(f), toCn(f)]) if (d !== f && !forms.includes(d)) out.add(d);
  return [...out];
}

async function build(t: TermInput, previous?: UserTerm): Promise<UserTerm> {
  const now = Date.now();
  return { ...t, id: previous?.id ?? newTermId(), derived: await deriveForms(t.forms), created: previous?.created ?? now, updated: now };
}

export function useUserTerms() {
  const terms = ref<UserTerm[]>([]);

  async function reload(): Promise<void> {
    terms.value = await getUserTerms();
  }

  /** Builds the new list from what is stored now, not from what this page read earlier (another window may have saved since). */
  async function write(next: (current: UserTerm[]) => Promise<UserTerm[]> | UserTerm[]): Promise<void> {
    const current = await getUserTerms();
    const updated = await next(current);
    await userTermsItem.setValue(updated);
    terms.value = updated;
  }

  async function save(input: Partial<Record<keyof TermInput, unknown>>, id?: string): Promise<UserTerm> {
    const { term, errors } = validateTerm(input);
    if (!term) throw new ImportError(errors, errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    let saved: UserTerm | undefined;
    await write(async (current) => {
      const i = id ? current.findIndex((t) => t.id === id) : -1;
      saved = await build(term, i >= 0 ? current[i] : undefined);
      return i >= 0 ? current.map((t, k) => (k === i ? saved! : t)) : [...current, saved];
    });
    return saved!;
  }

  async function remove(id: string): Promise<void> {
    await write((current) => current.filter((t) => t.id !== id));
  }

  /** Parses, validates and merges a file; refuses it whole on any error. */
  async function importFile(name: string, text: string): Promise<{ added: number; skipped: number }> {
    const isCsv = /\.csv$/i.test(name) || (!/^\s*[{[]/.test(text) && text.includes(','));
    const incoming = isCsv ? parseCsv(text) : parseJson(text);
    const built = new Map<TermInput, UserTerm>();
    for (const t of incoming) built.set(t, await build(t));
    let result = { added: 0, skipped: 0 };
    await write((current) => {
      const merged = mergeTerms(current, incoming, (t) => built.get(t)!);
      result = { added: merged.added, skipped: merged.skipped };
      return merged.terms;
    });
    return result;
  }

  return { terms, reload, save, remove, importFile, exportJson: () => exportJson(terms.value), exportCsv: () => exportCsv(terms.value) };
}
