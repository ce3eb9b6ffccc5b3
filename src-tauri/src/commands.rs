//! Tauri commands: deserialize, call the service, map the error to `{code, message}`. No logic here.

use crate::state::AppState;
use serde::Serialize;
use service::app::{AppStatus, SetupInput};
use service::demo::{DemoScale, DemoSummary, DEMO_PASSWORD};
use service::layout_view::ReadingChoices;
use service::roster::{ImportOptions, ImportReport, PersonInput, PersonProfile, RosterItem};
use service::templates::TemplateKind;
use service::{ErrorBody, Lang, Office, OfficeSummary, ServiceError, Session, UnitItem};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Emitter, State};
use uuid::Uuid;

type Reply<T> = Result<T, ErrorBody>;

fn lang(state: &AppState) -> Lang {
    state.lang.lock().map(|l| *l).unwrap_or_default()
}

/// Runs `work` with the open office and the logged-in session, or says the user must log in.
fn with_office<T>(state: &AppState, work: impl FnOnce(&mut Office, &Session) -> service::Result<T>) -> Reply<T> {
    let lang = lang(state);
    let session = state.session.lock().map_err(|_| ServiceError::Internal("state lock".into()).body(lang))?.clone();
    let mut office = state.office.lock().map_err(|_| ServiceError::Internal("state lock".into()).body(lang))?;
    match (office.as_mut(), session) {
        (Some(office), Some(session)) => work(office, &session).map_err(|e| e.body(lang)),
        _ => Err(ServiceError::NotLoggedIn.body(lang)),
    }
}

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    AppStatus {
        database: state.database.display().to_string(),
        has_office: state.database.is_file(),
        logged_in: state.session.lock().ok().and_then(|s| s.as_ref().map(|s| s.username.clone())),
        lang: lang(&state),
        demo_password: DEMO_PASSWORD.into(),
    }
}

/// The 54 ethnic groups by their census names, Kinh first, for the person form's suggestions.
#[tauri::command]
pub fn ethnic_groups() -> Vec<&'static str> {
    service::roster::ETHNIC_GROUPS.to_vec()
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, lang: Lang) {
    if let Ok(mut current) = state.lang.lock() {
        *current = lang;
    }
}

fn ensure_folder(state: &AppState) -> Reply<()> {
    match state.database.parent() {
        Some(dir) => std::fs::create_dir_all(dir)
            .map_err(|e| ServiceError::CannotWrite { path: dir.display().to_string(), reason: e.to_string() }.body(lang(state))),
        None => Ok(()),
    }
}

fn remember(state: &AppState, office: Office, session: Session) {
    if let (Ok(mut o), Ok(mut s)) = (state.office.lock(), state.session.lock()) {
        *o = Some(office);
        *s = Some(session);
    }
}

#[tauri::command(async)]
pub fn setup_office(state: State<'_, AppState>, input: SetupInput) -> Reply<OfficeSummary> {
    ensure_folder(&state)?;
    let lang = lang(&state);
    let new = input.office();
    let mut office = service::create_office(&state.database, &new, &input.password).map_err(|e| e.body(lang))?;
    let session = office.login(Some(&new.admin), &input.password).map_err(|e| e.body(lang))?;
    let summary = office.summary(&session).map_err(|e| e.body(lang))?;
    remember(&state, office, session);
    Ok(summary)
}

#[derive(Clone, Serialize)]
struct Progress<'a> {
    job: &'a str,
    done: bool,
}

#[tauri::command(async)]
pub fn open_demo(app: AppHandle, state: State<'_, AppState>, scale: DemoScale) -> Reply<DemoSummary> {
    ensure_folder(&state)?;
    let _ = app.emit("progress", Progress { job: "demo", done: false });
    let result = service::demo::create_demo(&state.database, scale, 1, None).map_err(|e| e.body(lang(&state)));
    let _ = app.emit("progress", Progress { job: "demo", done: true });
    result
}

#[tauri::command(async)]
pub fn login(state: State<'_, AppState>, username: String, password: String) -> Reply<OfficeSummary> {
    let lang = lang(&state);
    let (office, session) = Office::unlock(&state.database, Some(&username), &password).map_err(|e| e.body(lang))?;
    let summary = office.summary(&session).map_err(|e| e.body(lang))?;
    remember(&state, office, session);
    Ok(summary)
}

#[tauri::command]
pub fn logout(state: State<'_, AppState>) {
    if let (Ok(mut o), Ok(mut s)) = (state.office.lock(), state.session.lock()) {
        *o = None;
        *s = None;
    }
}

/// Leaves the demo for a real office: the demo database is put aside (not deleted) and the window goes back to setup.
#[tauri::command(async)]
pub fn leave_demo(state: State<'_, AppState>) -> Reply<String> {
    let lang = lang(&state);
    // Checked while the office stays open, so a refusal leaves the user where they were.
    if !with_office(&state, |office, _| office.is_demo())? {
        return Err(ServiceError::NotADemo.body(lang));
    }
    let (office, session) = match (state.office.lock(), state.session.lock()) {
        (Ok(mut o), Ok(mut s)) => (o.take(), s.take()),
        _ => (None, None),
    };
    let (Some(office), Some(session)) = (office, session) else {
        return Err(ServiceError::NotLoggedIn.body(lang));
    };
    service::demo::leave_demo(office, &session).map(|path| path.display().to_string()).map_err(|e| e.body(lang))
}

#[tauri::command(async)]
pub fn first_steps(state: State<'_, AppState>) -> Reply<service::first_steps::FirstSteps> {
    with_office(&state, |office, session| office.first_steps(session))
}

