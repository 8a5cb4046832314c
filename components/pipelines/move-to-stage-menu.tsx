"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

/**
 * The keyboard way to move a deal: a menu button named "Move to stage" (the deal's name is its
 * description) that opens a menu of the sub-pipeline's stages. A menu rather than a native
 * select because a closed select commits on every arrow key in Chrome — one move per key press.
 * Keys: Enter/Space/↓ open, ↑/↓/Home/End move, Enter picks, Esc closes; focus returns to the button.
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
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState<{ top?: number; bottom?: number; left: number }>({ left: 0 });
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const itemRefs = useRef<Array<HTMLLIElement | null>>([]);
  const id = useId();
  const descId = `${id}-desc`;
  const menuId = `${id}-menu`;

  function openMenu(at?: number) {
    const i = at ?? Math.max(0, stages.indexOf(current ?? ""));
    // Fixed, placed from the button: the column scrolls (overflow) and would clip an absolute menu.
    const r = buttonRef.current?.getBoundingClientRect();
    if (r) {
      const left = Math.max(8, Math.min(r.right - MENU_WIDTH, window.innerWidth - MENU_WIDTH - 8));
      const below = window.innerHeight - r.bottom;
      setPlace(below < 300 && r.top > below ? { bottom: window.innerHeight - r.top + 4, left } : { top: r.bottom + 4, left });
    }
    setActive(i);
    setOpen(true);
  }

  function close(focusButton = true) {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    };
    // The menu is fixed-positioned: close it when anything scrolls beneath it.
    const onScroll = (e: Event) => {
      if (!menuRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    window.addEventListener("scroll", onScroll, true);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      window.removeEventListener("scroll", onScroll, true);
    };
  }, [open]);

  function pick(stage: string) {
    close();
    if (stage !== current) onMove(stage);
  }

  function onButtonKey(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      openMenu();
    }
  }

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
        close();
        break;
      case "Tab":
        setOpen(false);
        break;
      case "Enter":
      case " ":
        e.preventDefault();
        pick(stages[active]);
        break;
    }
  }

  return (
    <div
      className="relative"
      // The card is draggable by pointer; pressing here must open the menu, not start a drag.
      onPointerDown={(e) => e.stopPropagation()}
    >
      <span id={descId} className="sr-only">
        {dealName}, now in {current ?? "no stage"}
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
        onClick={() => (open ? close() : openMenu())}
        onKeyDown={onButtonKey}
        className="inline-flex items-center gap-1 rounded-md border border-slate-200 px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <span aria-hidden="true">Move</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5 fill-current">
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
      {open && (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={`Move ${dealName} to stage`}
          onKeyDown={onMenuKey}
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
              onClick={() => pick(s)}
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
      )}
    </div>
  );
}
