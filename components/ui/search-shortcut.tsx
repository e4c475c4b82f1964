"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const SEARCH = "[data-search-shortcut]";
const SEARCH_PAGE = "/payments";

// Set when "/" opened the search page; its search box takes the focus when it mounts.
let focusRequested = false;

/** True once after "/" navigated to the search page: the search box calls this when it mounts. */
export function takeSearchFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

/**
 * "/" puts the cursor in the page's search box, as on GitHub or Gmail; on a page without one it
 * opens the payments search. Typing "/" into a field, or with a modifier key, stays a "/". Escape
 * in the search box gives the keyboard back to the page.
 */
export function SearchShortcut() {
  const router = useRouter();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && event.target instanceof HTMLElement && event.target.matches(SEARCH)) {
        event.target.blur();
        return;
      }
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTyping(event.target)) return;
      event.preventDefault();
      const input = document.querySelector<HTMLInputElement>(SEARCH);
      if (input) {
        input.focus();
        input.select();
        return;
      }
      focusRequested = true;
      router.push(SEARCH_PAGE);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [router]);

  return null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  // Checkboxes, radios and buttons take no text: "/" on them is still the shortcut.
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(target.type);
}
