// Printed documents are PDFs made by the shell (service::printing), laid out as the Party's and the State's rules
// want them. "In" opens one in the system's PDF viewer, where the user prints it; "Lưu PDF…" saves it where the
// save dialog says; "Lưu Word…" saves the same document as DOCX, to complete in Word before signing. The names
// offered follow the shell's ("bien-ban-hoi-nghi-2026-XA_GIA_HANH.pdf").

import { save } from '@tauri-apps/plugin-dialog';
import { api } from './api';
import { fold } from './format';
import { tr } from './i18n';
import type { DocumentFormat, DocumentRequest, Period, PrintedFile } from './types';

/** Writes the document into the print folder and opens it: a PDF in the PDF viewer, a DOCX in the word processor. */
export function showDocument(request: DocumentRequest, format: DocumentFormat = 'pdf'): Promise<PrintedFile> {
  return api.printDocument(request, null, format);
}

/** Asks where to save the document, then saves it there as PDF or Word; null when the dialog was closed. */
export async function saveDocument(
  request: DocumentRequest,
  defaultName: string,
  format: DocumentFormat = 'pdf',
): Promise<PrintedFile | null> {
  const name = defaultName.replace(/\.pdf$/i, `.${format}`);
  const filter = format === 'docx' ? tr('print.word_filter_name') : tr('print.filter_name');
  const chosen = await save({ defaultPath: name, filters: [{ name: filter, extensions: [format] }] });
  if (!chosen) return null;
  const path = new RegExp(`\\.${format}$`, 'i').test(chosen) ? chosen : `${chosen}.${format}`;
  return api.printDocument(request, path, format);
}

/** "XA-GIA-HANH" → "XA_GIA_HANH", as the shell writes a unit code into a file name. */
export function codePart(code: string): string {
  return code.trim().replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
}

/** "Nguyễn Văn An" → "nguyen-van-an". */
export function slug(text: string): string {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .join('-');
}

/** A period as the shell reads it for a form: "T9" (a month), "Q3" (a quarter). */
export function periodCode(period: Period): string {
  return period.kind === 'month' ? `T${period.index}` : `Q${period.index}`;
}
