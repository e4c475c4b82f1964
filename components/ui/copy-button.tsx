"use client";

import { useEffect, useState } from "react";

type CopyState = "idle" | "copied" | "failed";

/**
 * Copies an id (payment, receipt, CheckoutRequestID…) with one click, and says so. The button has
 * no text of its own, only an icon and a label for screen readers, so the value beside it reads and
 * selects as before. Over plain HTTP on a LAN address the Clipboard API is missing: a selected
 * hidden field and the older copy command do it there.
 */
export function CopyButton({ value, label, testId = "copy-button" }: { value: string; label: string; testId?: string }) {
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2_000);
    return () => clearTimeout(timer);
  }, [state]);
  const onClick = async (event: React.MouseEvent) => {
    // Inside a link or a clickable row, copying must not also navigate.
    event.preventDefault();
    event.stopPropagation();
    setState((await copyText(value)) ? "copied" : "failed");
  };
  const title = state === "copied" ? "Copied" : state === "failed" ? "Could not copy: select the text instead" : `Copy ${label}`;
  return (
    <>
      <button type="button" onClick={onClick} aria-label={`Copy ${label}`} title={title} data-testid={testId} data-state={state}
        className="ml-1 inline-flex h-6 w-6 shrink-0 items-center justify-center rounded align-middle text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600">
        {state === "copied" ? <CheckIcon /> : <CopyIcon />}
      </button>
      <span role="status" className="sr-only">{state === "copied" ? `Copied ${label}` : state === "failed" ? "Could not copy" : ""}</span>
    </>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (permissions): fall through to the older way.
  }
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.appendChild(field);
  field.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    field.remove();
  }
}

const iconProps = { width: 14, height: 14, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round", "aria-hidden": true } as const;

function CopyIcon() {
  return <svg {...iconProps}><rect x="9" y="9" width="12" height="12" rx="2" /><path d="M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1" /></svg>;
}

function CheckIcon() {
  return <svg {...iconProps}><path d="M20 6 9 17l-5-5" /></svg>;
}
