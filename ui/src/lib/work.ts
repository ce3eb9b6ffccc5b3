// Small helpers shared by the measured-work screens: file dialogs, periods, per-field problems, the years list.

import { open, save } from '@tauri-apps/plugin-dialog';
import { api } from './api';
import { lang, tr } from './i18n';
import type { FieldIssue, Lang, Period } from './types';

const SPREADSHEETS = ['xlsx', 'xls', 'csv'];

/** One spreadsheet to read; null when the dialog was closed. */
export async function chooseSpreadsheet(): Promise<string | null> {
  const chosen = await open({
    multiple: false,
    directory: false,
    filters: [{ name: tr('import.filter_name'), extensions: SPREADSHEETS }],
  });
  return typeof chosen === 'string' && chosen ? chosen : null;
}

/** Where to write an .xlsx; null when the dialog was closed. */
export async function chooseXlsxTarget(defaultName: string): Promise<string | null> {
  const chosen = await save({ defaultPath: defaultName, filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
  if (!chosen) return null;
  return /\.xlsx$/i.test(chosen) ? chosen : `${chosen}.xlsx`;
}

/** Where to save a copy of an evidence file; null when the dialog was closed. */
export async function chooseCopyTarget(fileName: string): Promise<string | null> {
  const chosen = await save({ defaultPath: fileName });
  return chosen || null;
}

/** Evidence files to attach (any kind); an empty list when the dialog was closed. */
export async function chooseEvidence(): Promise<string[]> {
  const chosen = await open({ multiple: true, directory: false });
  if (!chosen) return [];
  return (Array.isArray(chosen) ? chosen : [chosen]).filter((p): p is string => typeof p === 'string' && p !== '');
}

/** "C:\\a\\b\\báo cáo.pdf" → "báo cáo.pdf". */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The problem(s) the shell reported for one form field, in the window language. */
export function problemOf(issues: FieldIssue[], field: string, language: Lang): string {
  return issues
    .filter((i) => i.field === field)
    .map((i) => (language === 'en' ? i.message_en : i.message))
    .join(' ');
}

/** Problems for fields the form does not show (shown at its foot instead of being lost). */
export function otherProblems(issues: FieldIssue[], shown: readonly string[], language: Lang): string[] {
  return issues.filter((i) => !shown.includes(i.field)).map((i) => (language === 'en' ? i.message_en : i.message));
}

/** "Tháng 3" / "Quý 1" (or the English words). */
export function periodLabel(period: Period | null, year: number | null = null): string {
  if (!period) return year === null ? tr('period.year_only') : tr('period.year', { year });
  return period.kind === 'month' ? tr('period.month', { n: period.index }) : tr('period.quarter', { n: period.index });
}

/** Encodes a period for a <select>: "month-3", "quarter-1", "" for the whole year. */
export function periodKey(period: Period | null): string {
  return period ? `${period.kind}-${period.index}` : '';
}

export function parsePeriodKey(key: string): Period | null {
  const match = /^(month|quarter)-(\d{1,2})$/.exec(key);
  if (!match) return null;
  const index = Number(match[2]);
  return match[1] === 'month' ? { kind: 'month', index } : { kind: 'quarter', index };
}

export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
export const QUARTERS = [1, 2, 3, 4];

/** "2026-03-05" → "05/03/2026" is format.formatDate; this is today as dd/mm/yyyy, for prefilled forms. */
export function todayText(): string {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}

let yearsOnce: Promise<number[]> | null = null;

/** Years that have targets, newest first; the current year when there are none. Asked once per session. */
export function workYears(refresh = false): Promise<number[]> {
  if (refresh || !yearsOnce) {
    yearsOnce = api
      .targetYears()
      .then((years) => (years.length > 0 ? years : [new Date().getFullYear()]))
      .catch((error) => {
        yearsOnce = null;
        throw error;
      });
  }
  return yearsOnce;
}

/**
 * Calls `reload` when the window language changes (not on subscribing): the shell words labels (statuses, states,
 * periods, task groups) in the language set when they were asked for. Returns the unsubscribe function.
 */
export function onLanguageChange(reload: () => void): () => void {
  let first = true;
  return lang.subscribe(() => {
    if (first) {
      first = false;
      return;
    }
    reload();
  });
}
