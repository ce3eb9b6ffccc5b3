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
export type { UnitChange } from './bindings/UnitChange';
export type { MergeOutcome } from './bindings/MergeOutcome';
export type { RosterItem } from './bindings/RosterItem';
export type { HistoryItem } from './bindings/HistoryItem';
export type { PersonProfile } from './bindings/PersonProfile';
export type { PersonInput } from './bindings/PersonInput';
export type { PlannedUnit } from './bindings/PlannedUnit';
export type { PreviewAction } from './bindings/PreviewAction';
export type { PreviewRow } from './bindings/PreviewRow';
export type { ImportIssue } from './bindings/ImportIssue';
export type { ImportReport } from './bindings/ImportReport';
export type { SheetReading } from './bindings/SheetReading';
export type { ReadingChoices } from './bindings/ReadingChoices';
export type { TemplateKind } from './bindings/TemplateKind';
export type { FirstSteps } from './bindings/FirstSteps';
export type { ListRequest } from './bindings/ListRequest';
export type { PersonnelStatistics } from './bindings/PersonnelStatistics';
export type { YearOverview } from './bindings/YearOverview';
export type { UnitAtAGlance } from './bindings/UnitAtAGlance';
export type { LevelCount } from './bindings/LevelCount';
export type { GroupTargets } from './bindings/GroupTargets';
export type { MonthProducts } from './bindings/MonthProducts';
export type { UnitStatistics } from './bindings/UnitStatistics';
export type { Statistics } from './bindings/Statistics';
export type { Share } from './bindings/Share';
export type { AgeBand } from './bindings/AgeBand';
export type { FieldIssue } from './bindings/FieldIssue';

// Measured work: targets, progress, comparison, products (NĐ 335), breakthrough tasks, action programmes.
export type { TaskGroupItem } from './bindings/TaskGroupItem';
export type { TargetFilter } from './bindings/TargetFilter';
export type { TargetLine } from './bindings/TargetLine';
export type { TargetDetail } from './bindings/TargetDetail';
export type { ProgressItem } from './bindings/ProgressItem';
export type { EvidenceItem } from './bindings/EvidenceItem';
export type { TargetInput } from './bindings/TargetInput';
export type { TargetText } from './bindings/TargetText';
export type { ProgressInput } from './bindings/ProgressInput';
export type { Period } from './bindings/Period';
export type { SheetKind } from './bindings/SheetKind';
export type { SheetReport } from './bindings/SheetReport';
export type { ComparisonGroup } from './bindings/ComparisonGroup';
export type { ComparisonRow } from './bindings/ComparisonRow';
export type { ComparisonTable } from './bindings/ComparisonTable';
export type { ProductsView } from './bindings/ProductsView';
export type { ProductLine } from './bindings/ProductLine';
export type { ProductInput } from './bindings/ProductInput';
export type { ProductSource } from './bindings/ProductSource';
export type { ProductAssessment } from './bindings/ProductAssessment';
export type { ProductScore } from './bindings/ProductScore';
export type { AssessmentInput } from './bindings/AssessmentInput';
export type { ProductFilter } from './bindings/ProductFilter';
export type { UnitProductLine } from './bindings/UnitProductLine';
export type { BreakthroughLine } from './bindings/BreakthroughLine';
export type { BreakthroughState } from './bindings/BreakthroughState';
export type { BreakthroughDetail } from './bindings/BreakthroughDetail';
export type { BreakthroughEvent } from './bindings/BreakthroughEvent';
export type { BreakthroughInput } from './bindings/BreakthroughInput';
export type { BreakthroughStep } from './bindings/BreakthroughStep';
export type { BreakthroughAction } from './bindings/BreakthroughAction';
export type { ProgrammeView } from './bindings/ProgrammeView';
export type { ProgrammeInput } from './bindings/ProgrammeInput';
export type { ProgrammeOccasion } from './bindings/ProgrammeOccasion';
export type { ActionItemView } from './bindings/ActionItemView';
export type { ActionItemInput } from './bindings/ActionItemInput';
export type { FiveClear } from './bindings/FiveClear';
export type { ItemState } from './bindings/ItemState';
export type { TargetStatus } from './bindings/TargetStatus';
export type { Direction } from './bindings/Direction';
export type { Accumulation } from './bindings/Accumulation';

