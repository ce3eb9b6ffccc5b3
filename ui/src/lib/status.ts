// The one place status and error messages go; App shows them in aria-live regions so screen readers hear them.

import { writable } from 'svelte/store';

export type StatusKind = 'info' | 'success' | 'error';

export interface Status {
  kind: StatusKind;
  text: string;
  /** Bumped on every message, so the same text said twice is announced twice. */
  seq: number;
}

let seq = 0;

export const status = writable<Status | null>(null);

export function say(text: string, kind: StatusKind = 'info'): void {
  seq += 1;
  status.set({ kind, text, seq });
}

export function sayError(error: unknown): void {
  const text = error instanceof Error ? error.message : String(error);
  say(text, 'error');
}

export function clearStatus(): void {
  status.set(null);
}
