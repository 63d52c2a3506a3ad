import type { RequestHandler } from 'express';

/** oidc-provider's session cookie (its default name; provider-config.ts does not rename it). */
const SESSION_COOKIE = '_session';
/** A request that takes longer than this no longer holds back the next one of its session. */
const MAX_WAIT_MS = 5_000;

/**
 * Runs the requests of one tenant session one after another.
 *
 * oidc-provider loads the session when a request starts and saves it when the request ends, last
 * writer wins. Two tabs of one browser share the session: a silent check (prompt=none) from one tab
 * that overlaps the other tab's logout (GET /v2/logout saves the form's xsrf in the session, its POST
 * reads it back) writes back the session it loaded before the xsrf was there, and the logout fails
 * with "could not find logout details". A real tenant keeps sessions in a database with its own
 * ordering; here, queueing a session's requests gives every request the session the previous one
 * left. Requests without a session cookie (token, JWKS, discovery, first visit) never wait.
 */
export function oneRequestAtATimePerSession(): RequestHandler {
  const tails = new Map<string, Promise<void>>();
  return (req, res, next) => {
    const session = sessionId(req.headers.cookie);
    if (session === undefined) return next();
    const previous = tails.get(session) ?? Promise.resolve();
    let finished!: () => void;
    const mine = new Promise<void>((resolve) => (finished = resolve));
    const tail = previous.then(() => mine);
    tails.set(session, tail);
    // 'close' comes after the response is sent or when the client goes away: either way, this
    // request's session has been saved or never will be.
    res.once('close', finished);
    void tail.then(() => {
      if (tails.get(session) === tail) tails.delete(session);
    });
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, MAX_WAIT_MS)));
    void Promise.race([previous, waited]).then(() => {
      clearTimeout(timer);
      next();
    });
  };
}

function sessionId(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return value.join('=');
  }
  return undefined;
}
