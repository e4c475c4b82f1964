/**
 * How many statement uploads one web process reads at once. Each is streamed to disk, hashed, then
 * parsed twice and written line by line: a few at once are fine, a burst (a script, a double click
 * on many tabs) would take the process's CPU and database connections from payments. Past the cap
 * an upload is refused at once, before its body is read, and can simply be sent again.
 */
export class ImportSlots {
  private busy = 0;

  constructor(private readonly capacity: number) {}

  /** A slot's release function, or null when every slot is taken. */
  tryTake(): (() => void) | null {
    if (this.busy >= this.capacity) return null;
    this.busy++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy--;
    };
  }

  get inUse(): number {
    return this.busy;
  }
}

const shared = new Map<number, ImportSlots>();

/** The process's slots for this capacity (STATEMENT_CONCURRENT_IMPORTS). */
export function statementImportSlots(capacity: number): ImportSlots {
  let slots = shared.get(capacity);
  if (!slots) shared.set(capacity, (slots = new ImportSlots(capacity)));
  return slots;
}
