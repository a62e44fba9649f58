// Small type guards for checking what crosses a context boundary (messages, replies). Pure.

export const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isStr = (x: unknown, max = 4096): x is string => typeof x === 'string' && x.length <= max;
export const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
export const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
export const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
export const arrayOf =
  <T>(check: (x: unknown) => x is T) =>
  (x: unknown): x is T[] =>
    Array.isArray(x) && x.every(check);
