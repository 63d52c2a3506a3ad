/**
 * The few cookie rules a scripted browser needs against one host: path scoping, replacement and
 * deletion (Max-Age=0 or an Expires in the past). Enough for oidc-provider's session and
 * interaction cookies; not a general-purpose cookie store.
 */
interface Cookie {
  name: string;
  value: string;
  path: string;
}

export class CookieJar {
  #cookies: Cookie[] = [];

  /** Reads every Set-Cookie of a response. */
  capture(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      if (separator < 1) continue;
      const cookie: Cookie = { name: pair.slice(0, separator), value: pair.slice(separator + 1), path: '/' };
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=');
        const lower = key.toLowerCase();
        if (lower === 'path' && value.startsWith('/')) cookie.path = value;
        if (lower === 'max-age' && Number(value) <= 0) expired = true;
        if (lower === 'expires' && Date.parse(value) <= Date.now()) expired = true;
      }
      this.#cookies = this.#cookies.filter((c) => c.name !== cookie.name || c.path !== cookie.path);
      if (!expired) this.#cookies.push(cookie);
    }
  }

  /** The Cookie header for a request to this URL, or undefined when no cookie applies. */
  headerFor(url: URL): string | undefined {
    const matching = this.#cookies.filter(
      (c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
    );
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  names(): string[] {
    return this.#cookies.map((c) => c.name);
  }
}
