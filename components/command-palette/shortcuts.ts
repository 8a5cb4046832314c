/**
 * The app's keyboard shortcuts, as data and one pure reader, so the listener, the palette and
 * the "Keyboard shortcuts" help panel agree. No React here: unit-tested in shortcuts.test.ts.
 */

/** `g` then a letter: where it goes. */
export const GO_TO = {
  p: { href: "/pipelines", label: "Pipelines" },
  c: { href: "/contacts", label: "Contacts" },
  o: { href: "/companies", label: "Companies" },
  n: { href: "/notes", label: "Notes" },
} as const;

/** The palette's "Pages" group (also reachable with `g` shortcuts where one exists). */
export const PAGES = [
  { href: "/pipelines", label: "Pipelines", keys: "g p" },
  { href: "/contacts", label: "Contacts", keys: "g c" },
  { href: "/companies", label: "Companies", keys: "g o" },
  { href: "/notes", label: "Notes", keys: "g n" },
  { href: "/contacts/new", label: "New contact", keys: null },
] as const;

/** What the help panel lists, in order. */
export const SHORTCUTS: { keys: string[]; description: string }[] = [
  {
    keys: ["⌘ K", "Ctrl K"],
    description: "Open the command palette: jump to a contact, deal, company or page",
  },
  ...Object.entries(GO_TO).map(([k, t]) => ({ keys: [`g ${k}`], description: `Go to ${t.label}` })),
  { keys: ["?"], description: "Show these keyboard shortcuts" },
  { keys: ["Esc"], description: "Close the palette or a dialog" },
  { keys: ["↑", "↓"], description: "In the palette: move through results; Enter opens one" },
];

/** Dispatched on window to open the palette (the header's Search button). */
export const OPEN_PALETTE_EVENT = "bigin:command-palette";

/** A `g` waits this long for its second key. */
export const SEQUENCE_MS = 1500;

export type ShortcutAction = { type: "palette" } | { type: "help" } | { type: "go"; href: string };
export type ShortcutState = { gAt: number | null };
export type KeyInput = {
  key: string;
  metaKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  repeat?: boolean;
  /** Focus is in a text field (or a modal dialog is open): only Cmd/Ctrl-K counts then. */
  typing: boolean;
};

/** Reads one keydown: what to do (or null), and the state for the next key. */
export function readShortcut(
  e: KeyInput,
  state: ShortcutState,
  now: number,
): { action: ShortcutAction | null; state: ShortcutState } {
  const none = { action: null, state: { gAt: null } };
  if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === "k")
    return { action: { type: "palette" }, state: { gAt: null } };
  if (e.typing || e.metaKey || e.ctrlKey || e.altKey || e.repeat) return none;
  if (state.gAt !== null && now - state.gAt <= SEQUENCE_MS) {
    const target = GO_TO[e.key as keyof typeof GO_TO];
    return target ? { action: { type: "go", href: target.href }, state: { gAt: null } } : none;
  }
  if (e.key === "?") return { action: { type: "help" }, state: { gAt: null } };
  if (e.key === "g") return { action: null, state: { gAt: now } };
  return none;
}

// Widgets where letters mean something: text, typeahead in menus and lists, grid navigation.
const LETTER_WIDGETS = [
  "textarea",
  "select",
  "[contenteditable='']",
  "[contenteditable='true']",
  ...["textbox", "combobox", "menu", "menubar", "listbox", "tree", "grid", "application"].map(
    (r) => `[role='${r}']`,
  ),
].join(", ");

/** Whether keys typed now belong to a field or a widget that reads letters, not to shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el.closest(LETTER_WIDGETS)) return true;
  if (el instanceof HTMLInputElement) {
    return ![
      "button",
      "checkbox",
      "radio",
      "submit",
      "reset",
      "range",
      "color",
      "file",
      "image",
    ].includes(el.type);
  }
  return false;
}
