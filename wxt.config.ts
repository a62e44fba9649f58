import { defineConfig } from 'wxt';
// @ts-expect-error: plain ESM build script without type declarations
import { compileGlossary } from './scripts/glossary/compile.mjs';
// @ts-expect-error: plain ESM build script without type declarations
import { compileDictionary } from './scripts/dict/build.mjs';
// @ts-expect-error: plain ESM build script without type declarations
import { dictAssets } from './scripts/opencc/dicts.mjs';
import { DICT_NAMES } from './utils/core/convert/modes';
import { tsImport } from 'tsx/esm/api';

// Firefox needs a stable add-on id for storage to survive reinstalls.
const GECKO_ID = 'bilingual-reader@bilingual-reader.app';

export default defineConfig({
  modules: ['@wxt-dev/module-vue', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: browser === 'firefox' ? ['storage', 'unlimitedStorage', 'contextMenus', 'scripting'] : ['storage', 'unlimitedStorage', 'contextMenus', 'scripting', 'sidePanel'],
    // The same hosts the content script runs on, no more: the background needs them to inject the
    // page UI and converters into a page only when the reader is on there.
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140 ESR is the oldest supported Firefox, and the first to read the declaration below.
              strict_min_version: '140.0',
              // Nothing leaves the browser (README, Privacy): no data types to declare.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads the declaration from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  webExt: { disabled: true },
  hooks: {
    // The glossary is compiled from its sources on every build; a glossary error fails the build.
    // It ships in pieces (forms, ids, entry chunks): see utils/core/glossary/shipped.ts.
    'build:publicAssets': async (_wxt, files) => {
      const { index, errors } = compileGlossary();
      if (errors.length) throw new Error(`Glossary has ${errors.length} error(s); run npm run glossary:check\n${errors.slice(0, 10).join('\n')}`);
      // Through tsx: the config's own loader does not resolve the code's `@/` imports.
      const { glossaryFiles } = (await tsImport('./utils/core/glossary/shipped.ts', import.meta.url)) as typeof import('./utils/core/glossary/shipped');
      for (const f of glossaryFiles(index)) files.push({ relativeDest: f.path, contents: f.contents });
      // CC-CEDICT likewise: a missing or corrupt source throws here with what is wrong.
      for (const f of compileDictionary().files as { path: string; contents: string }[]) files.push({ relativeDest: f.path, contents: f.contents });
      // OpenCC's dictionaries, fetched by the background when a conversion needs them.
      files.push(...(dictAssets(DICT_NAMES) as { relativeDest: string; contents: string }[]));
    },
  },
});
