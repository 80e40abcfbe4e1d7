import { escapeHtml } from '../../../src/lib/html.js';

describe('escapeHtml', () => {
  it('makes manifest and directive text inert in the job summary', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">&')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;');
  });
});
