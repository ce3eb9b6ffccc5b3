// Small helpers shared by the evaluation screens (levels, years, facts prefilled from the reasons, whole numbers).

import { tr, type MessageKey } from './i18n';
import { workYears } from './work';
import type { Discipline, FactsInput, Level, Reason, UnitItem } from './types';

/** Every level, best first; "not rated" last. */
export const LEVELS: Level[] = ['excellent', 'good', 'completed', 'not_completed', 'not_rated'];
/** The four levels a meeting votes on, in the order of VoteInput and SubjectView.votes. */
export const RATED: Level[] = ['excellent', 'good', 'completed', 'not_completed'];
export const DISCIPLINES: Discipline[] = ['reprimand', 'warning', 'dismissal'];

/** The key of a level's general name (the rule set's own words come from the shell with each result). */
export function levelKey(level: Level): MessageKey {
  return `grade.${level}` as MessageKey;
}

/** The key of a level's short name, for dense tables ("Tốt" for "Hoàn thành tốt nhiệm vụ"). */
export function shortKey(level: Level): MessageKey {
  return `grade_short.${level}` as MessageKey;
}

/**
 * The short word for a level in a dense table, unless the rule set has words of its own ("Loại A"): `t` is the
 * component's `$t`, so the label follows the window language.
 */
export function compactLabel(t: (key: MessageKey) => string, level: Level, label: string): string {
  return label === t(levelKey(level)) ? t(shortKey(level)) : label;
}

/** A level's general name in the window language, for messages said from event handlers. */
export function levelName(level: Level): string {
  return tr(levelKey(level));
}

/** Years to evaluate: those with targets and this year, newest first (the demo's 2026 comes first). */
export async function evaluationYears(): Promise<number[]> {
  const years = new Set(await workYears());
  years.add(new Date().getFullYear());
  return [...years].sort((a, b) => b - a);
}

/** The office's own unit (depth 0), the default scope of the evaluation screens. */
export function officeUnit(units: UnitItem[]): string {
  return (units.find((u) => u.depth === 0) ?? units[0])?.code ?? '';
}

/** Units indented by depth, for a <select>. */
export function unitOptions(units: UnitItem[]): { code: string; label: string }[] {
  return units.map((u) => ({ code: u.code, label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.code})` }));
}

/** "12" → 12; anything but a whole number from 0 → null. */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

/** Hundredths → "35,5" as a person types it (Vietnamese style, what the shell parses). */
function typedHundredths(value: number): string {
  const whole = Math.trunc(value / 100);
  const rest = value % 100;
  if (rest === 0) return String(whole);
  return `${whole},${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

/**
 * The facts form prefilled from what the explanation says about them (discipline, months, the confidence vote,
 * open shortcomings); the rest take the values the classification assumes when nothing was recorded.
 */
export function factsFromReasons(year: number, subjectId: string, reasons: Reason[]): FactsInput {
  const facts: FactsInput = {
    year,
    subject_id: subjectId,
    discipline: null,
    months_worked: 12,
    months_absent: 0,
    low_confidence_percent: '',
    shortcomings_fixed: true,
    outstanding_unit: false,
  };
  for (const reason of reasons) {
    switch (reason.kind) {
      case 'disciplined':
        facts.discipline = reason.discipline;
        break;
      case 'too_few_months':
        facts.months_worked = reason.months;
        break;
      case 'absent':
        facts.months_absent = reason.months;
        break;
      case 'low_confidence':
        facts.low_confidence_percent = typedHundredths(reason.share);
        break;
      case 'shortcomings_open':
        facts.shortcomings_fixed = false;
        break;
      default:
        break;
    }
  }
  return facts;
}
