// A table sorted by one of its columns, as the statistics and the year's overview sort their units: by name the
// Vietnamese way, or by a column's number (ties by name).

import { compareVi } from './format';

export interface SortState<K extends string> {
  key: K;
  descending: boolean;
}

/** The rows in the order `sort` asks; `nameKey` is the column sorted by name, every other by `value`. */
export function sortRows<T, K extends string>(
  rows: readonly T[],
  sort: SortState<K>,
  nameKey: K,
  name: (row: T) => string,
  value: (key: K, row: T) => number,
): T[] {
  const sign = sort.descending ? -1 : 1;
  const sorted = [...rows];
  if (sort.key === nameKey) sorted.sort((a, b) => sign * compareVi(name(a), name(b)));
  else sorted.sort((a, b) => sign * (value(sort.key, a) - value(sort.key, b)) || compareVi(name(a), name(b)));
  return sorted;
}

/** Pressing a column's heading: the same column turns round; another starts with the largest first (names A to Z). */
export function nextSort<K extends string>(sort: SortState<K>, key: K, nameKey: K): SortState<K> {
  return sort.key === key ? { key, descending: !sort.descending } : { key, descending: key !== nameKey };
}

/** The aria-sort of a column heading. */
export function ariaSort<K extends string>(sort: SortState<K>, key: K): 'ascending' | 'descending' | 'none' {
  return sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none';
}

/** The arrow after a heading's text. */
export function sortMark<K extends string>(sort: SortState<K>, key: K): string {
  return sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : '';
}
