// The page cannot press our buttons or type into our fields.
/** Events a page script could dispatch at our buttons and fields to act for the reader. */
const ACTION_EVENTS = ['click', 'dblclick', 'auxclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'input', 'change', 'beforeinput', 'submit'];

/**
 * Our popover, toolbar and card act only on the reader's own input: a synthetic event (a page's
 * script calling click() or dispatchEvent on our elements) is stopped before any handler of ours.
 */
export function trustedOnly(root: Node): void {
  for (const type of ACTION_EVENTS)
    root.addEventListener(
      type,
      (e) => {
        if (e.isTrusted) return;
        e.stopImmediatePropagation();
        e.preventDefault();
      },
      { capture: true },
    );
}
