// Helpers shared by the sections of "Trao đổi dữ liệu" (components/Exchange*.svelte).

import { open, save } from '@tauri-apps/plugin-dialog';
import { formatDateTime } from './format';
import { tr, type MessageKey } from './i18n';
import { sayError } from './status';
import type { KeyRevocationItem, KindCounts } from './types';

/** The path a dialog returned, or null when none was chosen or the dialog failed (said in the status line). */
async function chosenPath(dialog: () => Promise<unknown>): Promise<string | null> {
  try {
    const chosen = await dialog();
    return typeof chosen === 'string' && chosen ? chosen : null;
  } catch (error) {
    sayError(error);
    return null;
  }
}

/** A file to read, chosen in the system dialog among the files ending in `.extension` (named by `filterKey`). */
export function pickFile(filterKey: MessageKey, extension: string): Promise<string | null> {
  return chosenPath(() => open({ multiple: false, directory: false, filters: [{ name: tr(filterKey), extensions: [extension] }] }));
}

/** A folder, chosen in the system dialog. */
export function pickFolder(): Promise<string | null> {
  return chosenPath(() => open({ multiple: false, directory: true }));
}

/** A file to write, chosen in the system's save dialog, proposed as `defaultPath`. */
export function pickSaveFile(filterKey: MessageKey, extension: string, defaultPath: string): Promise<string | null> {
  return chosenPath(() => save({ defaultPath, filters: [{ name: tr(filterKey), extensions: [extension] }] }));
}

/** A timestamp as the local day, dd/mm/yyyy. */
export function dayOf(iso: string | null): string {
  return formatDateTime(iso).slice(0, 10);
}

/** The revocation of a pinned key, if it was revoked. */
export function revocationOf(revocations: KeyRevocationItem[], unit: string, keyId: string): KeyRevocationItem | undefined {
  return revocations.find((r) => r.unit_code === unit && r.key_id === keyId);
}

const LEVEL_LABELS: Record<string, MessageKey> = {
  excellent: 'grade.excellent',
  good: 'grade.good',
  completed: 'grade.completed',
  not_completed: 'grade.not_completed',
};

/** A collective level of an approval, in words (`translate` is the component's `$t`, so it follows the language). */
export function levelLabel(translate: (key: MessageKey) => string, level: string | null): string {
  if (!level) return translate('common.none');
  return LEVEL_LABELS[level] ? translate(LEVEL_LABELS[level]) : level;
}

/** One count summed over the kinds of a bundle's report. */
export function sum(kinds: KindCounts[], field: keyof Omit<KindCounts, 'kind'>): number {
  return kinds.reduce((total, k) => total + k[field], 0);
}

/** The bundle a receipt is being saved for, and where its form is open (under the import's result or the status table). */
export type ReceiptTarget = { where: 'import' | 'status'; source: string; destination: string; sequence: number };
