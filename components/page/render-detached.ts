// Renders a component once into an element that is never in the page, then drops it: code the
// first real render will run is compiled while the page is idle (TermUi.warmUp).
import { createApp, h, type Component } from 'vue';

export function renderDetached(component: Component, props: Record<string, unknown>): void {
  const app = createApp({ render: () => h(component, props) });
  app.mount(document.createElement('div'));
  app.unmount();
}
