/**
 * Splits plain note text into text and link segments. Only absolute http(s) URLs become links;
 * everything else (including `<script>`, `javascript:` and `data:` URLs) stays text, which React
 * escapes when rendering. No HTML is ever parsed or produced here.
 */
export type NoteSegment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// A URL candidate: http:// or https:// not glued to a preceding word character (so
// "xhttp://…" is not a link), then anything up to whitespace or a character that cannot
// appear unescaped in a URL written in prose.
const CANDIDATE = /(?<![\p{L}\p{N}_])https?:\/\/[^\s<>"'`{}|\\^\u0000-\u001f\u007f]+/giu;

// Prose punctuation that usually ends a sentence rather than the URL.
const TRAILING = /[.,;:!?*_~]$/;

const PAIRS: Record<string, string> = { ")": "(", "]": "[" };

/** Trim trailing punctuation and unbalanced closing brackets ("(see https://x.io/a)"). */
function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const last = url.at(-1);
    if (!last) return url;
    if (TRAILING.test(last)) {
      url = url.slice(0, -1);
      continue;
    }
    const open = PAIRS[last];
    if (open) {
      const opens = url.split(open).length - 1;
      const closes = url.split(last).length - 1;
      if (closes > opens) {
        url = url.slice(0, -1);
        continue;
      }
    }
    return url;
  }
}

/** The link target for a candidate, or null when it is not a well-formed http(s) URL with a host. */
export function safeHref(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname) return null;
  return url.href;
}

export function segmentNoteText(text: string): NoteSegment[] {
  const out: NoteSegment[] = [];
  let last = 0;
  const pushText = (t: string) => {
    if (!t) return;
    const prev = out.at(-1);
    if (prev?.kind === "text") prev.text += t;
    else out.push({ kind: "text", text: t });
  };
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index ?? 0;
    const url = trimUrl(m[0]);
    const href = safeHref(url);
    if (!href) continue;
    pushText(text.slice(last, start));
    out.push({ kind: "link", text: url, href });
    last = start + url.length;
  }
  pushText(text.slice(last));
  return out;
}
