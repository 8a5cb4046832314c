import { describe, expect, it } from "vitest";
import { readShortcut, SEQUENCE_MS, SHORTCUTS, type KeyInput } from "./shortcuts";

const key = (k: string, over: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  metaKey: false,
  ctrlKey: false,
  altKey: false,
  typing: false,
  ...over,
});

/** Feeds keys one after another, `gap` ms apart, and returns the actions. */
function press(keys: KeyInput[], gap = 100) {
  let state = { gAt: null as number | null };
  return keys.map((k, i) => {
    const r = readShortcut(k, state, 1_000 + i * gap);
    state = r.state;
    return r.action;
  });
}

describe("readShortcut", () => {
  it("opens the palette with Cmd-K or Ctrl-K, even while typing", () => {
    expect(press([key("k", { metaKey: true })])).toEqual([{ type: "palette" }]);
    expect(press([key("K", { ctrlKey: true, typing: true })])).toEqual([{ type: "palette" }]);
    expect(press([key("k")])).toEqual([null]);
  });

  it("g p / g c / g o / g n go to pages", () => {
    expect(press([key("g"), key("p")])[1]).toEqual({ type: "go", href: "/pipelines" });
    expect(press([key("g"), key("c")])[1]).toEqual({ type: "go", href: "/contacts" });
    expect(press([key("g"), key("o")])[1]).toEqual({ type: "go", href: "/companies" });
    expect(press([key("g"), key("n")])[1]).toEqual({ type: "go", href: "/notes" });
  });

  it("ignores g sequences while typing, with modifiers, too slow, or with another letter", () => {
    expect(press([key("g", { typing: true }), key("c", { typing: true })])).toEqual([null, null]);
    expect(press([key("g"), key("c", { ctrlKey: true })])).toEqual([null, null]);
    expect(press([key("g"), key("c")], SEQUENCE_MS + 1)).toEqual([null, null]);
    expect(press([key("g"), key("x"), key("c")])).toEqual([null, null, null]);
  });

  it("? opens the help, but not while typing", () => {
    expect(press([key("?")])).toEqual([{ type: "help" }]);
    expect(press([key("?", { typing: true })])).toEqual([null]);
  });

  it("the help lists every shortcut it handles", () => {
    const listed = SHORTCUTS.flatMap((s) => s.keys);
    for (const k of ["⌘ K", "Ctrl K", "g p", "g c", "g o", "g n", "?"]) expect(listed).toContain(k);
  });
});