#[tauri::command(async)]
pub fn export_personnel_statistics(
    state: State<'_, AppState>,
    unit_code: Option<String>,
    as_of: Option<NaiveDate>,
    path: PathBuf,
) -> Reply<usize> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.export_personnel_statistics(session, unit_code.as_deref(), as_of, &path, lang))
}

#[tauri::command(async)]
pub fn export_year_overview(
    state: State<'_, AppState>,
    year: i32,
    unit_code: Option<String>,
    as_of: Option<NaiveDate>,
    path: PathBuf,
) -> Reply<usize> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.export_year_overview(session, year, unit_code.as_deref(), as_of, &path, lang))
}

#[tauri::command(async)]
pub fn export_list(state: State<'_, AppState>, list: service::lists::ListRequest, path: PathBuf) -> Reply<usize> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.export_list(session, &list, &path, lang))
}

#[tauri::command(async)]
pub fn year_overview(
    state: State<'_, AppState>,
    year: i32,
    unit_code: Option<String>,
    as_of: Option<NaiveDate>,
) -> Reply<service::overview::YearOverview> {
    with_office(&state, |office, session| office.year_overview(session, year, unit_code.as_deref(), as_of))
}

#[tauri::command(async)]
pub fn personnel_statistics(
    state: State<'_, AppState>,
    unit_code: Option<String>,
    as_of: Option<NaiveDate>,
) -> Reply<service::statistics::PersonnelStatistics> {
    with_office(&state, |office, session| office.personnel_statistics(session, unit_code.as_deref(), as_of))
}

#[tauri::command(async)]
pub fn office_summary(state: State<'_, AppState>) -> Reply<OfficeSummary> {
    with_office(&state, |office, session| office.summary(session))
}

#[tauri::command(async)]
pub fn units(state: State<'_, AppState>) -> Reply<Vec<UnitItem>> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.units(session, lang))
}

/// A unit added under another, from the organisation tab.
#[tauri::command(async)]
pub fn add_unit(state: State<'_, AppState>, code: String, name: String, level: String, parent_code: String) -> Reply<UnitItem> {
    with_office(&state, |office, session| office.add_unit(session, &service::NewUnit { code, name, level, parent_code }))
}

#[tauri::command(async)]
pub fn rename_unit(state: State<'_, AppState>, code: String, name: String) -> Reply<()> {
    with_office(&state, |office, session| office.rename_unit(session, &code, &name))
}

#[tauri::command(async)]
pub fn move_unit(state: State<'_, AppState>, code: String, parent_code: String) -> Reply<()> {
    with_office(&state, |office, session| office.move_unit(session, &code, &parent_code))
}

/// Units merged into another, from the organisation tab.
#[tauri::command(async)]
pub fn merge_units(state: State<'_, AppState>, codes: Vec<String>, into: String, on: chrono::NaiveDate) -> Reply<service::MergeOutcome> {
    with_office(&state, |office, session| office.merge_units(session, &codes, &into, Some(on)))
}

#[tauri::command(async)]
pub fn dissolve_unit(state: State<'_, AppState>, code: String, on: chrono::NaiveDate) -> Reply<()> {
    with_office(&state, |office, session| office.dissolve_unit(session, &code, Some(on)))
}

#[tauri::command(async)]
pub fn unit_history(state: State<'_, AppState>, code: String) -> Reply<Vec<service::UnitChange>> {
    with_office(&state, |office, session| office.unit_history(session, &code))
}

#[tauri::command(async)]
pub fn roster(state: State<'_, AppState>) -> Reply<Vec<RosterItem>> {
    with_office(&state, |office, session| office.roster(session))
}

#[tauri::command(async)]
pub fn find_person_ids(state: State<'_, AppState>, query: String) -> Reply<Vec<Uuid>> {
    with_office(&state, |office, session| office.find_person_ids(session, &query))
}

#[tauri::command(async)]
pub fn person_profile(state: State<'_, AppState>, person_id: Uuid) -> Reply<PersonProfile> {
    with_office(&state, |office, session| office.person_profile(session, person_id))
}

#[tauri::command(async)]
pub fn position_names(state: State<'_, AppState>) -> Reply<Vec<String>> {
    with_office(&state, |office, session| office.position_names(session))
}

#[tauri::command(async)]
pub fn add_person(state: State<'_, AppState>, input: PersonInput) -> Reply<RosterItem> {
    with_office(&state, |office, session| office.add_person(session, &input))
}

#[tauri::command(async)]
pub fn update_person(state: State<'_, AppState>, person_id: Uuid, input: PersonInput) -> Reply<RosterItem> {
    with_office(&state, |office, session| office.update_person(session, person_id, &input))
}

#[tauri::command(async)]
pub fn write_template(state: State<'_, AppState>, kind: TemplateKind, path: PathBuf) -> Reply<()> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.write_template(session, kind, &path, lang))
}

fn roster_import_options(
    dry_run: bool,
    create_units: bool,
    reading: Option<ReadingChoices>,
    default_unit: Option<String>,
) -> ImportOptions {
    ImportOptions { dry_run, create_units, today: None, reading: reading.unwrap_or_default(), default_unit }
}

#[tauri::command(async)]
pub fn preview_import(
    state: State<'_, AppState>,
    path: PathBuf,
    create_units: bool,
    reading: Option<ReadingChoices>,
    default_unit: Option<String>,
) -> Reply<ImportReport> {
    let options = roster_import_options(true, create_units, reading, default_unit);
    with_office(&state, |office, session| office.preview_roster_import(session, &path, &options))
}

