import { randomBytes } from "node:crypto";

/**
 * The simulator's only source of randomness. With a seed it is a small deterministic PRNG
 * (sfc32 seeded by cyrb128), so tests and demos can replay the exact same identifiers.
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [0, max). */
  int(max: number): number;
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
}

export function createRandom(seed: string | number | null): Random {
  const next = seed === null ? cryptoNext : sfc32(cyrb128(String(seed)));
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    chars: (alphabet, length) => Array.from({ length }, () => alphabet.charAt(int(alphabet.length))).join(""),
  };
}

function cryptoNext(): number {
  return randomBytes(4).readUInt32BE(0) / 2 ** 32;
}

// cyrb128: spreads a string over four 32-bit words, the state sfc32 needs.
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

function sfc32([a0, b0, c0, d0]: [number, number, number, number]): () => number {
  let a = a0, b = b0, c = c0, d = d0;
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
