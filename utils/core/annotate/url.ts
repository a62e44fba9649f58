// The page a highlight belongs to: the canonical URL, without tracking parameters or fragment.

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_[a-z]+|_ga|_gl|spm|scm|from|isappinstalled|share_token|sharer_?[a-z]*)$/i;

export function cleanUrl(href: string): string {
  try {
    const u = new URL(href);
    u.hash = '';
    for (const k of [...u.searchParams.keys()]) if (TRACKING.test(k)) u.searchParams.delete(k);
    u.search = u.searchParams.toString() ? `?${u.searchParams.toString()}` : '';
    return u.toString();
  } catch {
    return href;
  }
}

/** True for an absolute http: or https: URL: the only pages highlights belong to or link to. */
export function isHttpUrl(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/**
 * rel=canonical when it is an http(s) URL of the page's own origin, else the location; cleaned
 * either way. A page may name any URL as canonical, so trusting another origin would let one site
 * file highlights under another's key (they would show up there).
 */
export function canonicalUrl(location: string, canonicalHref: string | null): string {
  if (canonicalHref) {
    try {
      const here = new URL(location);
      const u = new URL(canonicalHref, location);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin === here.origin) return cleanUrl(u.toString());
    } catch {
      /* fall through */
    }
  }
  return cleanUrl(location);
}