#[tauri::command(async)]
pub fn import_roster(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
    create_units: bool,
    reading: Option<ReadingChoices>,
    default_unit: Option<String>,
) -> Reply<ImportReport> {
    let options = roster_import_options(false, create_units, reading, default_unit);
    let _ = app.emit("progress", Progress { job: "import", done: false });
    let result = with_office(&state, |office, session| office.import_roster(session, &path, &options));
    let _ = app.emit("progress", Progress { job: "import", done: true });
    result
}

// Measured work: targets, progress, comparison, products, breakthrough tasks, action programmes.

use chrono::NaiveDate;
use service::work::{
    AssessmentInput, BreakthroughDetail, BreakthroughInput, BreakthroughLine, BreakthroughStep, ComparisonGroup, ComparisonTable,
    ProductFilter, ProductInput, ProductSource, ProductsView, ProgrammeInput, ProgrammeView, ProgressInput, SheetKind, SheetOptions,
    SheetReport, TargetDetail, TargetFilter, TargetInput, TargetLine, TaskGroupItem, UnitProductLine,
};
use service::work::{BreakthroughState, ItemState, Period};

#[tauri::command(async)]
pub fn task_groups(state: State<'_, AppState>) -> Reply<Vec<TaskGroupItem>> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.task_groups(session, lang))
}

#[tauri::command(async)]
pub fn target_years(state: State<'_, AppState>) -> Reply<Vec<i32>> {
    with_office(&state, |office, session| office.target_years(session))
}

#[tauri::command(async)]
pub fn targets(state: State<'_, AppState>, filter: TargetFilter) -> Reply<Vec<TargetLine>> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.targets(session, &filter, lang))
}

#[tauri::command(async)]
pub fn target_detail(state: State<'_, AppState>, id: Uuid, as_of: Option<NaiveDate>) -> Reply<TargetDetail> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.target_detail(session, id, as_of, lang))
}

#[tauri::command(async)]
pub fn save_target(state: State<'_, AppState>, input: TargetInput) -> Reply<Uuid> {
    with_office(&state, |office, session| office.save_target(session, &input))
}

#[tauri::command(async)]
pub fn report_progress(state: State<'_, AppState>, input: ProgressInput) -> Reply<()> {
    with_office(&state, |office, session| office.report_progress(session, &input))
}

#[tauri::command(async)]
pub fn save_evidence(state: State<'_, AppState>, sha256: String, path: PathBuf) -> Reply<()> {
    with_office(&state, |office, session| office.save_evidence(session, &sha256, &path))
}

#[tauri::command(async)]
pub fn preview_sheet(state: State<'_, AppState>, kind: SheetKind, path: PathBuf, reading: Option<ReadingChoices>) -> Reply<SheetReport> {
    with_office(&state, |office, session| office.preview_sheet(session, kind, &path, &reading.unwrap_or_default()))
}

#[tauri::command(async)]
pub fn import_sheet(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: SheetKind,
    path: PathBuf,
    reading: Option<ReadingChoices>,
) -> Reply<SheetReport> {
    let options = SheetOptions { dry_run: false, reading: reading.unwrap_or_default() };
    let _ = app.emit("progress", Progress { job: "import", done: false });
    let result = with_office(&state, |office, session| office.import_sheet(session, kind, &path, &options));
    let _ = app.emit("progress", Progress { job: "import", done: true });
    result
}

/// The year's results of a unit and those below it as XLSX: people, collectives.
#[tauri::command(async)]
pub fn export_results(state: State<'_, AppState>, year: i32, unit_code: String, path: PathBuf) -> Reply<(usize, usize)> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.export_results(session, year, &unit_code, &path, lang))
}

/// The whole roster as XLSX (or CSV by the extension), in the columns `roster import` reads back.
#[tauri::command(async)]
pub fn export_roster(state: State<'_, AppState>, path: PathBuf) -> Reply<usize> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.export_roster(session, &path, lang))
}

#[tauri::command(async)]
pub fn export_targets(state: State<'_, AppState>, filter: TargetFilter, path: PathBuf) -> Reply<usize> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.export_targets(session, &filter, &path, lang))
}

#[tauri::command(async)]
pub fn export_progress(state: State<'_, AppState>, filter: TargetFilter, path: PathBuf) -> Reply<usize> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.export_progress(session, &filter, &path, lang))
}

#[tauri::command(async)]
pub fn comparison_groups(state: State<'_, AppState>, year: i32) -> Reply<Vec<ComparisonGroup>> {
    with_office(&state, |office, session| office.comparison_groups(session, year, None))
}

#[tauri::command(async)]
pub fn comparison(state: State<'_, AppState>, year: i32, group: String) -> Reply<ComparisonTable> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.comparison(session, year, &group, None, lang))
}

#[tauri::command(async)]
pub fn export_comparison(state: State<'_, AppState>, year: i32, group: String, path: PathBuf) -> Reply<usize> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.export_comparison(session, year, &group, None, &path, lang))
}

#[tauri::command(async)]
pub fn products(state: State<'_, AppState>, person_id: Uuid, year: i32) -> Reply<ProductsView> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.products(session, person_id, year, lang))
}

#[tauri::command(async)]
pub fn add_product(state: State<'_, AppState>, input: ProductInput) -> Reply<Uuid> {
    with_office(&state, |office, session| office.add_product(session, &input))
}

#[tauri::command(async)]
pub fn product_from(state: State<'_, AppState>, source: ProductSource, period: Option<Period>) -> Reply<Uuid> {
    with_office(&state, |office, session| office.product_from(session, source, period))
}

#[tauri::command(async)]
pub fn assess_product(state: State<'_, AppState>, id: Uuid, input: AssessmentInput) -> Reply<()> {
    with_office(&state, |office, session| office.assess_product(session, id, &input))
}

