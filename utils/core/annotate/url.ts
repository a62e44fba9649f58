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

/** rel=canonical when it is a valid http(s) URL, else the location; cleaned either way. */
export function canonicalUrl(location: string, canonicalHref: string | null): string {
  if (canonicalHref) {
    try {
      const u = new URL(canonicalHref, location);
      if (u.protocol === 'http:' || u.protocol === 'https:') return cleanUrl(u.toString());
    } catch {
      /* fall through */
    }
  }
  return cleanUrl(location);
}
