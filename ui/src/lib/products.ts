// Helpers of the products screens ("Sản phẩm" and the profile's products): years and periods to choose, the units
// a unit covers, a product's appraisal as typed in the form, and a scored period written the way the shell writes
// a score ("84,50 / 100: tiêu chí chung 27,00 / 30, kết quả nhiệm vụ 57,50 / 70").

import { api } from './api';
import { evaluationYears } from './evaluation';
import { formatDecimal, formatHundredths } from './format';
import { tr, type MessageKey } from './i18n';
import { chooseEvidence } from './work';
import type { AssessmentInput, FieldIssue, Lang, MissingPart, Period, PeriodOutcome, ProductLine, RosterItem, UnitItem } from './types';

/** Years a period can be worked in: those of the evaluation screens, and next year (its first month opens in December). */
export async function periodYears(): Promise<number[]> {
  const years = new Set(await evaluationYears());
  years.add(new Date().getFullYear() + 1);
  return [...years].sort((a, b) => b - a);
}

export function samePeriod(a: Period | null | undefined, b: Period | null | undefined): boolean {
  return !!a && !!b && a.kind === b.kind && a.index === b.index;
}

/** The period before, in the same year; null for January and the first quarter. */
export function previousPeriod(period: Period): Period | null {
  if (period.index <= 1) return null;
  return period.kind === 'month' ? { kind: 'month', index: period.index - 1 } : { kind: 'quarter', index: period.index - 1 };
}

/** The last day of a period (of the whole year when none) as dd/mm/yyyy: a plan's deadline unless another is typed. */
export function periodEnd(period: Period | null, year: number): string {
  const month = period === null ? 12 : period.kind === 'month' ? period.index : period.index * 3;
  const day = new Date(year, month, 0).getDate();
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** The unit and every unit below it, by code. */
export function unitScope(units: UnitItem[], code: string): Set<string> {
  const scope = new Set<string>([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parent_code && scope.has(u.parent_code) && !scope.has(u.code)) {
        scope.add(u.code);
        grew = true;
      }
    }
  }
  return scope;
}

/**
 * The unit a products screen opens on: the office's own unit, unless it holds too many people to appraise on one
 * screen (a province, whose people sit in the agencies of its communes), then down the tree, each time to the first
 * unit below that has people, until one holds few enough.
 */
export function defaultProductsUnit(units: UnitItem[], people: RosterItem[], most = 400): string {
  const office = (units.find((u) => u.depth === 0) ?? units[0])?.code ?? '';
  if (!office) return '';
  // People of each unit and everything below it (units come parents first, so children are added up first).
  const total = new Map<string, number>();
  for (const p of people) total.set(p.unit_code, (total.get(p.unit_code) ?? 0) + 1);
  for (const u of [...units].reverse()) {
    if (u.parent_code) total.set(u.parent_code, (total.get(u.parent_code) ?? 0) + (total.get(u.code) ?? 0));
  }
  let at = office;
  while ((total.get(at) ?? 0) > most) {
    const below = units.find((u) => u.parent_code === at && (total.get(u.code) ?? 0) > 0);
    if (!below) break;
    at = below.code;
  }
  return at;
}

/** The appraisal form's fields, as typed. */
export interface AppraisalText {
  delivered: string;
  completed_on: string;
  quality_percent: string;
  major_errors: string;
  on_time_percent: string;
  delays: string;
}

export const APPRAISAL_FIELDS: (keyof AppraisalText)[] = [
  'delivered',
  'completed_on',
  'quality_percent',
  'major_errors',
  'on_time_percent',
  'delays',
];

/** The form prefilled: the saved appraisal, or "delivered as required, on time, without errors" for a new one. */
export function appraisalText(p: ProductLine): AppraisalText {
  const a = p.assessment;
  if (!a) {
    return { delivered: p.required_text, completed_on: p.completed_on, quality_percent: '100', major_errors: '0', on_time_percent: '100', delays: '0' };
  }
  return {
    delivered: formatHundredths(a.delivered, 'vi'),
    completed_on: p.completed_on,
    quality_percent: formatHundredths(a.quality, 'vi'),
    major_errors: String(a.major_errors),
    on_time_percent: formatHundredths(a.on_time, 'vi'),
    delays: String(a.delays),
  };
}

/** The typed appraisal as the shell takes it, or the fields that are not whole numbers (errors and delays). */
export function appraisalInput(text: AppraisalText): AssessmentInput | FieldIssue[] {
  const issues: FieldIssue[] = [];
  const count = (value: string, field: string): number => {
    const trimmed = value.trim() || '0';
    if (/^\d{1,3}$/.test(trimmed)) return Number(trimmed);
    issues.push({ field, message: tr('products.bad_count'), message_en: tr('products.bad_count') });
    return 0;
  };
  const input: AssessmentInput = {
    delivered: text.delivered.trim(),
    quality_percent: text.quality_percent.trim().replace(/\s*%$/, ''),
    major_errors: count(text.major_errors, 'major_errors'),
    on_time_percent: text.on_time_percent.trim().replace(/\s*%$/, ''),
    delays: count(text.delays, 'delays'),
    completed_on: text.completed_on.trim(),
  };
  return issues.length > 0 ? issues : input;
}

/** Points in hundredths the way the shell writes a score: always two decimals ("84,50"). */
export function points2(value: number | bigint, lang: Lang): string {
  return formatDecimal(Number(value) / 100, 2, lang);
}

/** A period as scored, in words: its summary, or what it lacks, or that it is still running. */
export function outcomeText(outcome: PeriodOutcome, generalOf: number, taskOf: number, lang: Lang): string {
  if (outcome.state === 'scored') {
    return tr('score.summary', {
      total: points2(outcome.total, lang),
      general: points2(outcome.general, lang),
      general_of: generalOf,
      task: points2(outcome.task.points, lang),
      task_of: taskOf,
    });
  }
  if (outcome.state === 'missing') return missingText(outcome.missing);
  return tr('score.in_progress');
}

export function missingText(part: MissingPart): string {
  return tr(`score.missing_${part}` as MessageKey);
}

/** Files chosen in the dialog kept as a product's evidence, one by one; how many (0 when the dialog was closed). */
export async function attachEvidence(productId: string): Promise<number> {
  const paths = await chooseEvidence();
  for (const path of paths) await api.attachProductEvidence(productId, path);
  return paths.length;
}

/** A product's evidence files in a tooltip: one name a line. */
export function evidenceNames(p: ProductLine): string {
  return p.evidence.map((e) => e.file_name).join('\n');
}