#[tauri::command(async)]
pub fn product_plan_history(state: State<'_, AppState>, id: Uuid) -> Reply<Vec<service::work::PlanChange>> {
    with_office(&state, |office, session| office.product_plan_history(session, id))
}

#[tauri::command(async)]
pub fn update_product(state: State<'_, AppState>, id: Uuid, input: ProductInput) -> Reply<()> {
    with_office(&state, |office, session| office.update_product(session, id, &input))
}

#[tauri::command(async)]
pub fn attach_product_evidence(state: State<'_, AppState>, id: Uuid, path: PathBuf) -> Reply<()> {
    with_office(&state, |office, session| office.attach_product_evidence(session, id, &path))
}

#[tauri::command(async)]
pub fn accept_product(state: State<'_, AppState>, id: Uuid) -> Reply<()> {
    with_office(&state, |office, session| office.accept_product(session, id))
}

#[tauri::command(async)]
pub fn product_list(state: State<'_, AppState>, filter: ProductFilter) -> Reply<Vec<UnitProductLine>> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.product_list(session, &filter, lang))
}

#[tauri::command(async)]
pub fn export_products(state: State<'_, AppState>, filter: ProductFilter, path: PathBuf) -> Reply<usize> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.export_products(session, &filter, &path, lang))
}

#[tauri::command(async)]
pub fn copy_plan_forward(state: State<'_, AppState>, unit_code: String, year: i32, from: Period, to: Period) -> Reply<usize> {
    with_office(&state, |office, session| office.copy_plan_forward(session, &unit_code, year, from, to))
}

#[tauri::command(async)]
pub fn breakthrough_tasks(state: State<'_, AppState>, year: i32) -> Reply<Vec<BreakthroughLine>> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.breakthrough_tasks(session, year, lang))
}

#[tauri::command(async)]
pub fn breakthrough_detail(state: State<'_, AppState>, id: Uuid) -> Reply<BreakthroughDetail> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.breakthrough_detail(session, id, lang))
}

#[tauri::command(async)]
pub fn register_breakthrough(state: State<'_, AppState>, input: BreakthroughInput) -> Reply<Uuid> {
    with_office(&state, |office, session| office.register_breakthrough(session, &input))
}

#[tauri::command(async)]
pub fn breakthrough_step(state: State<'_, AppState>, step: BreakthroughStep) -> Reply<BreakthroughState> {
    with_office(&state, |office, session| office.breakthrough_step(session, &step))
}

#[tauri::command(async)]
pub fn programmes(state: State<'_, AppState>, person_id: Option<Uuid>) -> Reply<Vec<ProgrammeView>> {
    let lang = lang(&state);
    let today = chrono::Local::now().date_naive();
    with_office(&state, |office, session| office.programmes(session, person_id, today, lang))
}

#[tauri::command(async)]
pub fn create_programme(state: State<'_, AppState>, input: ProgrammeInput) -> Reply<Uuid> {
    with_office(&state, |office, session| office.create_programme(session, &input))
}

#[tauri::command(async)]
pub fn set_action_item(state: State<'_, AppState>, item_id: Uuid, item_state: ItemState, note: String) -> Reply<()> {
    with_office(&state, |office, session| office.set_action_item(session, item_id, item_state, &note))
}

// Evaluation and classification: rule sets, periods, facts, feedback, the year's levels, review meetings.

use service::evaluation::{
    AttentionItem, Classification, FactsInput, FeedbackSummary, ImportedRuleSet, Level, MeetingDetail, MeetingInput, MeetingLine,
    PeriodAssessmentInput, PeriodLine, PeriodSheet, RuleSetItem, VoteInput,
};

#[tauri::command(async)]
pub fn rule_sets(state: State<'_, AppState>) -> Reply<Vec<RuleSetItem>> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.rule_sets(session, lang))
}

#[tauri::command(async)]
pub fn authority(state: State<'_, AppState>) -> Reply<Vec<service::evaluation::AuthorityItem>> {
    with_office(&state, |office, session| office.authority(session))
}

#[tauri::command(async)]
pub fn set_authority(state: State<'_, AppState>, group: String, decided_by: Option<service::evaluation::DecidedBy>) -> Reply<()> {
    with_office(&state, |office, session| office.set_authority(session, &group, decided_by))
}

#[tauri::command(async)]
pub fn product_kinds(state: State<'_, AppState>, group: Option<String>) -> Reply<Vec<service::work::ProductKindItem>> {
    with_office(&state, |office, session| office.product_kinds(session, group.as_deref()))
}

#[tauri::command(async)]
pub fn save_product_kind(state: State<'_, AppState>, input: service::work::ProductKindInput) -> Reply<()> {
    with_office(&state, |office, session| office.save_product_kind(session, &input))
}

#[tauri::command(async)]
pub fn remove_product_kind(state: State<'_, AppState>, code: String) -> Reply<()> {
    with_office(&state, |office, session| office.remove_product_kind(session, &code))
}

#[tauri::command(async)]
pub fn reset_product_kind(state: State<'_, AppState>, code: String) -> Reply<()> {
    with_office(&state, |office, session| office.reset_product_kind(session, &code))
}

#[tauri::command(async)]
pub fn import_rule_set(state: State<'_, AppState>, path: PathBuf) -> Reply<ImportedRuleSet> {
    with_office(&state, |office, session| office.import_rule_set_file(session, &path))
}

#[tauri::command(async)]
pub fn choose_rule_set(state: State<'_, AppState>, group: String, code: Option<String>) -> Reply<()> {
    with_office(&state, |office, session| office.choose_rule_set(session, &group, code.as_deref()))
}

#[tauri::command(async)]
pub fn classify(state: State<'_, AppState>, year: i32, unit_code: String) -> Reply<Classification> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.classify(session, year, &unit_code, lang))
}

