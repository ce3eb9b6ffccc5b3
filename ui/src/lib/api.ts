// A typed wrapper around the Tauri commands of src-tauri/src/commands.rs. Argument names are camelCase here for
// snake_case Rust parameters (personId, createUnits); fields inside `input` stay snake_case.

import { invoke } from '@tauri-apps/api/core';
import type {
  DocumentFormat,
  UnitChange,
  MergeOutcome,
  IsoDate,
  AppStatus,
  DemoScale,
  DemoSummary,
  ErrorBody,
  FieldIssue,
  ImportReport,
  ReadingChoices,
  FirstSteps,
  ListRequest,
  PersonnelStatistics,
  YearOverview,
  TemplateKind,
  Lang,
  OfficeSummary,
  PersonInput,
  PersonProfile,
  RosterItem,
  SetupInput,
  UnitItem,
  Uuid,
  AssessmentInput,
  BreakthroughDetail,
  BreakthroughInput,
  BreakthroughLine,
  BreakthroughState,
  BreakthroughStep,
  ComparisonGroup,
  ComparisonTable,
  ItemState,
  Period,
  ProductFilter,
  ProductInput,
  ProductSource,
  ProductsView,
  ProgrammeInput,
  ProgrammeView,
  ProgressInput,
  SheetKind,
  SheetReport,
  TargetDetail,
  TargetFilter,
  TargetInput,
  TargetLine,
  TaskGroupItem,
  UnitProductLine,
  AttentionItem,
  Classification,
  FactsInput,
  FeedbackSummary,
  Level,
  MeetingDetail,
  MeetingInput,
  MeetingLine,
  PeriodAssessmentInput,
  PeriodLine,
  PeriodSheet,
  RuleSetItem,
  ImportedRuleSet,
  ProductKindInput,
  ProductKindItem,
  AuthorityItem,
  DecidedBy,
  PlanChange,
  VoteInput,
  DocumentRequest,
  PrintedFile,
  PrintSettings,
  BundleReport,
  ChainLine,
  CompletenessLine,
  EnrolledKeyItem,
  ExportReceipt,
  OfficeKey,
  ReceiptFile,
  ReceiptItem,
  ApprovalItem,
  KeyRotation,
  KeyRevocationItem,
  Role,
  UserItem,
  NewUser,
  AuditItem,
  AuditVerification,
  BackupReceipt,
  BackupSettings,
  BackupInspection,
  AutomaticBackup,
} from './types';

/** What every failed command rejects with, normalised: the shell's {code, message, fields?} or a local fault. */
export class ApiError extends Error {
  readonly code: string;
  readonly fields: FieldIssue[];

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.fields = body.fields ?? [];
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isErrorBody(error)) return new ApiError(error);
  // Tauri rejects with a plain string when the arguments do not deserialize or the command is unknown.
  if (typeof error === 'string') return new ApiError({ code: 'ui.command_failed', message: error });
  if (error instanceof Error) return new ApiError({ code: 'ui.command_failed', message: error.message });
  return new ApiError({ code: 'ui.command_failed', message: String(error) });
}

let sessionEnded: (() => void) | null = null;

