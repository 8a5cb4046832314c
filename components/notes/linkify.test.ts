import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { safeHref, segmentNoteText, type NoteSegment } from "./linkify";

const links = (segs: NoteSegment[]) => segs.filter((s) => s.kind === "link");
const joined = (segs: NoteSegment[]) => segs.map((s) => s.text).join("");

describe("segmentNoteText", () => {
  it("keeps plain text as one text segment, line breaks included", () => {
    expect(segmentNoteText("Called Ada.\nShe'll send the contract\n\nfriday")).toEqual([
      { kind: "text", text: "Called Ada.\nShe'll send the contract\n\nfriday" },
    ]);
  });

  it("returns nothing for empty text", () => {
    expect(segmentNoteText("")).toEqual([]);
  });

  it("links http and https URLs inside prose", () => {
    expect(segmentNoteText("See https://example.com/a?b=1#c and http://x.io")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.com/a?b=1#c", href: "https://example.com/a?b=1#c" },
      { kind: "text", text: " and " },
      { kind: "link", text: "http://x.io", href: "http://x.io/" },
    ]);
  });

  it("leaves sentence punctuation and unbalanced brackets outside the link", () => {
    const segs = segmentNoteText("Docs (https://example.com/docs). Also https://example.com/wiki/Foo_(bar), ok?");
    expect(links(segs).map((s) => s.text)).toEqual([
      "https://example.com/docs",
      "https://example.com/wiki/Foo_(bar)",
    ]);
    expect(joined(segs)).toBe("Docs (https://example.com/docs). Also https://example.com/wiki/Foo_(bar), ok?");
  });

  it("keeps <script> and <img onerror> payloads as text", () => {
    const script = "<script>alert(document.cookie)</script>";
    const img = '<img src=x onerror="alert(1)">';
    expect(segmentNoteText(script)).toEqual([{ kind: "text", text: script }]);
    expect(segmentNoteText(img)).toEqual([{ kind: "text", text: img }]);
  });

  it("never links javascript:, data: or vbscript: URLs", () => {
    for (const t of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\nscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "javascript://%0Aalert(1)",
    ]) {
      expect(links(segmentNoteText(t)), t).toEqual([]);
    }
  });

  it("does not treat text glued before http as part of a link", () => {
    expect(links(segmentNoteText("xhttp://evil.example"))).toEqual([]);
    // "javascript:" before a real URL stays text; the link itself is a plain http URL.
    const segs = segmentNoteText("javascript:http://example.com");
    expect(links(segs)).toEqual([{ kind: "link", text: "http://example.com", href: "http://example.com/" }]);
    expect(segs[0]).toEqual({ kind: "text", text: "javascript:" });
  });

  it("ends a URL at quotes and angle brackets so attribute-breaking payloads stay text", () => {
    const segs = segmentNoteText('https://example.com/"onmouseover="alert(1) <https://b.example/x>');
    expect(links(segs).map((s) => s.href)).toEqual(["https://example.com/", "https://b.example/x"]);
    expect(joined(segs)).toBe('https://example.com/"onmouseover="alert(1) <https://b.example/x>');
  });

  it("skips scheme-only or host-less candidates", () => {
    expect(links(segmentNoteText("http:// and https://."))).toEqual([]);
  });

  it("never loses or reorders characters (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom("https://a.example/p?q=1", "http://b.example", "(", ")", ".", "\n", "<", ">", '"', "javascript:"),
          ),
        ),
        (parts) => {
          const text = parts.join("");
          const segs = segmentNoteText(text);
          expect(joined(segs)).toBe(text);
          for (const s of segs) {
            if (s.kind === "link") expect(s.href).toMatch(/^https?:\/\//);
          }
        },
      ),
    );
  });
});

describe("safeHref", () => {
  it("accepts only http(s) with a host", () => {
    expect(safeHref("https://example.com")).toBe("https://example.com/");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("ftp://example.com")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
  });
});