#[tauri::command(async)]
pub fn attention_list(state: State<'_, AppState>, year: i32, unit_code: String) -> Reply<Vec<AttentionItem>> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.attention_list(session, year, &unit_code, lang))
}

#[tauri::command(async)]
pub fn periods(state: State<'_, AppState>, year: i32) -> Reply<Vec<PeriodLine>> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.periods(session, year, lang))
}

#[tauri::command(async)]
pub fn open_period(state: State<'_, AppState>, year: i32, period: Period) -> Reply<PeriodLine> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.open_period(session, year, period, lang))
}

#[tauri::command(async)]
pub fn period_named(state: State<'_, AppState>, year: i32, period: String) -> Reply<PeriodLine> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.period_named(session, year, &period, lang))
}

#[tauri::command(async)]
pub fn close_period(state: State<'_, AppState>, period_id: Uuid) -> Reply<()> {
    with_office(&state, |office, session| office.close_period(session, period_id))
}

#[tauri::command(async)]
pub fn period_sheet(state: State<'_, AppState>, period_id: Uuid, unit_code: String) -> Reply<PeriodSheet> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.period_sheet(session, period_id, &unit_code, lang))
}

#[tauri::command(async)]
pub fn self_assess(state: State<'_, AppState>, input: PeriodAssessmentInput) -> Reply<()> {
    with_office(&state, |office, session| office.self_assess(session, &input))
}

#[tauri::command(async)]
pub fn superior_assess(state: State<'_, AppState>, input: PeriodAssessmentInput) -> Reply<()> {
    with_office(&state, |office, session| office.superior_assess(session, &input))
}

#[tauri::command(async)]
pub fn export_assessments(state: State<'_, AppState>, year: i32, period: Option<Period>, unit_code: String, path: PathBuf) -> Reply<usize> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.export_assessments(session, year, period, &unit_code, &path, lang))
}

#[tauri::command(async)]
pub fn year_facts(state: State<'_, AppState>, year: i32, subject_id: Uuid) -> Reply<FactsInput> {
    with_office(&state, |office, session| office.year_facts(session, year, subject_id))
}

#[tauri::command(async)]
pub fn save_year_facts(state: State<'_, AppState>, input: FactsInput) -> Reply<()> {
    with_office(&state, |office, session| office.save_year_facts(session, &input))
}

#[tauri::command(async)]
pub fn give_feedback(state: State<'_, AppState>, year: i32, rated: Uuid, rater: Uuid, group: String, points: String) -> Reply<()> {
    with_office(&state, |office, session| office.give_feedback(session, year, rated, rater, &group, &points))
}

#[tauri::command(async)]
pub fn feedback_summary(state: State<'_, AppState>, year: i32, person_id: Uuid) -> Reply<FeedbackSummary> {
    with_office(&state, |office, session| office.feedback_summary(session, year, person_id))
}

#[tauri::command(async)]
pub fn meetings(state: State<'_, AppState>) -> Reply<Vec<MeetingLine>> {
    with_office(&state, |office, session| office.meetings(session))
}

#[tauri::command(async)]
pub fn meeting_detail(state: State<'_, AppState>, meeting_id: Uuid) -> Reply<MeetingDetail> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.meeting_detail(session, meeting_id, lang))
}

#[tauri::command(async)]
pub fn open_meeting(state: State<'_, AppState>, input: MeetingInput) -> Reply<Uuid> {
    let lang = lang(&state);
    with_office(&state, |office, session| office.open_meeting(session, &input, lang))
}

#[tauri::command(async)]
pub fn set_attendance(state: State<'_, AppState>, meeting_id: Uuid, invited: u32, present: u32, absent_note: String) -> Reply<()> {
    with_office(&state, |office, session| office.set_attendance(session, meeting_id, invited, present, &absent_note))
}

#[tauri::command(async)]
pub fn record_vote(state: State<'_, AppState>, meeting_id: Uuid, subject_id: Uuid, vote: VoteInput) -> Reply<Option<Level>> {
    with_office(&state, |office, session| office.record_vote(session, meeting_id, subject_id, &vote))
}

#[tauri::command(async)]
pub fn propose(state: State<'_, AppState>, meeting_id: Uuid, subject_id: Uuid, level: Level, reason: String) -> Reply<()> {
    with_office(&state, |office, session| office.propose(session, meeting_id, subject_id, level, &reason))
}

#[tauri::command(async)]
pub fn decide(state: State<'_, AppState>, meeting_id: Uuid, subject_id: Uuid, level: Level, reason: String) -> Reply<()> {
    with_office(&state, |office, session| office.decide(session, meeting_id, subject_id, level, &reason))
}

#[tauri::command(async)]
pub fn lock_meeting(state: State<'_, AppState>, meeting_id: Uuid) -> Reply<()> {
    with_office(&state, |office, session| office.lock_meeting(session, meeting_id))
}

// Printed documents: the PDF shown in the system's viewer, or saved where the user chose; the print settings.

use service::printing::{DocumentRequest, PrintOptions, PrintSettings};

/// Where a printed document was written, and how many pages it has (None for a Word file, which Word paginates).
#[derive(Serialize)]
pub struct PrintedFile {
    path: String,
    pages: Option<usize>,
    /// Why no PDF viewer opened the file, when none did: the window then offers the folder and "Lưu PDF…".
    viewer_failed: Option<String>,
}

#[tauri::command(async)]
pub fn print_document(
    app: AppHandle,
    state: State<'_, AppState>,
    request: DocumentRequest,
    options: PrintOptions,
    save_to: Option<PathBuf>,
) -> Reply<PrintedFile> {
    let document = with_office(&state, |office, session| office.print_document(session, &request, &options))?;
    let shown = show_or_save(&app, &state, &document, save_to)?;
    Ok(PrintedFile { path: shown.path.display().to_string(), pages: document.pages, viewer_failed: shown.viewer_failed })
}

