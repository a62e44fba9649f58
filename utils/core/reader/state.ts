// Decides whether the reader is on for a page. Pure.
import type { Detection } from '@/utils/core/detect/report';
import type { ReaderState } from '@/utils/core/messages';
import type { Settings, SiteMode } from '@/utils/core/settings';

export function readerState(mode: SiteMode, settings: Settings, d: Pick<Detection, 'isReport' | 'isChinese'>): ReaderState {
  if (mode === 'off') return 'off';
  if (!d.isChinese) return mode === 'on' ? 'zh' : 'not-chinese';
  if (d.isReport) return 'report';
  if (mode === 'on' || settings.autoScope === 'chinese') return 'zh';
  return 'off';
}

/**
 * Whether the script switch is offered: on every page with Han text, whatever the detection says
 * (and whatever the automatic scope makes of it), unless the reader turned the reader off for the
 * site. The detection decides only the glossary, the marks and the badge.
 */
export function switchOffered(hasHan: boolean, mode: SiteMode): boolean {
  return hasHan && mode !== 'off';
}

/**
 * Why a frame offers no script switch, as a message key: no Han text at all, or the reader turned
 * off for the site; null when it does offer one.
 */
export function noSwitchReason(hasHan: boolean, mode: SiteMode): 'scriptNoHan' | 'scriptSiteOff' | null {
  if (!hasHan) return 'scriptNoHan';
  return mode === 'off' ? 'scriptSiteOff' : null;
}

/** Value of `<html data-bilingual-reader>` for a state, or null to remove it. */
export function htmlMarker(state: ReaderState): 'report' | 'zh' | null {
  return state === 'report' ? 'report' : state === 'zh' ? 'zh' : null;
}
