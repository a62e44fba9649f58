// @vitest-environment node
// The layer rule in eslint.config.js must refuse imports that point up (and allow those that point down).
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

// ESLint loads the TypeScript and Vue parsers on first use: seconds on a busy machine.
describe('layer rule', { timeout: 60_000 }, () => {
  it('refuses DOM, extension and UI imports in utils/core', async () => {
    expect(await layerErrors('utils/core/x.ts', "import { PageTextModel } from '@/utils/dom/text/model';\nexport const a = PageTextModel;\n")).toHaveLength(1);
    expect(await layerErrors('utils/core/x.ts', "import { settingsItem } from '../extension/storage/items';\nexport const a = settingsItem;\n")).toHaveLength(1);
    expect(await layerErrors('utils/core/x.ts', "import { storage } from '#imports';\nexport const a = storage;\n")).toHaveLength(1);
    expect(await layerErrors('utils/core/x.ts', "export const a = () => document.title;\n")).toHaveLength(1);
  });
  it('refuses upward imports from utils/dom, utils/extension and components', async () => {
    expect(await layerErrors('utils/dom/x.ts', "import { settingsItem } from '@/utils/extension/storage/items';\nexport const a = settingsItem;\n")).toHaveLength(1);
    expect(await layerErrors('utils/extension/x.ts', "import { PageTextModel } from '@/utils/dom/text/model';\nexport const a = PageTextModel;\n")).toHaveLength(1);
    expect(await layerErrors('utils/extension/x.ts', "import { useHighlights } from '@/composables/useHighlights';\nexport const a = useHighlights;\n")).toHaveLength(1);
    expect(await layerErrors('components/x.ts', "import { Reader } from '@/entrypoints/reader.content/reader';\nexport const a = Reader;\n")).toHaveLength(1);
  });
  it('refuses messaging in components: they get data through composables', async () => {
    expect(await layerErrors('components/x.ts', "import { sendToTab } from '@/utils/extension/messaging';\nexport const a = sendToTab;\n")).toHaveLength(1);
    expect(await layerErrors('components/x.ts', "import { browser } from 'wxt/browser';\nexport const a = () => browser.tabs.sendMessage(1, { type: 'hl-page' });\n")).toHaveLength(1);
    expect(await layerErrors('components/x.ts', "import { browser } from 'wxt/browser';\nbrowser.runtime.onMessage.addListener(() => undefined);\n")).toHaveLength(1);
    expect(await layerErrors('composables/x.ts', "import { sendToTab } from '@/utils/extension/messaging';\nexport const a = sendToTab;\n")).toEqual([]);
  });
  it('allows imports that point down', async () => {
    expect(await layerErrors('utils/dom/x.ts', "import { guessScript } from '@/utils/core/text/cjk';\nexport const a = guessScript;\n")).toEqual([]);
    expect(await layerErrors('entrypoints/x.ts', "import { PageTextModel } from '@/utils/dom/text/model';\nexport const a = PageTextModel;\n")).toEqual([]);
  });
});