/// Saves the document where the user chose, or writes it to the print folder and opens it in the PDF viewer.
fn show_or_save(
    app: &AppHandle,
    state: &State<'_, AppState>,
    document: &service::printing::PrintedDocument,
    save_to: Option<PathBuf>,
) -> Result<crate::viewer::Shown, ErrorBody> {
    match save_to {
        Some(path) => service::printing::save_document(document, &path)
            .map(|()| crate::viewer::Shown { path, viewer_failed: None })
            .map_err(|e| e.body(lang(state))),
        None => crate::viewer::show(app, document, lang(state), chosen_print_folder(state)),
    }
}

/// The print folder chosen in the print settings, if any (read each time: another window may have changed it).
fn chosen_print_folder(state: &State<'_, AppState>) -> Option<PathBuf> {
    with_office(state, |office, session| office.print_settings(session)).ok().and_then(|s| s.chosen_folder())
}

/// Shows the folder of a printed file in the file manager.
#[tauri::command(async)]
pub fn reveal_printed(app: AppHandle, state: State<'_, AppState>, path: PathBuf) -> Reply<()> {
    crate::viewer::reveal(&app, &path, lang(&state))
}

/// Copies a printed file (from the print folder only) to where the user chose.
#[tauri::command(async)]
pub fn save_printed_copy(app: AppHandle, state: State<'_, AppState>, from: PathBuf, to: PathBuf) -> Reply<()> {
    let lang = lang(&state);
    let (folder, _, _) = crate::viewer::print_folder(&app, lang, chosen_print_folder(&state))?;
    // The file itself resolved (a link inside the folder must not lead out of it), then its folder and kind checked.
    let resolved = from.canonicalize().ok();
    let inside = resolved.as_deref().and_then(Path::parent).is_some_and(|p| Some(p.to_path_buf()) == folder.canonicalize().ok());
    if !inside || resolved.as_deref().and_then(Path::extension).is_none_or(|e| e != "pdf" && e != "docx") {
        return Err(ServiceError::CannotWrite { path: to.display().to_string(), reason: "not a printed file".into() }.body(lang));
    }
    std::fs::copy(&from, &to)
        .map(drop)
        .map_err(|e| ServiceError::CannotWrite { path: to.display().to_string(), reason: e.to_string() }.body(lang))
}

#[tauri::command(async)]
pub fn print_settings(state: State<'_, AppState>) -> Reply<PrintSettings> {
    with_office(&state, |office, session| office.print_settings(session))
}

#[tauri::command(async)]
pub fn save_print_settings(state: State<'_, AppState>, settings: PrintSettings) -> Reply<()> {
    with_office(&state, |office, session| office.save_print_settings(session, &settings))
}

// Exchange between offices (issue 7): the office's own key, enrolling the key of an office below or above, the
// signed bundle sent and received, the state of each chain. Bundle work runs on a blocking thread, off the UI.

use service::exchange::{
    ApprovalInput, ApprovalItem, BundleReport, ChainLine, CompletenessLine, EnrolledKeyItem, ExportReceipt, ImportOptions as BundleOptions,
    ImportProgress, KeyRevocationItem, KeyRotation, ReceiptFile, ReceiptItem,
};
use tauri::Manager;

/// The office's key as the exchange screen shows it: to be read out over the phone and saved as a .pub file.
#[derive(Serialize)]
pub struct OfficeKey {
    unit_code: String,
    superior_code: Option<String>,
    key_id: String,
    fingerprint: String,
    public_key_file: String,
}

/// Runs `work` with the office on a blocking thread, so a large bundle does not hold up the window.
async fn off_thread<T: Send + 'static>(
    app: AppHandle,
    work: impl FnOnce(&mut Office, &Session) -> service::Result<T> + Send + 'static,
) -> Reply<T> {
    let fallback = app.clone();
    tauri::async_runtime::spawn_blocking(move || with_office(&app.state::<AppState>(), work))
        .await
        .unwrap_or_else(|e| Err(ServiceError::Internal(e.to_string()).body(lang(&fallback.state::<AppState>()))))
}

#[tauri::command(async)]
pub fn office_key(state: State<'_, AppState>) -> Reply<OfficeKey> {
    with_office(&state, |office, session| {
        let summary = office.summary(session)?;
        Ok(OfficeKey {
            unit_code: summary.unit_code,
            superior_code: summary.superior_code,
            key_id: summary.key_id,
            fingerprint: summary.fingerprint,
            public_key_file: office.public_key_file(session)?,
        })
    })
}

#[tauri::command(async)]
pub fn save_public_key(state: State<'_, AppState>, path: PathBuf) -> Reply<String> {
    with_office(&state, |office, session| office.export_public_key(session, &path))?;
    Ok(path.display().to_string())
}

#[tauri::command(async)]
pub fn enrolled_keys(state: State<'_, AppState>) -> Reply<Vec<EnrolledKeyItem>> {
    with_office(&state, |office, session| office.enrolled_keys(session))
}

#[tauri::command(async)]
pub fn enrol_key(state: State<'_, AppState>, path: PathBuf, unit_code: String, fingerprint: String) -> Reply<EnrolledKeyItem> {
    with_office(&state, |office, session| office.enrol_key_file(session, &path, &unit_code, &fingerprint))
}

