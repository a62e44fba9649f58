import './highlights.css';
import { Reader } from './reader';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // highlights.css goes into the manifest so it is in place before the page's first layout.
  // The page UI brings its own styles into its shadow root (see reader-ui.ts).
  cssInjectionMode: 'manifest',
  main(ctx) {
    new Reader(ctx).start();
  },
});
