// Display formats: dates dd/mm/yyyy, numbers with '.' between thousands (',' in English).

import type { IsoDate, Lang } from './types';

/** "1980-09-05" → "05/09/1980"; null or empty → "". Works on the string, so no time zone can shift the day. */
export function formatDate(iso: IsoDate | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** 9875 → "9.875" (Vietnamese) or "9,875" (English). */
export function formatNumber(n: number, lang: Lang = 'vi'): string {
  const separator = lang === 'en' ? ',' : '.';
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** Lowercase, no diacritics, đ → d, single spaces: for filtering short lists in the window (units, options). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Vietnamese alphabetical order for option lists. */
export function compareVi(a: string, b: string): number {
  return a.localeCompare(b, 'vi', { sensitivity: 'base' });
}
