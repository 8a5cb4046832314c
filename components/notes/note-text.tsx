import { segmentNoteText } from "./linkify";

/**
 * A note's body as plain text: React escapes every character, line breaks are kept by
 * `whitespace-pre-wrap`, and only http(s) URLs become links (opened in a new tab, without
 * handing the opener or our URL to the target).
 */
export function NoteText({ text, className = "" }: { text: string; className?: string }) {
  return (
    <p className={`whitespace-pre-wrap break-words ${className}`}>
      {segmentNoteText(text).map((s, i) =>
        s.kind === "link" ? (
          <a
            key={i}
            href={s.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="break-all text-brand-600 underline underline-offset-2 hover:text-brand-700 dark:text-brand-100"
          >
            {s.text}
          </a>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}
