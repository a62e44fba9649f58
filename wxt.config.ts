import { defineConfig } from 'wxt';

// Firefox needs a stable add-on id for storage to survive reinstalls.
const GECKO_ID = 'bilingual-reader@bilingual-reader.app';

export default defineConfig({
  modules: ['@wxt-dev/module-vue', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '128.0' } } }
      : {}),
  }),
  webExt: { disabled: true },
});
