import { escapeHtml, layout } from './layout.ts';

/** A page that explains a problem (error pages, lock-outs) without redirecting anywhere. */
export function renderMessagePage(
  title: string,
  lines: ReadonlyArray<readonly [label: string, value: string]>,
  lead = '',
): string {
  const rows = lines
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd><code>${escapeHtml(value)}</code></dd>`)
    .join('');
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1>${lead ? `<p class="sub">${escapeHtml(lead)}</p>` : ''}<dl>${rows}</dl>`,
  );
}
