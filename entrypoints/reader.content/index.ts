import { Reader } from './reader';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Our UI brings its own styles into its shadow root (see term-ui.ts); nothing goes into the page.
  cssInjectionMode: 'manual',
  main(ctx) {
    new Reader(ctx).start();
  },
});
