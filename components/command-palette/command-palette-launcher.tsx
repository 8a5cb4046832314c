"use client";

/**
 * Mounted once in the signed-in layout: listens for the shortcuts (shortcuts.ts) and the header's
 * Search button, and loads the palette and the help panel on first use, so neither cmdk nor
 * their dialogs weigh on any page's first load.
 */
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { isTypingTarget, OPEN_PALETTE_EVENT, readShortcut, type ShortcutState } from "./shortcuts";

const loadPalette = () => import("./command-palette");
const CommandPalette = dynamic(() => loadPalette().then((m) => m.CommandPalette), { ssr: false });
const ShortcutsHelp = dynamic(() => import("./shortcuts-help").then((m) => m.ShortcutsHelp), {
  ssr: false,
});

/** Starts fetching the palette's code (on hover or focus of the Search button). */
export function preloadCommandPalette() {
  void loadPalette();
}

// A modal dialog (the palette, the help, New deal…) owns the keyboard while it is open.
const modalOpen = () =>
  !!document.querySelector('[role="dialog"], [role="alertdialog"], dialog[open]');

export function CommandPaletteLauncher() {
  const router = useRouter();
  // null: never opened yet, so its code is not loaded.
  const [palette, setPalette] = useState<boolean | null>(null);
  const [help, setHelp] = useState<boolean | null>(null);
  const keys = useRef<ShortcutState>({ gAt: null });

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const typing = isTypingTarget(e.target) || modalOpen();
      const { action, state } = readShortcut(
        {
          key: e.key,
          metaKey: e.metaKey,
          ctrlKey: e.ctrlKey,
          altKey: e.altKey,
          repeat: e.repeat,
          typing,
        },
        keys.current,
        Date.now(),
      );
      keys.current = state;
      if (!action) return;
      e.preventDefault();
      if (action.type === "palette") {
        setHelp((h) => (h ? false : h));
        setPalette((p) => !p);
      } else if (action.type === "help") setHelp(true);
      else router.push(action.href);
    };
    const onOpen = () => setPalette(true);
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener(OPEN_PALETTE_EVENT, onOpen);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener(OPEN_PALETTE_EVENT, onOpen);
    };
  }, [router]);

  return (
    <>
      {palette !== null && (
        <CommandPalette
          open={palette}
          onOpenChange={setPalette}
          onShowHelp={() => {
            setPalette(false);
            setHelp(true);
          }}
        />
      )}
      {help !== null && <ShortcutsHelp open={help} onOpenChange={setHelp} />}
    </>
  );
}