/// Re-enrolment of an office below that lost everything: its old key revoked, both chains with it start again.
#[tauri::command(async)]
pub fn reenrol_key(
    state: State<'_, AppState>,
    path: PathBuf,
    unit_code: String,
    fingerprint: String,
    reason: String,
) -> Reply<EnrolledKeyItem> {
    with_office(&state, |office, session| office.reenrol_key_file(session, &path, &unit_code, &fingerprint, &reason))
}

#[tauri::command]
pub async fn export_bundle(app: AppHandle, destination: String, password: String, folder: PathBuf) -> Reply<ExportReceipt> {
    off_thread(app, move |office, session| office.export_bundle(session, &destination, &password, &folder)).await
}

#[tauri::command]
pub async fn preview_bundle(app: AppHandle, path: PathBuf) -> Reply<BundleReport> {
    // The service's progress, as "bundle-progress" events for the window's bar.
    let events = app.clone();
    let options = BundleOptions {
        progress: Some(std::sync::Arc::new(move |p: ImportProgress| {
            let _ = events.emit("bundle-progress", p);
        })),
        ..BundleOptions::default()
    };
    off_thread(app, move |office, session| office.preview_bundle_file(session, &path, &options)).await
}

#[tauri::command]
pub async fn import_bundle(app: AppHandle, path: PathBuf) -> Reply<BundleReport> {
    let _ = app.emit("progress", Progress { job: "bundle", done: false });
    let events = app.clone();
    let options = BundleOptions {
        progress: Some(std::sync::Arc::new(move |p: ImportProgress| {
            let _ = events.emit("bundle-progress", p);
        })),
        ..BundleOptions::default()
    };
    let result = off_thread(app.clone(), move |office, session| office.import_bundle_file(session, &path, &options)).await;
    let _ = app.emit("progress", Progress { job: "bundle", done: true });
    result
}

#[tauri::command(async)]
pub fn bundle_status(state: State<'_, AppState>) -> Reply<Vec<ChainLine>> {
    with_office(&state, |office, session| office.bundle_status(session))
}

#[tauri::command(async)]
pub fn bundle_completeness(state: State<'_, AppState>, period: String) -> Reply<Vec<CompletenessLine>> {
    with_office(&state, |office, session| office.completeness(session, &period))
}

// Receipts, approvals of a unit's year, and the office keys over time (rotation, revocation).

#[tauri::command]
pub async fn write_receipt(app: AppHandle, source_unit: String, sequence: u64, password: String, folder: PathBuf) -> Reply<ReceiptFile> {
    off_thread(app, move |office, session| office.write_receipt(session, &source_unit, sequence, &password, &folder)).await
}

#[tauri::command(async)]
pub fn import_receipt(state: State<'_, AppState>, path: PathBuf) -> Reply<ReceiptItem> {
    with_office(&state, |office, session| office.import_receipt_file(session, &path))
}

#[tauri::command(async)]
pub fn received_receipts(state: State<'_, AppState>) -> Reply<Vec<ReceiptItem>> {
    with_office(&state, |office, session| office.received_receipts(session))
}

#[tauri::command(async)]
pub fn approve_year(
    state: State<'_, AppState>,
    unit_code: String,
    year: i32,
    decision: String,
    collective_level: Option<String>,
    approved_on: Option<NaiveDate>,
) -> Reply<ApprovalItem> {
    let input = ApprovalInput { unit_code, year, decision, collective_level, approved_on };
    with_office(&state, |office, session| office.approve_year(session, &input))
}

#[tauri::command(async)]
pub fn approvals(state: State<'_, AppState>) -> Reply<Vec<ApprovalItem>> {
    with_office(&state, |office, session| office.approvals(session))
}

#[tauri::command]
pub async fn rotate_key(app: AppHandle, password: String) -> Reply<KeyRotation> {
    off_thread(app, move |office, session| office.rotate_key(session, &password)).await
}

#[tauri::command(async)]
pub fn revoke_key(state: State<'_, AppState>, unit_code: String, reason: String) -> Reply<KeyRevocationItem> {
    with_office(&state, |office, session| office.revoke_key(session, &unit_code, &reason))
}

#[tauri::command(async)]
pub fn key_revocations(state: State<'_, AppState>) -> Reply<Vec<KeyRevocationItem>> {
    with_office(&state, |office, session| office.key_revocations(session))
}

// Accounts, audit trail and backups (issue 15).

#[tauri::command(async)]
pub fn users(state: State<'_, AppState>) -> Reply<Vec<service::UserItem>> {
    with_office(&state, |office, session| office.users(session))
}

#[tauri::command(async)]
pub fn add_user(state: State<'_, AppState>, input: service::NewUser, admin_password: String) -> Reply<service::UserItem> {
    with_office(&state, |office, session| office.add_user(session, &admin_password, &input))
}

#[tauri::command(async)]
pub fn reset_password(state: State<'_, AppState>, username: String, admin_password: String, new_password: String) -> Reply<()> {
    with_office(&state, |office, session| office.reset_password(session, &admin_password, &username, &new_password))
}

#[tauri::command(async)]
pub fn set_role(state: State<'_, AppState>, username: String, role: service::Role, unit_code: Option<String>) -> Reply<()> {
    with_office(&state, |office, session| office.set_role(session, &username, role, unit_code.as_deref()))
}

#[tauri::command(async)]
pub fn deactivate_user(state: State<'_, AppState>, username: String) -> Reply<()> {
    with_office(&state, |office, session| office.deactivate_user(session, &username))
}

#[tauri::command(async)]
pub fn reactivate_user(state: State<'_, AppState>, username: String) -> Reply<()> {
    with_office(&state, |office, session| office.reactivate_user(session, &username))
}

