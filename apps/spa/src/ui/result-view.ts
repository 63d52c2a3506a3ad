import type { ApiResult } from '../api.ts';
import { h } from './dom.ts';

function statusText(result: ApiResult): string {
  if (result.status === null) return 'no response';
  return `HTTP ${result.status}`;
}

function tone(result: ApiResult): 'ok' | 'error' {
  return result.status !== null && result.status >= 200 && result.status < 300 ? 'ok' : 'error';
}

function describeError(result: ApiResult): HTMLElement | null {
  if (!result.error && !result.errorDescription) return null;
  return h(
    'p',
    { className: 'error-line' },
    h('strong', {}, result.error ?? 'error'),
    result.errorDescription ? `: ${result.errorDescription}` : '',
  );
}

/** The latest call: status, method and URL, duration, then the body (success) or the error and the body (failure). */
export function renderResult(container: HTMLElement, result: ApiResult): void {
  const head = h(
    'p',
    { className: 'result-head' },
    h('span', { className: `badge ${tone(result)}` }, statusText(result)),
    h('span', {}, ` ${result.api} · `),
    h('code', {}, `${result.request.method} ${result.url}`),
    h('span', {}, ` · ${result.durationMs} ms`),
  );
  const note = result.sentToken ? null : h('p', { className: 'meta' }, 'Sent without a token: you are not signed in.');
  const hint = result.hint ? h('p', { className: 'hint' }, result.hint) : null;
  const body =
    result.body === undefined
      ? null
      : h('pre', { tabindex: '0', 'aria-label': 'Response body' }, JSON.stringify(result.body, null, 2));
  container.replaceChildren(...[head, note, describeError(result), hint, body].filter((node) => node !== null));
  container.dataset.status = result.status === null ? '' : String(result.status);
}

export function renderPending(container: HTMLElement, api: string): void {
  container.replaceChildren(h('p', { className: 'meta' }, `Calling the ${api}…`));
  container.dataset.status = '';
}
