import type { Response } from 'express';

/** Every page the tenant renders: never cached, never framed, nothing loaded but its own inline CSS. */
export const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  // Login and consent must never be framed (clickjacking).
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  // Not no-referrer: with it the browser would send `Origin: null` on the pages' own form posts.
  'Referrer-Policy': 'same-origin',
} as const;

export function sendPage(res: Response, status: number, html: string): void {
  res
    .status(status)
    .set({ 'Content-Type': 'text/html; charset=utf-8', ...PAGE_HEADERS })
    .send(html);
}