// Evaluation and classification: rule sets, the year's levels with reasons, periods, facts, feedback, meetings.
export type { Level } from './bindings/Level';
export type { Reason } from './bindings/Reason';
export type { Discipline } from './bindings/Discipline';
export type { TaskCounts } from './bindings/TaskCounts';
export type { RuleSetItem } from './bindings/RuleSetItem';
export type { ImportedRuleSet } from './bindings/ImportedRuleSet';
export type { ProductKindItem } from './bindings/ProductKindItem';
export type { ProductKindInput } from './bindings/ProductKindInput';
export type { KindOrigin } from './bindings/KindOrigin';
export type { PlanChange } from './bindings/PlanChange';
export type { AuthorityItem } from './bindings/AuthorityItem';
export type { DecidedBy } from './bindings/DecidedBy';
export type { Classification } from './bindings/Classification';
export type { PersonResult } from './bindings/PersonResult';
export type { CollectiveResult } from './bindings/CollectiveResult';
export type { AttentionItem } from './bindings/AttentionItem';
export type { AttentionKind } from './bindings/AttentionKind';
export type { PeriodLine } from './bindings/PeriodLine';
export type { PeriodSheet } from './bindings/PeriodSheet';
export type { PeriodRow } from './bindings/PeriodRow';
export type { Criterion } from './bindings/Criterion';
export type { PeriodAssessmentInput } from './bindings/PeriodAssessmentInput';
export type { FactsInput } from './bindings/FactsInput';
export type { FeedbackSummary } from './bindings/FeedbackSummary';
export type { FeedbackGroupResult } from './bindings/FeedbackGroupResult';
export type { MeetingLine } from './bindings/MeetingLine';
export type { MeetingDetail } from './bindings/MeetingDetail';
export type { SubjectView } from './bindings/SubjectView';
export type { MeetingInput } from './bindings/MeetingInput';
export type { VoteInput } from './bindings/VoteInput';
export type { PersonScore } from './bindings/PersonScore';
export type { ScoredPeriod } from './bindings/ScoredPeriod';
export type { YearScore } from './bindings/YearScore';
export type { PeriodOutcome } from './bindings/PeriodOutcome';
export type { PeriodScore } from './bindings/PeriodScore';
export type { MissingPart } from './bindings/MissingPart';

// Printed documents (PDF) and the office's print settings.
export type { DocumentRequest } from './bindings/DocumentRequest';
export type { PrintOptions } from './bindings/PrintOptions';
export type { DocumentFormat } from './bindings/DocumentFormat';
export type { PrintSettings } from './bindings/PrintSettings';
export type { PageSettings } from './bindings/PageSettings';
export type { FontChoice } from './bindings/FontChoice';
export type { HeaderFormat } from './bindings/HeaderFormat';

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

/** src-tauri print_document: where the file was written, and the PDF's pages (null for a Word file). */
export interface PrintedFile {
  path: string;
  pages: number | null;
  /** Why no PDF viewer opened the file, when none did. */
  viewer_failed: string | null;
}

// src-tauri commands: the "progress" event around long jobs.

export interface ProgressPayload {
  job: 'demo' | 'import' | string;
  done: boolean;
}

// Exchange between offices (issue 7): the service types are generated (#[ts(export)]); DateTime<Utc> arrives as an
// RFC 3339 string. OfficeKey is the desktop shell's own reply, declared here by hand.

/** src-tauri office_key: the office's key, to be read out over the phone and saved as a .pub file. */
export interface OfficeKey {
  unit_code: string;
  superior_code: string | null;
  key_id: string;
  fingerprint: string;
  public_key_file: string;
}

export type { EnrolledKeyItem } from './bindings/EnrolledKeyItem';
export type { ExportReceipt } from './bindings/ExportReceipt';
export type { KindCounts } from './bindings/KindCounts';
export type { RecordIssue } from './bindings/RecordIssue';
export type { BundleReport } from './bindings/BundleReport';
export type { ChainLine } from './bindings/ChainLine';
export type { ImportProgress } from './bindings/ImportProgress';
export type { CompletenessLine } from './bindings/CompletenessLine';
export type { RefusedBundle } from './bindings/RefusedBundle';
export type { ReceiptItem } from './bindings/ReceiptItem';
export type { ReceiptFile } from './bindings/ReceiptFile';
export type { ApprovalItem } from './bindings/ApprovalItem';
export type { KeyRotation } from './bindings/KeyRotation';
export type { KeyRevocationItem } from './bindings/KeyRevocationItem';
export type { Role } from './bindings/Role';
export type { Permission } from './bindings/Permission';
export type { UserItem } from './bindings/UserItem';
export type { NewUser } from './bindings/NewUser';
export type { AuditItem } from './bindings/AuditItem';
export type { AuditVerification } from './bindings/AuditVerification';
export type { BackupReceipt } from './bindings/BackupReceipt';
export type { BackupSettings } from './bindings/BackupSettings';
export type { BackupInspection } from './bindings/BackupInspection';
export type { AutomaticBackup } from './bindings/AutomaticBackup';
