"use client";

import { useEffect, useState } from "react";

/**
 * True once the element has come within `rootMargin` of the viewport (and stays true). Record
 * pages use it to load secondary sections (related deals and contacts) only when someone looks
 * at them: every Bigin call costs credits. Returns a callback ref, so an element that mounts
 * later (after a loading state) is observed too.
 */
export function useInView<T extends Element>(rootMargin = "200px") {
  const [el, setEl] = useState<T | null>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (!el || seen) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          io.disconnect();
        }
      },
      { rootMargin },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [el, rootMargin, seen]);
  return [setEl, seen] as const;
}
