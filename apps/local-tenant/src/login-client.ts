import { CookieJar } from './cookie-jar.ts';

/**
 * A scripted browser for the local tenant's real pages: it follows redirects within the tenant,
 * keeps its cookies, fills in the login form and answers the consent page, exactly as a person
 * would. `pnpm access-token` and the tests use it; nothing in the tenant has a shortcut around login.
 */
export interface Page {
  status: number;
  url: URL;
  html: string;
  /** Set when the tenant redirected out of itself (back to the application). */
  redirectedTo?: URL;
  /** The last answer's headers. */
  headers: Headers;
}

export class TenantBrowser {
  readonly jar = new CookieJar();
  readonly #origin: string;

  constructor(issuer: string) {
    this.#origin = new URL(issuer).origin;
  }

  /** Requests a URL and follows redirects until a page renders or the tenant sends the browser elsewhere. */
  async open(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    let target = new URL(url);
    let method = init.method ?? (init.form ? 'POST' : 'GET');
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hop = 0; hop < 20; hop += 1) {
      const headers: Record<string, string> = {};
      const cookie = this.jar.headerFor(target);
      if (cookie) headers.cookie = cookie;
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      // A browser names the page's origin on every form post, and the tenant refuses posts without it.
      if (method !== 'GET') headers.origin = this.#origin;
      const response = await fetch(target, { method, headers, body, redirect: 'manual' });
      this.jar.capture(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        const next = new URL(location, target);
        if (next.origin !== this.#origin)
          return { status: response.status, url: target, html: '', redirectedTo: next, headers: response.headers };
        target = next;
        method = 'GET';
        body = undefined;
        continue;
      }
      return { status: response.status, url: target, html: await response.text(), headers: response.headers };
    }
    throw new Error(`too many redirects from ${String(url)}`);
  }

  /** Submits the login page shown at `page`. */
  logIn(page: Page, email: string, password: string): Promise<Page> {
    return this.open(new URL(`${interactionPath(page)}/login`, page.url), { form: { email, password } });
  }

  /** Clicks Accept (or Decline) on the consent page shown at `page`. */
  answerConsent(page: Page, accept: boolean): Promise<Page> {
    return this.open(new URL(`${interactionPath(page)}/${accept ? 'confirm' : 'abort'}`, page.url), { form: {} });
  }
}

const INTERACTION = /^(\/interaction\/[^/]+)(?:\/login)?$/;

/** `/interaction/<uid>`, also for the page a failed login re-renders at `/interaction/<uid>/login`. */
function interactionPath(page: Page): string {
  const match = INTERACTION.exec(page.url.pathname);
  if (!match?.[1]) throw new Error(`not a tenant login or consent page: ${page.url.pathname}`);
  return match[1];
}

export function isLoginPage(page: Page): boolean {
  return INTERACTION.test(page.url.pathname) && page.html.includes('name="password"');
}

export function isConsentPage(page: Page): boolean {
  return INTERACTION.test(page.url.pathname) && page.html.includes('/confirm"');
}

/** Parameters of the application redirect: the fragment (implicit) or the query (code). */
export function responseParameters(redirect: URL): URLSearchParams {
  return redirect.hash ? new URLSearchParams(redirect.hash.slice(1)) : redirect.searchParams;
}

/**
 * Runs an authorization request through login and consent as a user would and returns the redirect
 * back to the application. Throws with the page's message when login fails.
 */
export async function authorizeAsUser(
  browser: TenantBrowser,
  authorizeUrl: URL,
  credentials: { email: string; password: string },
): Promise<URL> {
  let page = await browser.open(authorizeUrl);
  if (!page.redirectedTo && isLoginPage(page))
    page = await browser.logIn(page, credentials.email, credentials.password);
  if (!page.redirectedTo && isLoginPage(page)) {
    const message = /role="alert">([^<]*)</.exec(page.html)?.[1] ?? `HTTP ${page.status}`;
    throw new Error(`login failed for ${credentials.email}: ${message}`);
  }
  if (!page.redirectedTo && isConsentPage(page)) page = await browser.answerConsent(page, true);
  if (!page.redirectedTo)
    throw new Error(`the tenant did not redirect back (HTTP ${page.status} at ${page.url.pathname})`);
  return page.redirectedTo;
}
