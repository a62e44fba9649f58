import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';


// Layers (ARCHITECTURE.md): imports point down only.
//   entrypoints → components, composables → utils/extension, utils/dom → utils/core
// utils/core is pure (no DOM, no extension APIs); utils/dom works on pages; utils/extension on
// storage and messaging. A deliberate upward import fails `npm run lint` (tests/unit/layers.test.ts).
const up = (names, message) =>
  names.map((name) => {
    const leaf = name.split('/').pop();
    return { group: [`@/${name}`, `@/${name}/**`, `**/${name}/**`, `../${leaf}/**`, `../../${leaf}/**`, `../../../${leaf}/**`], message };
  });
// Page text, glossary data and notes are always rendered as text.
const TEXT_ONLY = [
  { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Render text, never HTML.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Render text, never HTML.' },
];
const ENTRY = up(['entrypoints'], 'Entrypoints compose everything; nothing imports them.');
const UI = up(['components', 'composables'], 'UI sits above utils; utils never import it.');
export const layerRules = [
  {
    files: ['utils/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        ...ENTRY, ...UI,
        ...up(['utils/dom', 'utils/extension'], 'utils/core is pure: no DOM or extension code.'),
        { group: ['wxt/**', 'webextension-polyfill', 'vue', '@floating-ui/**'], message: 'utils/core is pure: no extension APIs, no UI.' },
      ], paths: [{ name: '#imports', message: 'utils/core is pure: no extension APIs.' }] }],
      'no-restricted-globals': ['error', 'document', 'window', 'browser', 'chrome', 'navigator', 'location', 'MutationObserver', 'Node', 'Element', 'HTMLElement'],
    },
  },
  {
    files: ['utils/dom/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        ...ENTRY, ...UI,
        ...up(['utils/extension'], 'utils/dom works on the page only: storage and messaging live in utils/extension.'),
        { group: ['wxt/browser', 'webextension-polyfill'], message: 'utils/dom uses no extension APIs.' },
      ], paths: [{ name: '#imports', message: 'utils/dom uses no extension APIs.' }] }],
      'no-restricted-globals': ['error', 'browser', 'chrome'],
    },
  },
  {
    files: ['utils/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...ENTRY, ...UI, ...up(['utils/dom'], 'utils/extension does not touch the page.')] }],
    },
  },
  {
    files: ['composables/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ENTRY }] },
  },
  {
    // Components render what composables give them; asking other contexts is a composable's job.
    files: ['components/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        ...ENTRY,
        { group: ['@/utils/extension/messaging', '**/extension/messaging'], message: 'Components get data through composables, not by messaging.' },
      ] }],
      'no-restricted-syntax': ['error', ...TEXT_ONLY,
        { selector: "CallExpression[callee.property.name='sendMessage']", message: 'Components get data through composables, not by messaging.' },
        { selector: "MemberExpression[property.name='onMessage']", message: 'Components get data through composables, not by messaging.' },
      ],
    },
  },
];

export default [
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench/tmp/**', 'assets/glossary/*.json'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    rules: {
      'vue/no-v-html': 'error',
      'no-restricted-syntax': ['error', ...TEXT_ONLY],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // Tests build fixture DOMs from strings on purpose.
    files: ['tests/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'tests/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', chrome: 'readonly', document: 'readonly', window: 'readonly', performance: 'readonly', setTimeout: 'readonly', URL: 'readonly' } },
  },
  ...layerRules,
];
