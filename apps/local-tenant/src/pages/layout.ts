const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values; every rendered value goes through it. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

// Every text colour reaches WCAG 2 AA contrast (4.5:1) on its background: the footer's #5f6b7a has 5.4:1 on
// white, .sub's #5b6473 6.0:1. test/accessibility.test.ts runs axe-core on the login and consent pages.
const CSS = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f1f3f6;color:#1d2330;
  font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:min(100% - 2rem,24rem);background:#fff;border-radius:12px;padding:2rem;box-shadow:0 4px 24px rgb(20 30 60/.1)}
h1{font-size:1.35rem;margin:0 0 .25rem}
.sub{color:#5b6473;margin:0 0 1.5rem;font-size:.95rem}
label{display:block;font-weight:600;font-size:.9rem;margin:1rem 0 .35rem}
input{width:100%;padding:.65rem .75rem;border:1px solid #c7ccd6;border-radius:8px;font:inherit}
input:focus{outline:2px solid #3b5bdb;outline-offset:1px;border-color:#3b5bdb}
button{width:100%;margin-top:1.25rem;padding:.7rem;border:0;border-radius:8px;font:inherit;font-weight:600;
  background:#3b5bdb;color:#fff;cursor:pointer}
button:hover{background:#324cc0}
button.secondary{background:#fff;color:#1d2330;border:1px solid #c7ccd6;margin-top:.75rem}
button.secondary:hover{background:#f1f3f6}
.error{background:#fdecec;color:#a61b1b;border-radius:8px;padding:.6rem .8rem;margin:0 0 1rem}
.notice{background:#e7f5ec;color:#1b6b3a;border-radius:8px;padding:.6rem .8rem;margin:0 0 1rem}
h2{font-size:1.05rem;margin:1.25rem 0 .25rem}
ul.permissions{list-style:none;padding:0;margin:0}
ul.permissions li{padding:.7rem 0;border-bottom:1px solid #e6e9ef}
ul.permissions code{font-size:.85rem;color:#5b6473}
footer{margin-top:1.5rem;font-size:.8rem;color:#5f6b7a;text-align:center}
`;

/** The common page frame: tidy inline CSS, no scripts unless a page brings its own. */
export function layout(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Organizer local tenant</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
<footer>Organizer local tenant · for local development only</footer>
</main>${script}
</body>
</html>`;
}
