// Package URLs of Go modules, as the purl specification's golang type writes them: the module
// path's last element is the name, the rest the namespace, both lowercased; a main package below
// its module's root is the subpath. Pure.

/** Percent-encodes all but the characters purl leaves as they are. */
function encode(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/**
 * `pkg:golang/github.com/foo/bar@v1.2.3`. A version Go gives no module release (`(devel)`, '') is
 * left out, as the golang type allows. Qualifiers are written sorted by key, as purl requires.
 */
export function golangPurl(modulePath: string, version?: string, subpath?: string, qualifiers: Record<string, string> = {}): string {
  const segments = modulePath.toLowerCase().split('/').filter(Boolean).map(encode);
  let purl = `pkg:golang/${segments.join('/')}`;
  if (version && version !== '(devel)') purl += `@${encode(version)}`;
  const keys = Object.keys(qualifiers)
    .filter((k) => qualifiers[k] !== '')
    .sort();
  if (keys.length) purl += `?${keys.map((k) => `${k.toLowerCase()}=${encode(qualifiers[k])}`).join('&')}`;
  const sub = (subpath ?? '').split('/').filter((s) => s && s !== '.' && s !== '..');
  if (sub.length) purl += `#${sub.map(encode).join('/')}`;
  return purl;
}