/// A recovery sheet with a new code, shown in the PDF viewer (or saved where the user chose); it is put in force
/// only once the file is written and, when shown, the viewer opened: otherwise the earlier sheet stays in force.
#[tauri::command(async)]
pub fn print_recovery_sheet(app: AppHandle, state: State<'_, AppState>, password: String, save_to: Option<PathBuf>) -> Reply<PrintedFile> {
    let sheet = with_office(&state, |office, session| office.recovery_sheet(session, &password, &PrintOptions::default()))?;
    let shown = show_or_save(&app, &state, &sheet.document, save_to)?;
    let pages = sheet.document.pages;
    with_office(&state, |office, session| office.keep_recovery_sheet(session, sheet))?;
    Ok(PrintedFile { path: shown.path.display().to_string(), pages, viewer_failed: shown.viewer_failed })
}

/// An account name typed on the login, recovery or restore screens; empty means the first administrator.
fn account_named(username: Option<String>) -> Option<String> {
    username.filter(|u| !u.trim().is_empty())
}

/// Every administrator's password lost: the recovery sheet's code sets a new one and logs that administrator in.
#[tauri::command(async)]
pub fn recover(state: State<'_, AppState>, code: String, username: Option<String>, new_password: String) -> Reply<OfficeSummary> {
    let lang = lang(&state);
    let username = account_named(username);
    let (office, session) = service::recover(&state.database, &code, username.as_deref(), &new_password).map_err(|e| e.body(lang))?;
    let summary = office.summary(&session).map_err(|e| e.body(lang))?;
    remember(&state, office, session);
    Ok(summary)
}

/// True when the office's keys stay reachable with the new password.
#[tauri::command(async)]
pub fn change_password(state: State<'_, AppState>, current: String, new: String) -> Reply<bool> {
    with_office(&state, |office, session| office.change_password(session, &current, &new).map(|c| c.office_keys_rewrapped))
}

#[tauri::command(async)]
pub fn audit_entries(
    state: State<'_, AppState>,
    username: Option<String>,
    action: Option<String>,
    limit: Option<i64>,
) -> Reply<Vec<service::audit::AuditItem>> {
    let filter = service::audit::AuditFilter { username, action, limit };
    with_office(&state, |office, session| office.audit_entries(session, &filter))
}

#[tauri::command(async)]
pub fn verify_audit(state: State<'_, AppState>) -> Reply<service::audit::AuditVerification> {
    with_office(&state, |office, session| office.verify_audit(session))
}

#[tauri::command(async)]
pub fn backup(state: State<'_, AppState>, folder: PathBuf, rotate: bool) -> Reply<service::backup::BackupReceipt> {
    with_office(&state, |office, session| office.backup(session, &folder, rotate))
}

/// What a backup file holds and whether it checks, opened with a password valid when it was made.
#[tauri::command(async)]
pub fn inspect_backup(
    state: State<'_, AppState>,
    path: PathBuf,
    username: Option<String>,
    password: String,
) -> Reply<service::backup::BackupInspection> {
    let username = account_named(username);
    service::backup::inspect_backup(&path, username.as_deref(), &password).map_err(|e| e.body(lang(&state)))
}

/// Puts a backup in place of the window's database (a new PC, a damaged file) from the setup or login screen, where
/// no office is open; the replaced file is kept. Then logs in with the same account and password.
#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, path: PathBuf, username: Option<String>, password: String) -> Reply<OfficeSummary> {
    ensure_folder(&state)?;
    let lang = lang(&state);
    let username = account_named(username);
    service::backup::restore_backup(&state.database, &path, username.as_deref(), &password).map_err(|e| e.body(lang))?;
    let (office, session) = Office::unlock(&state.database, username.as_deref(), &password).map_err(|e| e.body(lang))?;
    let summary = office.summary(&session).map_err(|e| e.body(lang))?;
    remember(&state, office, session);
    Ok(summary)
}

/// `inspect_backup` opened with the recovery sheet's code.
#[tauri::command(async)]
pub fn inspect_backup_with_code(state: State<'_, AppState>, path: PathBuf, code: String) -> Reply<service::backup::BackupInspection> {
    service::backup::inspect_backup_with_code(&path, &code).map_err(|e| e.body(lang(&state)))
}

/// Every password forgotten and the PC gone: the backup opened with the recovery sheet's code, put in place, an
/// administrator given a new password, and logged in.
#[tauri::command(async)]
pub fn restore_backup_with_code(
    state: State<'_, AppState>,
    path: PathBuf,
    code: String,
    username: Option<String>,
    new_password: String,
) -> Reply<OfficeSummary> {
    ensure_folder(&state)?;
    let lang = lang(&state);
    let username = account_named(username);
    service::backup::restore_backup_with_code(&state.database, &path, &code, username.as_deref(), &new_password)
        .map_err(|e| e.body(lang))?;
    let (office, session) = Office::unlock(&state.database, username.as_deref(), &new_password).map_err(|e| e.body(lang))?;
    let summary = office.summary(&session).map_err(|e| e.body(lang))?;
    remember(&state, office, session);
    Ok(summary)
}

#[tauri::command(async)]
pub fn backup_settings(state: State<'_, AppState>) -> Reply<service::automatic_backup::BackupSettings> {
    with_office(&state, |office, session| office.backup_settings(session))
}

#[tauri::command(async)]
pub fn save_backup_settings(state: State<'_, AppState>, settings: service::automatic_backup::BackupSettings) -> Reply<()> {
    with_office(&state, |office, session| office.save_backup_settings(session, &settings))
}

/// The day's copy when the daily backup is on and none was made today; called by the window after logging in.
#[tauri::command(async)]
pub fn automatic_backup(state: State<'_, AppState>) -> Reply<service::automatic_backup::AutomaticBackup> {
    with_office(&state, |office, session| office.automatic_backup(session, chrono::Utc::now()))
}
