// The one place status and error messages go; App shows them in aria-live regions so screen readers hear them.

import { writable } from 'svelte/store';

export type StatusKind = 'info' | 'success' | 'error';

export interface Status {
  kind: StatusKind;
  text: string;
  /** Bumped on every message, so the same text said twice is announced twice. */
  seq: number;
  /** A printed file no PDF viewer opened: the message offers its folder and a copy, and stays until closed. */
  unopened?: string;
}

let seq = 0;
let fading: ReturnType<typeof setTimeout> | null = null;

/** How long a success or information message stays: long enough to read two lines twice. */
const FADE_AFTER_MS = 12_000;

export const status = writable<Status | null>(null);

export function say(text: string, kind: StatusKind = 'info', unopened?: string): void {
  seq += 1;
  const mine = seq;
  status.set({ kind, text, seq, unopened });
  if (fading) clearTimeout(fading);
  fading = null;
  // Errors stay until closed: the user must be able to read what to do; so does a file still to be opened.
  if (kind !== 'error' && unopened === undefined) {
    fading = setTimeout(() => status.update((s) => (s && s.seq === mine ? null : s)), FADE_AFTER_MS);
  }
}

export function sayError(error: unknown): void {
  const text = error instanceof Error ? error.message : String(error);
  say(text, 'error');
}

export function clearStatus(): void {
  status.set(null);
}
