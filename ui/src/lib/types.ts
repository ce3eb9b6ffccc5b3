// The shapes the Tauri shell sends and receives. Those generated from the Rust types by ts-rs (`cargo test`
// writes them into ./bindings) are re-exported from there, so a change on the Rust side breaks `npm run check`
// instead of the window. The few below are the window's own, or narrower than the generated ones.

/** chrono::NaiveDate, serialized "YYYY-MM-DD". */
export type IsoDate = string;
/** uuid::Uuid, serialized as its hyphenated string. */
export type Uuid = string;

export type { Lang } from './bindings/Lang';
export type { Gender } from './bindings/Gender';
export type { Qualification } from './bindings/Qualification';
export type { PoliticalTheory } from './bindings/PoliticalTheory';
export type { AppStatus } from './bindings/AppStatus';
export type { SetupInput } from './bindings/SetupInput';
export type { OfficeSummary } from './bindings/OfficeSummary';
export type { DemoScale } from './bindings/DemoScale';
export type { DemoSummary } from './bindings/DemoSummary';
export type { UnitItem } from './bindings/UnitItem';
export type { RosterItem } from './bindings/RosterItem';
export type { HistoryItem } from './bindings/HistoryItem';
export type { PersonProfile } from './bindings/PersonProfile';
export type { PersonInput } from './bindings/PersonInput';
export type { PlannedUnit } from './bindings/PlannedUnit';
export type { PreviewAction } from './bindings/PreviewAction';
export type { PreviewRow } from './bindings/PreviewRow';
export type { ImportIssue } from './bindings/ImportIssue';
export type { ImportReport } from './bindings/ImportReport';
export type { FieldIssue } from './bindings/FieldIssue';

import type { FieldIssue } from './bindings/FieldIssue';
import type { PersonInput } from './bindings/PersonInput';

/** Unit levels as stored in unit_levels (codes). */
export type UnitLevel =
  | 'province'
  | 'district'
  | 'commune'
  | 'ward'
  | 'special_zone'
  | 'agency'
  | 'party_cell'
  | 'department';

/** The form field names the shell uses in FieldIssue.field. */
export type PersonField = keyof PersonInput;

/** service::ErrorBody as it arrives: `fields` is left out when empty (skip_serializing_if). */
export interface ErrorBody {
  code: string;
  message: string;
  fields?: FieldIssue[];
}

// src-tauri commands: the "progress" event around long jobs.

export interface ProgressPayload {
  job: 'demo' | 'import' | string;
  done: boolean;
}
