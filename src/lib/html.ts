// Text that goes into the job summary, which GitHub renders as HTML: names from manifests and
// directives are data, never markup.
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
