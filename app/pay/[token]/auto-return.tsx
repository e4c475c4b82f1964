"use client";

import { useEffect } from "react";

/** With JavaScript, takes the customer back to the shop a few seconds after a success (the link stays for the impatient). */
export function AutoReturn({ href, seconds }: { href: string; seconds: number }) {
  useEffect(() => {
    const timer = setTimeout(() => window.location.assign(href), seconds * 1000);
    return () => clearTimeout(timer);
  }, [href, seconds]);
  return null;
}
