// opencc-js ships no types; these cover what we use.
declare module 'opencc-js' {
  export type Locale = 'cn' | 'tw' | 'twp' | 'hk' | 'jp' | 't';
  export function Converter(opts: { from: Locale; to: Locale }): (text: string) => string;
  export function CustomConverter(dict: [string, string][] | string): (text: string) => string;
}

declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
