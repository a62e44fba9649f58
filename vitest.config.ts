import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // Vue's plugin so components can be rendered in unit tests (WxtVitest does not add it).
  plugins: [WxtVitest(), vue()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'happy-dom',
    restoreMocks: true,
  },
});
