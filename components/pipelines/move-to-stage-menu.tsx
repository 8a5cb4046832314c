"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from "react";

/**
 * The keyboard way to move a deal: a menu button named "Move to stage" (the deal's name is its
 * description) that opens a menu of the sub-pipeline's stages. A menu rather than a native
 * select because a closed select commits on every arrow key in Chrome — one move per key press.
 * Keys: Enter/Space/↓ open, ↑/↓/Home/End move, Enter picks, Esc closes; focus returns to the button.
 *
 * The board shows one per card, so the closed state is kept cheap: a button and its description,
 * three hooks; the menu (its state, listeners and placement) exists only while open.
 */
const MENU_WIDTH = 224;

export function MoveToStageMenu({
  dealName,
  current,
  stages,
  onMove,
  disabled,
}: {
  dealName: string;
  current: string | null;
  stages: string[];
  onMove: (stage: string) => void;
  disabled?: boolean;
}) {
  // null = closed; otherwise where the menu sits and which item it focuses first.
  const [menu, setMenu] = useState<{ first: number; place: Place } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const descId = `${id}-desc`;
  const menuId = `${id}-menu`;
  const open = menu !== null;

  function openMenu() {
    setMenu({ first: Math.max(0, stages.indexOf(current ?? "")), place: placeBelow(buttonRef.current) });
  }
  function close(focusButton: boolean) {
    setMenu(null);
    if (focusButton) buttonRef.current?.focus();
  }

  return (
    <>
      <span id={descId} className="sr-only">
        {`${dealName}, now in ${current ?? "no stage"}`}
      </span>
      <button
        ref={buttonRef}
        type="button"
        aria-label="Move to stage"
        aria-describedby={descId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        // The card is draggable by pointer; pressing here must open the menu, not start a drag.
        onPointerDown={(e) => e.stopPropagation()}
        onClick={() => (open ? close(true) : openMenu())}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            openMenu();
          }
        }}
        className="inline-flex items-center gap-1 rounded-md border border-slate-200 px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        {/* Text, not an icon: the name comes from aria-label, and a card stays a few elements lighter. */}
        Move ▾
      </button>
      {menu && (
        <StageMenu
          id={menuId}
          dealName={dealName}
          current={current}
          stages={stages}
          first={menu.first}
          place={menu.place}
          buttonRef={buttonRef}
          onClose={close}
          onPick={(stage) => {
            close(true);
            if (stage !== current) onMove(stage);
          }}
        />
      )}
    </>
  );
}

type Place = { top?: number; bottom?: number; left: number };

/** Fixed, placed from the button: below it, or above when there is more room there. */
function placeBelow(button: HTMLElement | null): Place {
  const r = button?.getBoundingClientRect();
  if (!r) return { left: 0 };
  const left = Math.max(8, Math.min(r.right - MENU_WIDTH, window.innerWidth - MENU_WIDTH - 8));
  const below = window.innerHeight - r.bottom;
  return below < 300 && r.top > below ? { bottom: window.innerHeight - r.top + 4, left } : { top: r.bottom + 4, left };
}

/** The open menu: fixed-positioned from the button (a scrolling column would clip an absolute one). */
function StageMenu({
  id,
  dealName,
  current,
  stages,
  first,
  place,
  buttonRef,
  onClose,
  onPick,
}: {
  id: string;
  dealName: string;
  current: string | null;
  stages: string[];
  first: number;
  place: Place;
  buttonRef: RefObject<HTMLButtonElement | null>;
  onClose: (focusButton: boolean) => void;
  onPick: (stage: string) => void;
}) {
  const [active, setActive] = useState(first);
  const menuRef = useRef<HTMLUListElement>(null);
  const itemRefs = useRef<Array<HTMLLIElement | null>>([]);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });

  useEffect(() => {
    itemRefs.current[active]?.focus();
  }, [active]);

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) closeRef.current(false);
    };
    // The menu is fixed-positioned: close it when a scroll moves its button away from it. Only
    // then: focusing the button scrolls it into view, and that scroll event can arrive just after
    // a quick Enter opened the menu — which must not close it again.
    const anchor = buttonRef.current?.getBoundingClientRect();
    const onScroll = (e: Event) => {
      if (menuRef.current?.contains(e.target as Node)) return;
      const now = buttonRef.current?.getBoundingClientRect();
      if (!anchor || !now || Math.abs(now.top - anchor.top) > 1 || Math.abs(now.left - anchor.left) > 1) closeRef.current(false);
    };
    document.addEventListener("pointerdown", onDown);
    window.addEventListener("scroll", onScroll, true);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      window.removeEventListener("scroll", onScroll, true);
    };
  }, [buttonRef]);

  function onMenuKey(e: KeyboardEvent<HTMLUListElement>) {
    const last = stages.length - 1;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        setActive((a) => (a >= last ? 0 : a + 1));
        break;
      case "ArrowUp":
        e.preventDefault();
        setActive((a) => (a <= 0 ? last : a - 1));
        break;
      case "Home":
        e.preventDefault();
        setActive(0);
        break;
      case "End":
        e.preventDefault();
        setActive(last);
        break;
      case "Escape":
        e.preventDefault();
        e.stopPropagation();
        onClose(true);
        break;
      case "Tab":
        onClose(false);
        break;
      case "Enter":
      case " ":
        e.preventDefault();
        onPick(stages[active]);
        break;
    }
  }

  return (
    <ul
      ref={menuRef}
      id={id}
      role="menu"
      aria-label={`Move ${dealName} to stage`}
      onKeyDown={onMenuKey}
      // Inside a draggable card: a press on the menu is not the start of a drag.
      onPointerDown={(e) => e.stopPropagation()}
      style={{ ...place, width: MENU_WIDTH }}
      className="fixed z-40 max-h-72 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
    >
      {stages.map((s, i) => (
        <li
          key={s}
          ref={(el) => {
            itemRefs.current[i] = el;
          }}
          role="menuitemradio"
          aria-checked={s === current}
          tabIndex={i === active ? 0 : -1}
          onClick={() => onPick(s)}
          onMouseEnter={() => setActive(i)}
          className={`flex cursor-pointer items-center gap-2 px-3 py-1.5 outline-none ${
            i === active ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white" : ""
          }`}
        >
          <span aria-hidden="true" className="w-3">
            {s === current ? "✓" : ""}
          </span>
          {s}
        </li>
      ))}
    </ul>
  );
}
