// Display formats: dates dd/mm/yyyy, numbers with '.' between thousands (',' in English).

import type { IsoDate, Lang, UnitItem } from './types';

/** "1980-09-05" → "05/09/1980"; null or empty → "". Works on the string, so no time zone can shift the day. */
export function formatDate(iso: IsoDate | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** "01/07/2025" (also "1/7/2025", '-' or '.') → "2025-07-01"; anything else, or a day that does not exist → null. */
export function parseVnDate(text: string): IsoDate | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A birth date as shown: "05/09/1980", or "1980" alone when only the year of birth is known. */
export function formatBirth(iso: IsoDate | null | undefined, yearOnly: boolean): string {
  if (yearOnly && iso) return iso.slice(0, 4);
  return formatDate(iso);
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

/** A value with a fixed number of decimals: 83.333 → "83,33" (Vietnamese) or "83.33" (English), thousands grouped. */
export function formatDecimal(value: number, digits: number, lang: Lang = 'vi'): string {
  const fixed = Math.abs(value).toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  const grouped = formatNumber(Number(whole), lang);
  return sign + (fraction ? `${grouped}${lang === 'en' ? '.' : ','}${fraction}` : grouped);
}

/**
 * Hundredths as the shell keeps exact figures (8333 is 83,33; 10000 is 100): two decimals at most, trailing zeros
 * dropped. ts-rs types some of them as bigint, but they arrive as JSON numbers.
 */
export function formatHundredths(value: number | bigint | null | undefined, lang: Lang = 'vi'): string {
  if (value === null || value === undefined) return '';
  const text = formatDecimal(Number(value) / 100, 2, lang);
  const comma = lang === 'en' ? '.' : ',';
  return text.includes(comma) ? text.replace(/0+$/, '').replace(new RegExp(`\\${comma}$`), '') : text;
}

/** Hundredths of a percent → "83,33 %". */
export function formatPercent(value: number | bigint | null | undefined, lang: Lang = 'vi'): string {
  const text = formatHundredths(value, lang);
  return text ? `${text} %` : '';
}

/** A share of people as reports print it, always to hundredths: 9492 → "94,92 %", 9490 → "94,90 %"; null → "—". */
export function formatShare(hundredths: number | null | undefined, lang: Lang = 'vi'): string {
  if (hundredths === null || hundredths === undefined) return '—';
  return `${formatDecimal(hundredths / 100, 2, lang)} %`;
}

/** A file size for people: "812 B", "12,4 kB", "3,1 MB". */
export function formatBytes(size: number, lang: Lang = 'vi'): string {
  if (size < 1024) return `${formatNumber(size, lang)} B`;
  if (size < 1024 * 1024) return `${formatDecimal(size / 1024, 1, lang)} kB`;
  return `${formatDecimal(size / (1024 * 1024), 1, lang)} MB`;
}

/** A timestamp (ISO, UTC) as local "dd/mm/yyyy hh:mm". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getDate())}/${two(at.getMonth() + 1)}/${at.getFullYear()} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/**
 * A unit's name from its code, for the units of this office's tree: units are named by their names on screen.
 * Another office's code (the superior's, not in the tree) stays as it is.
 */
export function unitNamer(units: UnitItem[]): (code: string) => string {
  const names = new Map(units.map((u) => [u.code, u.name]));
  return (code) => names.get(code) ?? code;
}