/** Called when a command says the session has ended, so the window can return to the login screen. */
export function onSessionEnded(handler: (() => void) | null): void {
  sessionEnded = handler;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    const error = toApiError(raw);
    if (error.code === 'auth.not_logged_in') sessionEnded?.();
    throw error;
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  setLanguage: (lang: Lang) => call<void>('set_language', { lang }),

  setupOffice: (input: SetupInput) => call<OfficeSummary>('setup_office', { input }),
  openDemo: (scale: DemoScale) => call<DemoSummary>('open_demo', { scale }),
  login: (username: string, password: string) => call<OfficeSummary>('login', { username, password }),
  logout: () => call<void>('logout'),
  officeSummary: () => call<OfficeSummary>('office_summary'),

  users: () => call<UserItem[]>('users'),
  addUser: (input: NewUser, adminPassword: string) => call<UserItem>('add_user', { input, adminPassword }),
  resetPassword: (username: string, adminPassword: string, newPassword: string) =>
    call<void>('reset_password', { username, adminPassword, newPassword }),
  setRole: (username: string, role: Role, unitCode: string | null) => call<void>('set_role', { username, role, unitCode }),
  deactivateUser: (username: string) => call<void>('deactivate_user', { username }),
  reactivateUser: (username: string) => call<void>('reactivate_user', { username }),
  changePassword: (current: string, next: string) => call<boolean>('change_password', { current, new: next }),
  auditEntries: (username: string | null, action: string | null, limit: number | null) =>
    call<AuditItem[]>('audit_entries', { username, action, limit }),
  verifyAudit: () => call<AuditVerification>('verify_audit'),
  backup: (folder: string, rotate: boolean) => call<BackupReceipt>('backup', { folder, rotate }),
  backupSettings: () => call<BackupSettings>('backup_settings'),
  saveBackupSettings: (settings: BackupSettings) => call<void>('save_backup_settings', { settings }),
  automaticBackup: () => call<AutomaticBackup>('automatic_backup'),
  inspectBackup: (path: string, username: string | null, password: string) =>
    call<BackupInspection>('inspect_backup', { path, username, password }),
  restoreBackup: (path: string, username: string | null, password: string) =>
    call<OfficeSummary>('restore_backup', { path, username, password }),
  inspectBackupWithCode: (path: string, code: string) => call<BackupInspection>('inspect_backup_with_code', { path, code }),
  restoreBackupWithCode: (path: string, code: string, username: string | null, newPassword: string) =>
    call<OfficeSummary>('restore_backup_with_code', { path, code, username, newPassword }),
  printRecoverySheet: (password: string, saveTo: string | null) =>
    call<PrintedFile>('print_recovery_sheet', { password, saveTo }),
  recover: (code: string, username: string | null, newPassword: string) =>
    call<OfficeSummary>('recover', { code, username, newPassword }),

  units: () => call<UnitItem[]>('units'),
  addUnit: (code: string, name: string, level: string, parentCode: string) =>
    call<UnitItem>('add_unit', { code, name, level, parentCode }),
  renameUnit: (code: string, name: string) => call<void>('rename_unit', { code, name }),
  moveUnit: (code: string, parentCode: string) => call<void>('move_unit', { code, parentCode }),
  unitHistory: (code: string) => call<UnitChange[]>('unit_history', { code }),
  mergeUnits: (codes: string[], into: string, on: IsoDate) => call<MergeOutcome>('merge_units', { codes, into, on }),
  dissolveUnit: (code: string, on: IsoDate) => call<void>('dissolve_unit', { code, on }),
  roster: () => call<RosterItem[]>('roster'),
  findPersonIds: (query: string) => call<Uuid[]>('find_person_ids', { query }),
  personProfile: (personId: Uuid) => call<PersonProfile>('person_profile', { personId }),
  positionNames: () => call<string[]>('position_names'),
  addPerson: (input: PersonInput) => call<RosterItem>('add_person', { input }),
  updatePerson: (personId: Uuid, input: PersonInput) => call<RosterItem>('update_person', { personId, input }),

  revealPrinted: (path: string) => call<null>('reveal_printed', { path }),
  savePrintedCopy: (from: string, to: string) => call<null>('save_printed_copy', { from, to }),
  leaveDemo: () => call<string>('leave_demo'),
  firstSteps: () => call<FirstSteps>('first_steps'),
  personnelStatistics: (unitCode: string | null, asOf: IsoDate | null) =>
    call<PersonnelStatistics>('personnel_statistics', { unitCode, asOf }),
  exportPersonnelStatistics: (unitCode: string | null, asOf: IsoDate | null, path: string) =>
    call<number>('export_personnel_statistics', { unitCode, asOf, path }),
  exportList: (list: ListRequest, path: string) => call<number>('export_list', { list, path }),
  ethnicGroups: () => call<string[]>('ethnic_groups', {}),
  exportYearOverview: (year: number, unitCode: string | null, asOf: IsoDate | null, path: string) =>
    call<number>('export_year_overview', { year, unitCode, asOf, path }),
  yearOverview: (year: number, unitCode: string | null, asOf: IsoDate | null) =>
    call<YearOverview>('year_overview', { year, unitCode, asOf }),
  writeTemplate: (kind: TemplateKind, path: string) => call<null>('write_template', { kind, path }),
  previewImport: (path: string, createUnits: boolean, reading: ReadingChoices, defaultUnit: string | null) =>
    call<ImportReport>('preview_import', { path, createUnits, reading, defaultUnit }),
  importRoster: (path: string, createUnits: boolean, reading: ReadingChoices, defaultUnit: string | null) =>
    call<ImportReport>('import_roster', { path, createUnits, reading, defaultUnit }),

  // Measured work
  taskGroups: () => call<TaskGroupItem[]>('task_groups'),
  targetYears: () => call<number[]>('target_years'),
  targets: (filter: TargetFilter) => call<TargetLine[]>('targets', { filter }),
  targetDetail: (id: Uuid) => call<TargetDetail>('target_detail', { id, asOf: null }),
  saveTarget: (input: TargetInput) => call<Uuid>('save_target', { input }),
  reportProgress: (input: ProgressInput) => call<void>('report_progress', { input }),
  saveEvidence: (sha256: string, path: string) => call<void>('save_evidence', { sha256, path }),
  previewSheet: (kind: SheetKind, path: string, reading: ReadingChoices | null = null) =>
    call<SheetReport>('preview_sheet', { kind, path, reading }),
  importSheet: (kind: SheetKind, path: string, reading: ReadingChoices | null = null) =>
    call<SheetReport>('import_sheet', { kind, path, reading }),
  exportRoster: (path: string) => call<number>('export_roster', { path }),
  exportResults: (year: number, unitCode: string, path: string) =>
    call<[number, number]>('export_results', { year, unitCode, path }),
  exportTargets: (filter: TargetFilter, path: string) => call<number>('export_targets', { filter, path }),
  exportProgress: (filter: TargetFilter, path: string) => call<number>('export_progress', { filter, path }),
  comparisonGroups: (year: number) => call<ComparisonGroup[]>('comparison_groups', { year }),
  comparison: (year: number, group: string) => call<ComparisonTable>('comparison', { year, group }),
  exportComparison: (year: number, group: string, path: string) => call<number>('export_comparison', { year, group, path }),

  products: (personId: Uuid, year: number) => call<ProductsView>('products', { personId, year }),
  addProduct: (input: ProductInput) => call<Uuid>('add_product', { input }),
  productFrom: (source: ProductSource, period: Period | null) => call<Uuid>('product_from', { source, period }),
  assessProduct: (id: Uuid, input: AssessmentInput) => call<void>('assess_product', { id, input }),
  /** Changes a product's plan until it is appraised. */
  updateProduct: (id: Uuid, input: ProductInput) => call<void>('update_product', { id, input }),
  productPlanHistory: (id: Uuid) => call<PlanChange[]>('product_plan_history', { id }),
  /** Keeps a file (read and hashed by the shell) as evidence of a product delivered. */
  attachProductEvidence: (id: Uuid, path: string) => call<void>('attach_product_evidence', { id, path }),
  /** The head accepts a product the cadre proposed. */
  acceptProduct: (id: Uuid) => call<void>('accept_product', { id }),
  /** A year's products (a period, a unit and those below it, a person), with whose they are. */
  productList: (filter: ProductFilter) => call<UnitProductLine[]>('product_list', { filter }),
  exportProducts: (filter: ProductFilter, path: string) => call<number>('export_products', { filter, path }),
  /** Copies the plan of `from` into `to` for the unit's people; resolves with how many products were copied. */
  copyPlanForward: (unitCode: string, year: number, from: Period, to: Period) =>
    call<number>('copy_plan_forward', { unitCode, year, from, to }),

  breakthroughTasks: (year: number) => call<BreakthroughLine[]>('breakthrough_tasks', { year }),
  breakthroughDetail: (id: Uuid) => call<BreakthroughDetail>('breakthrough_detail', { id }),
  registerBreakthrough: (input: BreakthroughInput) => call<Uuid>('register_breakthrough', { input }),
  breakthroughStep: (step: BreakthroughStep) => call<BreakthroughState>('breakthrough_step', { step }),

  programmes: (personId: Uuid | null) => call<ProgrammeView[]>('programmes', { personId }),
  createProgramme: (input: ProgrammeInput) => call<Uuid>('create_programme', { input }),
  setActionItem: (itemId: Uuid, itemState: ItemState, note: string) =>
    call<void>('set_action_item', { itemId, itemState, note }),

  // Evaluation and classification
  ruleSets: () => call<RuleSetItem[]>('rule_sets'),
  chooseRuleSet: (group: string, code: string | null) => call<void>('choose_rule_set', { group, code }),
  importRuleSet: (path: string) => call<ImportedRuleSet>('import_rule_set', { path }),
  productKinds: (group: string | null) => call<ProductKindItem[]>('product_kinds', { group }),
  saveProductKind: (input: ProductKindInput) => call<void>('save_product_kind', { input }),
  removeProductKind: (code: string) => call<void>('remove_product_kind', { code }),
  resetProductKind: (code: string) => call<void>('reset_product_kind', { code }),
  authority: () => call<AuthorityItem[]>('authority'),
  setAuthority: (group: string, decidedBy: DecidedBy | null) => call<void>('set_authority', { group, decidedBy }),
  classify: (year: number, unitCode: string) => call<Classification>('classify', { year, unitCode }),
  attentionList: (year: number, unitCode: string) => call<AttentionItem[]>('attention_list', { year, unitCode }),
  periods: (year: number) => call<PeriodLine[]>('periods', { year }),
  openPeriod: (year: number, period: Period) => call<PeriodLine>('open_period', { year, period }),
  closePeriod: (periodId: Uuid) => call<void>('close_period', { periodId }),
  /** The office's period named as typed ("T3", "Q2"), when it is opened. */
  periodNamed: (year: number, period: string) => call<PeriodLine>('period_named', { year, period }),
  periodSheet: (periodId: Uuid, unitCode: string) => call<PeriodSheet>('period_sheet', { periodId, unitCode }),
  selfAssess: (input: PeriodAssessmentInput) => call<void>('self_assess', { input }),
  superiorAssess: (input: PeriodAssessmentInput) => call<void>('superior_assess', { input }),
  /** The general-criteria points of a year (or one period) of a unit and those below it, as a sheet. */
  exportAssessments: (year: number, period: Period | null, unitCode: string, path: string) =>
    call<number>('export_assessments', { year, period, unitCode, path }),
  yearFacts: (year: number, subjectId: string) => call<FactsInput>('year_facts', { year, subjectId }),
  saveYearFacts: (input: FactsInput) => call<void>('save_year_facts', { input }),
  giveFeedback: (year: number, rated: Uuid, rater: Uuid, group: string, points: string) =>
    call<void>('give_feedback', { year, rated, rater, group, points }),
  feedbackSummary: (year: number, personId: Uuid) => call<FeedbackSummary>('feedback_summary', { year, personId }),
  meetings: () => call<MeetingLine[]>('meetings'),
  meetingDetail: (meetingId: Uuid) => call<MeetingDetail>('meeting_detail', { meetingId }),
  openMeeting: (input: MeetingInput) => call<Uuid>('open_meeting', { input }),
  setAttendance: (meetingId: Uuid, invited: number, present: number, absentNote: string) =>
    call<void>('set_attendance', { meetingId, invited, present, absentNote }),
  recordVote: (meetingId: Uuid, subjectId: Uuid, vote: VoteInput) =>
    call<Level | null>('record_vote', { meetingId, subjectId, vote }),
  propose: (meetingId: Uuid, subjectId: Uuid, level: Level, reason: string) =>
    call<void>('propose', { meetingId, subjectId, level, reason }),
  decide: (meetingId: Uuid, subjectId: Uuid, level: Level, reason: string) =>
    call<void>('decide', { meetingId, subjectId, level, reason }),
  lockMeeting: (meetingId: Uuid) => call<void>('lock_meeting', { meetingId }),

  // Printed documents: shown in the system's PDF viewer when saveTo is null, else saved there (PDF or Word).
  printDocument: (request: DocumentRequest, saveTo: string | null, format: DocumentFormat = 'pdf') =>
    call<PrintedFile>('print_document', { request, options: { fixed_date: null, header: null, format }, saveTo }),
  printSettings: () => call<PrintSettings>('print_settings'),
  savePrintSettings: (settings: PrintSettings) => call<void>('save_print_settings', { settings }),

  // Exchange between offices: the office's key, enrolment of another office's key, bundles out and in.
  officeKey: () => call<OfficeKey>('office_key'),
  savePublicKey: (path: string) => call<string>('save_public_key', { path }),
  enrolledKeys: () => call<EnrolledKeyItem[]>('enrolled_keys'),
  enrolKey: (path: string, unitCode: string, fingerprint: string) =>
    call<EnrolledKeyItem>('enrol_key', { path, unitCode, fingerprint }),
  reenrolKey: (path: string, unitCode: string, fingerprint: string, reason: string) =>
    call<EnrolledKeyItem>('reenrol_key', { path, unitCode, fingerprint, reason }),
  exportBundle: (destination: string, password: string, folder: string) =>
    call<ExportReceipt>('export_bundle', { destination, password, folder }),
  previewBundle: (path: string) => call<BundleReport>('preview_bundle', { path }),
  importBundle: (path: string) => call<BundleReport>('import_bundle', { path }),
  bundleStatus: () => call<ChainLine[]>('bundle_status'),
  bundleCompleteness: (period: string) => call<CompletenessLine[]>('bundle_completeness', { period }),
  // Receipts (.tdr), the superior's approval of a unit's year, the office key renewed or a unit's key revoked.
  writeReceipt: (sourceUnit: string, sequence: number, password: string, folder: string) =>
    call<ReceiptFile>('write_receipt', { sourceUnit, sequence, password, folder }),
  importReceipt: (path: string) => call<ReceiptItem>('import_receipt', { path }),
  receivedReceipts: () => call<ReceiptItem[]>('received_receipts'),
  /** `approvedOn` as "YYYY-MM-DD" (null: today). */
  approveYear: (unitCode: string, year: number, decision: string, collectiveLevel: string | null, approvedOn: string | null) =>
    call<ApprovalItem>('approve_year', { unitCode, year, decision, collectiveLevel, approvedOn }),
  approvals: () => call<ApprovalItem[]>('approvals'),
  rotateKey: (password: string) => call<KeyRotation>('rotate_key', { password }),
  revokeKey: (unitCode: string, reason: string) => call<KeyRevocationItem>('revoke_key', { unitCode, reason }),
  keyRevocations: () => call<KeyRevocationItem[]>('key_revocations'),
};
