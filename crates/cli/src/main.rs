//! `thuocdo`: the command-line face of the service crate. Parses, asks for the password, calls, prints.
//! Exit codes: 0 success, 1 a user error (message on stderr), 2 a usage error.

mod args;
mod output;

use args::{
    AssessCommand, AuditCommand, BreakthroughCommand, BundleCommand, Cli, Command, FactsCommand, FeedbackCommand, HeaderArg, KeysCommand,
    LangArg, MeetingsCommand, PeriodsCommand, PrintArgs, PrintCommand, ProductsCommand, ProgressCommand, RosterCommand, ScaleArg,
    TargetsCommand, TemplateArg, UnitsCommand, UsersCommand,
};
use clap::Parser;
use service::demo::DemoScale;
use service::layout_view::{ColumnChoice, ReadingChoices};
use service::printing::{DocumentRequest, HeaderFormat, PrintOptions};
use service::roster::ImportOptions;
use service::templates::TemplateKind;
use service::work::{period_from_text, ProductFilter, SheetKind, SheetOptions, TargetFilter};
use service::{Lang, NewOffice, NewUnit, Office, ServiceError};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const PASSWORD_VAR: &str = "THUOCDO_PASSWORD";
const NEW_PASSWORD_VAR: &str = "THUOCDO_NEW_PASSWORD";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    };
    match run(&cli, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            output::error(&error, lang, cli.json);
            ExitCode::from(1)
        }
    }
}

fn database_path(cli: &Cli) -> Result<PathBuf, ServiceError> {
    Ok(service::database_location(cli.db.as_deref()))
}

fn ensure_parent(path: &Path) -> Result<(), ServiceError> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|e| ServiceError::CannotWrite { path: dir.display().to_string(), reason: e.to_string() })
        }
        _ => Ok(()),
    }
}

/// From THUOCDO_PASSWORD, or asked on the terminal; never from an argument (it would show in the process list).
fn password(lang: Lang, confirm: bool) -> Result<String, ServiceError> {
    secret(PASSWORD_VAR, lang.pick("Mật khẩu: ", "Password: "), lang.pick("Nhập lại mật khẩu: ", "Repeat the password: "), confirm)
}

fn role_arg(typed: &str) -> Result<service::Role, ServiceError> {
    service::Role::from_code(typed).ok_or_else(|| ServiceError::UnknownRole { typed: typed.to_string() })
}

/// A new password (`thuocdo users password`): from THUOCDO_NEW_PASSWORD, or asked twice on the terminal.
fn new_password(lang: Lang) -> Result<String, ServiceError> {
    secret(
        NEW_PASSWORD_VAR,
        lang.pick("Mật khẩu mới: ", "New password: "),
        lang.pick("Nhập lại mật khẩu mới: ", "Repeat the new password: "),
        true,
    )
}

fn secret(var: &str, prompt: &str, again: &str, confirm: bool) -> Result<String, ServiceError> {
    match std::env::var(var) {
        Ok(password) => return Ok(password),
        Err(std::env::VarError::NotUnicode(_)) => return Err(ServiceError::PasswordRequired),
        Err(std::env::VarError::NotPresent) => {}
    }
    if !std::io::stdin().is_terminal() {
        return Err(ServiceError::PasswordRequired);
    }
    let read = |prompt: &str| rpassword::prompt_password(prompt).map_err(|_| ServiceError::PasswordRequired);
    let first = read(prompt)?;
    if confirm && read(again)? != first {
        return Err(ServiceError::PasswordsDiffer);
    }
    Ok(first)
}

/// The recovery code asked on the terminal when neither --code nor THUOCDO_RECOVERY_CODE gives it; nothing without
/// a terminal, which the service refuses as a malformed code saying what one looks like.
fn typed_recovery_code(lang: Lang) -> String {
    if !std::io::stdin().is_terminal() {
        return String::new();
    }
    rpassword::prompt_password(lang.pick("Mã khôi phục trên phiếu: ", "Recovery code from the sheet: ")).unwrap_or_default()
}

fn open(cli: &Cli, lang: Lang) -> Result<(Office, service::Session), ServiceError> {
    let (office, session, _) = open_keeping_password(cli, lang)?;
    Ok((office, session))
}

/// `open`, keeping the password for the commands that also unlock the office key with it (it signs bundles,
/// receipts and the announcement of a new key).
fn open_keeping_password(cli: &Cli, lang: Lang) -> Result<(Office, service::Session, String), ServiceError> {
    let password = password(lang, false)?;
    let (office, session) = Office::unlock(&database_path(cli)?, cli.user.as_deref(), &password)?;
    Ok((office, session, password))
}

/// The minutes of a meeting named by its id (`thuocdo minutes` and `thuocdo print minutes`).
fn minutes_request(meeting: &str) -> Result<DocumentRequest, ServiceError> {
    Ok(DocumentRequest::Minutes { meeting_id: meeting.parse().map_err(|_| ServiceError::UnknownMeeting)? })
}

/// Which document a `print` command asks for; ids that do not parse are the unknown record they cannot name.
fn print_request(command: &PrintCommand) -> Result<(DocumentRequest, &PrintArgs), ServiceError> {
    Ok(match command {
        PrintCommand::Minutes { meeting, print } => (minutes_request(meeting)?, print),
        PrintCommand::Form { person, year, period, print } => (
            DocumentRequest::Form {
                person_id: person.parse().map_err(|_| ServiceError::UnknownPerson)?,
                year: *year,
                period: period.clone(),
            },
            print,
        ),
        PrintCommand::Collective { unit, year, print } => (DocumentRequest::Collective { unit_code: unit.clone(), year: *year }, print),
        PrintCommand::Results { unit, year, print } => (DocumentRequest::Results { unit_code: unit.clone(), year: *year }, print),
        PrintCommand::Monthly { unit, year, period, print } => {
            (DocumentRequest::Monthly { unit_code: unit.clone(), year: *year, period: period.clone() }, print)
        }
        PrintCommand::Targets { unit, year, as_of, print } => {
            (DocumentRequest::Targets { unit_code: unit.clone(), year: *year, as_of: as_of.clone() }, print)
        }
        PrintCommand::Breakthrough { unit, year, print } => (DocumentRequest::Breakthrough { unit_code: unit.clone(), year: *year }, print),
        PrintCommand::Programme { id, print } => {
            (DocumentRequest::Programme { programme_id: id.parse().map_err(|_| ServiceError::UnknownProgramme)? }, print)
        }
        PrintCommand::List { list, scope, print } => (DocumentRequest::List { list: list.request(scope)? }, print),
        PrintCommand::Summary { year, unit, as_of, print } => {
            (DocumentRequest::Summary { unit_code: unit.clone(), year: *year, as_of: as_of.clone() }, print)
        }
        PrintCommand::Stats { unit, as_of, print } => {
            (DocumentRequest::Statistics { unit_code: unit.clone(), as_of: as_of.clone() }, print)
        }
    })
}

fn print_to_file(
    office: &Office,
    session: &service::Session,
    request: &DocumentRequest,
    print: &PrintArgs,
    out: &output::Printer,
) -> Result<(), ServiceError> {
    let options = PrintOptions {
        fixed_date: print.fixed_date.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()),
        header: print.header.map(|h| match h {
            HeaderArg::Party => HeaderFormat::Party,
            HeaderArg::State => HeaderFormat::State,
        }),
        format: service::printing::DocumentFormat::of_path(&print.output),
    };
    let document = office.print_document(session, request, &options)?;
    service::printing::save_document(&document, &print.output)?;
    out.printed(&print.output, &document);
    Ok(())
}

/// A work sheet's import options from the command line: the column corrections checked against the sheet kind's fields.
fn sheet_options(kind: SheetKind, dry_run: bool, reading: &args::SheetReadingArgs) -> Result<SheetOptions, ServiceError> {
    let choices = service::work::sheet_field_choices(kind);
    let columns = reading.columns.iter().map(|c| ColumnChoice::parse(c, &choices)).collect::<Result<Vec<_>, _>>()?;
    Ok(SheetOptions { dry_run, reading: ReadingChoices { header_row: reading.header_row, columns, keep_encoding: reading.keep_encoding } })
}

/// An id as typed on the command line, or the error that says which kind of record was not found.
fn id_of<T: std::str::FromStr>(text: &str, unknown: ServiceError) -> Result<T, ServiceError> {
    text.trim().parse().map_err(|_| unknown)
}

fn run(cli: &Cli, lang: Lang) -> Result<(), ServiceError> {
    let out = output::Printer { lang, json: cli.json };
    match &cli.command {
        Command::Init { unit_name, unit_code, level, parent_code, admin } => {
            let path = database_path(cli)?;
            let new = NewOffice {
                unit_name: unit_name.clone(),
                unit_code: unit_code.clone(),
                level: level.clone(),
                parent_code: parent_code.clone(),
                admin: admin.clone(),
            };
            let password = password(lang, true)?;
            ensure_parent(&path)?;
            let mut office = service::create_office(&path, &new, &password)?;
            let session = office.login(Some(admin), &password)?;
            out.office_created(&office.summary(&session)?);
        }
        Command::Demo { scale, seed } => {
            let path = database_path(cli)?;
            ensure_parent(&path)?;
            let scale = match scale {
                ScaleArg::Commune => DemoScale::Commune,
                ScaleArg::Province => DemoScale::Province,
            };
            let chosen = match std::env::var(PASSWORD_VAR) {
                Ok(password) => Some(password),
                Err(std::env::VarError::NotPresent) => None,
                Err(std::env::VarError::NotUnicode(_)) => return Err(ServiceError::PasswordRequired),
            };
            let summary = service::demo::create_demo(&path, scale, *seed, chosen.as_deref())?;
            out.demo_created(&summary);
        }
        Command::Backup { output, rotate } => {
            let (mut office, session) = open(cli, lang)?;
            out.backup_written(&office.backup(&session, output, *rotate)?);
        }
        Command::Restore { file, yes, code: Some(code) } => {
            // Every password forgotten and the PC gone: the recovery sheet opens the copy and sets a new password.
            if *yes {
                let new = new_password(lang)?;
                out.restored(&service::backup::restore_backup_with_code(&database_path(cli)?, file, code, cli.user.as_deref(), &new)?);
            } else {
                out.backup_inspected(&service::backup::inspect_backup_with_code(file, code)?, true);
            }
        }
        Command::Restore { file, yes, code: None } => {
            // The copy opens with a password of the day it was made (its manifest carries that day's key file).
            let password = password(lang, false)?;
            let user = cli.user.as_deref();
            if *yes {
                out.restored(&service::backup::restore_backup(&database_path(cli)?, file, user, &password)?);
            } else {
                out.backup_inspected(&service::backup::inspect_backup(file, user, &password)?, true);
            }
        }
        Command::Template { kind, output } => {
            let (office, session) = open(cli, lang)?;
            ensure_parent(output)?;
            let kind = match kind {
                TemplateArg::Roster => TemplateKind::Roster,
                TemplateArg::Targets => TemplateKind::Targets,
                TemplateArg::Progress => TemplateKind::Progress,
                TemplateArg::Products => TemplateKind::Products,
            };
            office.write_template(&session, kind, output, lang)?;
            out.written(output, None);
        }
        Command::RecoverySheet { output } => {
            let (mut office, session, password) = open_keeping_password(cli, lang)?;
            ensure_parent(output)?;
            let sheet = office.recovery_sheet(&session, &password, &PrintOptions::default())?;
            // Saved first: should the file not be written, the earlier sheet stays in force.
            service::printing::save_document(&sheet.document, output)?;
            let document = sheet.document.clone();
            office.keep_recovery_sheet(&session, sheet)?;
            out.recovery_sheet(output, &document);
        }
        Command::Recover { code } => {
            let code = match code {
                Some(code) => code.clone(),
                None => typed_recovery_code(lang),
            };
            let new = new_password(lang)?;
            let (_, session) = service::recover(&database_path(cli)?, &code, cli.user.as_deref(), &new)?;
            out.recovered(&session.username);
        }
        Command::Path => out.path(&database_path(cli)?),
        Command::Status => {
            let (office, session) = open(cli, lang)?;
            out.office_summary(&office.summary(&session)?);
        }
        Command::Overview { year, unit, as_of, output: Some(output) } => {
            let (office, session) = open(cli, lang)?;
            // A sheet per table: the count is of sheets, not rows, so none is shown.
            office.export_year_overview(&session, *year, unit.as_deref(), *as_of, output, lang)?;
            out.written(output, None);
        }
        Command::Overview { year, unit, as_of, output: None } => {
            let (office, session) = open(cli, lang)?;
            out.year_overview(&office.year_overview(&session, *year, unit.as_deref(), *as_of)?);
        }
        Command::List { list, scope, output } => {
            let request = list.request(scope)?;
            let (office, session) = open(cli, lang)?;
            let rows = office.export_list(&session, &request, output, lang)?;
            out.written(output, Some(rows));
        }
        Command::Stats { unit, as_of, output: Some(output) } => {
            let (office, session) = open(cli, lang)?;
            let units = office.export_personnel_statistics(&session, unit.as_deref(), *as_of, output, lang)?;
            out.written(output, Some(units));
        }
        Command::Stats { unit, as_of, output: None } => {
            let (office, session) = open(cli, lang)?;
            out.personnel_statistics(&office.personnel_statistics(&session, unit.as_deref(), *as_of)?);
        }
        Command::Keys { command } => {
            let (mut office, session, password) = open_keeping_password(cli, lang)?;
            match command {
                KeysCommand::Rotate => out.rotated(&office.rotate_key(&session, &password)?),
                KeysCommand::List => out.keys(&office.enrolled_keys(&session)?, &office.key_revocations(&session)?),
                KeysCommand::Revoke { unit_code, reason } => out.revoked(&office.revoke_key(&session, unit_code, reason)?),
                KeysCommand::Show => out.key(&office.summary(&session)?),
                KeysCommand::Export { output } => {
                    office.export_public_key(&session, output)?;
                    out.written(output, None);
                }
                KeysCommand::Enrol { file, unit_code, fingerprint, new_chain: None } => {
                    out.enrolled(&office.enrol_key_file(&session, file, unit_code, fingerprint)?);
                }
                KeysCommand::Enrol { file, unit_code, fingerprint, new_chain: Some(reason) } => {
                    out.enrolled(&office.reenrol_key_file(&session, file, unit_code, fingerprint, reason)?);
                }
            }
        }
        Command::Audit { command: AuditCommand::List { by, action, limit } } => {
            let (office, session) = open(cli, lang)?;
            let filter = service::audit::AuditFilter { username: by.clone(), action: action.clone(), limit: *limit };
            out.audit_entries(&office.audit_entries(&session, &filter)?);
        }
        Command::Audit { command: AuditCommand::Verify } => {
            let (office, session) = open(cli, lang)?;
            let verification = office.verify_audit(&session)?;
            out.audit_verified(&verification);
            if !verification.intact {
                return Err(ServiceError::AuditChainBroken { edited: verification.edited_entry, missing: verification.missing_between });
            }
        }
        Command::Users { command: UsersCommand::List } => {
            let (office, session) = open(cli, lang)?;
            out.users(&office.users(&session)?);
        }
        Command::Users { command: UsersCommand::Password } => {
            let (mut office, session, current) = open_keeping_password(cli, lang)?;
            let new = new_password(lang)?;
            out.password_changed(&office.change_password(&session, &current, &new)?);
        }
        Command::Users { command: UsersCommand::Add { name, role, unit } } => {
            let role = role_arg(role)?;
            let (mut office, session, admin_password) = open_keeping_password(cli, lang)?;
            let new = service::NewUser { username: name.clone(), role, unit_code: unit.clone(), password: new_password(lang)? };
            out.users(&[office.add_user(&session, &admin_password, &new)?]);
        }
        Command::Users { command: UsersCommand::Reset { name } } => {
            let (mut office, session, admin_password) = open_keeping_password(cli, lang)?;
            office.reset_password(&session, &admin_password, name, &new_password(lang)?)?;
            out.user_changed(&office.users(&session)?, name);
        }
        Command::Users { command: UsersCommand::Role { name, role, unit } } => {
            let role = role_arg(role)?;
            let (mut office, session) = open(cli, lang)?;
            office.set_role(&session, name, role, unit.as_deref())?;
            out.user_changed(&office.users(&session)?, name);
        }
        Command::Users { command: UsersCommand::Deactivate { name } } => {
            let (mut office, session) = open(cli, lang)?;
            office.deactivate_user(&session, name)?;
            out.user_changed(&office.users(&session)?, name);
        }
        Command::Users { command: UsersCommand::Reactivate { name } } => {
            let (mut office, session) = open(cli, lang)?;
            office.reactivate_user(&session, name)?;
            out.user_changed(&office.users(&session)?, name);
        }
        Command::Bundle { command } => {
            let (mut office, session, password) = open_keeping_password(cli, lang)?;
            match command {
                BundleCommand::Export { to, output } => {
                    out.bundle_exported(&office.export_bundle(&session, to, &password, output)?);
                }
                BundleCommand::Import { file, dry_run, allow_gap, reason } => {
                    let options = service::exchange::ImportOptions {
                        allow_gap: allow_gap.then(|| reason.clone().unwrap_or_default()),
                        ..Default::default()
                    };
                    let report = if *dry_run {
                        office.preview_bundle_file(&session, file, &options)?
                    } else {
                        office.import_bundle_file(&session, file, &options)?
                    };
                    out.bundle_imported(&report);
                }
                BundleCommand::Receipt { from, sequence, output } => {
                    out.receipt_written(&office.write_receipt(&session, from, *sequence, &password, output)?);
                }
                BundleCommand::Acknowledge { file } => out.acknowledged(&office.import_receipt_file(&session, file)?),
                BundleCommand::Approve { unit_code, year, decision, level, date } => {
                    let input = service::exchange::ApprovalInput {
                        unit_code: unit_code.clone(),
                        year: *year,
                        decision: decision.clone(),
                        collective_level: level.clone(),
                        approved_on: *date,
                    };
                    out.approvals(&[office.approve_year(&session, &input)?]);
                }
                BundleCommand::Approvals => out.approvals(&office.approvals(&session)?),
                BundleCommand::Status { period: None } => out.bundle_status(&office.bundle_status(&session)?),
                BundleCommand::Status { period: Some(period) } => out.completeness(period, &office.completeness(&session, period)?),
            }
        }
        Command::Units { command } => {
            let (mut office, session) = open(cli, lang)?;
            match command {
                UnitsCommand::List => out.units(&office.units(&session, lang)?),
                UnitsCommand::Add { code, name, level, parent_code } => {
                    let unit = office.add_unit(
                        &session,
                        &NewUnit { code: code.clone(), name: name.clone(), level: level.clone(), parent_code: parent_code.clone() },
                    )?;
                    out.unit_added(&unit);
                }
                UnitsCommand::Rename { code, name } => {
                    office.rename_unit(&session, code, name)?;
                    out.unit_changed(code);
                }
                UnitsCommand::Move { code, parent_code } => {
                    office.move_unit(&session, code, parent_code)?;
                    out.unit_changed(code);
                }
                UnitsCommand::History { code } => out.unit_history(&office.unit_history(&session, code)?),
                UnitsCommand::Merge { codes, into, on } => out.units_merged(&office.merge_units(&session, codes, into, *on)?, into),
                UnitsCommand::Dissolve { code, on } => {
                    office.dissolve_unit(&session, code, *on)?;
                    out.unit_changed(code);
                }
            }
        }
        Command::Roster { command } => {
            let (mut office, session) = open(cli, lang)?;
            match command {
                RosterCommand::Import { file, dry_run, create_units, header_row, columns, unit, keep_encoding } => {
                    let choices = service::layout_view::roster_field_choices();
                    let columns = columns.iter().map(|c| ColumnChoice::parse(c, &choices)).collect::<Result<Vec<_>, _>>()?;
                    let options = ImportOptions {
                        dry_run: *dry_run,
                        create_units: *create_units,
                        today: None,
                        reading: ReadingChoices { header_row: *header_row, columns, keep_encoding: *keep_encoding },
                        default_unit: unit.clone(),
                    };
                    out.import_report(&office.import_roster(&session, file, &options)?);
                }
                RosterCommand::List => out.roster(&office.roster(&session)?),
                RosterCommand::Find { text } => out.roster(&office.find_people(&session, text)?),
                RosterCommand::Show { person_id } => {
                    let id = person_id.parse().map_err(|_| ServiceError::UnknownPerson)?;
                    out.profile(&office.person_profile(&session, id)?);
                }
                RosterCommand::Export { file } => {
                    let rows = office.export_roster(&session, file, lang)?;
                    out.written(file, Some(rows));
                }
            }
        }
        Command::Targets { command } => {
            let (mut office, session) = open(cli, lang)?;
            match command {
                TargetsCommand::List { year, unit, as_of } => {
                    let filter = TargetFilter { year: *year, unit_code: unit.clone(), as_of: *as_of };
                    out.targets(&office.targets(&session, &filter, lang)?);
                }
                TargetsCommand::Import { file, dry_run, reading } => {
                    let options = sheet_options(SheetKind::Targets, *dry_run, reading)?;
                    out.sheet_report(&office.import_targets(&session, file, &options)?);
                }
                TargetsCommand::Export { year, unit, output } => {
                    let filter = TargetFilter { year: *year, unit_code: unit.clone(), as_of: None };
                    let rows = office.export_targets(&session, &filter, output, lang)?;
                    out.written(output, Some(rows));
                }
            }
        }
        Command::Progress { command } => {
            let (mut office, session) = open(cli, lang)?;
            match command {
                ProgressCommand::Import { file, dry_run, reading } => {
                    let options = sheet_options(SheetKind::Progress, *dry_run, reading)?;
                    out.sheet_report(&office.import_progress(&session, file, &options)?);
                }
                ProgressCommand::Export { year, unit, output } => {
                    let filter = TargetFilter { year: *year, unit_code: unit.clone(), as_of: None };
                    let rows = office.export_progress(&session, &filter, output, lang)?;
                    out.written(output, Some(rows));
                }
            }
        }
        Command::Products { command } => {
            let (mut office, session) = open(cli, lang)?;
            match command {
                ProductsCommand::Import { file, dry_run, reading } => {
                    let options = sheet_options(SheetKind::Products, *dry_run, reading)?;
                    out.sheet_report(&office.import_products(&session, file, &options)?);
                }
                ProductsCommand::Export { year, period, unit, output } => {
                    let period = period.as_deref().map(|p| period_from_text(p, *year)).transpose()?;
                    let filter = ProductFilter { year: *year, period, unit_code: unit.clone(), person_id: None };
                    let rows = office.export_products(&session, &filter, output, lang)?;
                    out.written(output, Some(rows));
                }
                ProductsCommand::History { id } => {
                    let id = id.parse().map_err(|_| ServiceError::UnknownProduct)?;
                    out.plan_history(&office.product_plan_history(&session, id)?);
                }
                ProductsCommand::List { year, period, unit, person } => {
                    let period = period.as_deref().map(|p| period_from_text(p, *year)).transpose()?;
                    let person_id = person.as_deref().map(|p| p.parse().map_err(|_| ServiceError::UnknownPerson)).transpose()?;
                    let filter = ProductFilter { year: *year, period, unit_code: unit.clone(), person_id };
                    out.products(&office.product_list(&session, &filter, lang)?);
                }
            }
        }
        Command::Periods { command } => {
            let (mut office, session) = open(cli, lang)?;
            match command {
                PeriodsCommand::List { year } => out.periods(&office.periods(&session, *year, lang)?),
                PeriodsCommand::Open { year, period } => {
                    let period = period_from_text(period, *year)?;
                    out.periods(&[office.open_period(&session, *year, period, lang)?]);
                }
                PeriodsCommand::Close { year, period } => {
                    let line = office.period_named(&session, *year, period, lang)?;
                    office.close_period(&session, line.id)?;
                    out.periods(&[office.period_named(&session, *year, period, lang)?]);
                }
                PeriodsCommand::Show { year, period, unit } => {
                    let line = office.period_named(&session, *year, period, lang)?;
                    out.period_sheet(&office.period_sheet(&session, line.id, unit, lang)?);
                }
            }
        }
        Command::Assess { command } => {
            let (mut office, session) = open(cli, lang)?;
            match command {
                AssessCommand::Import { file, dry_run, reading } => {
                    let options = sheet_options(SheetKind::Assessments, *dry_run, reading)?;
                    out.sheet_report(&office.import_assessments(&session, file, &options)?);
                }
                AssessCommand::Export { year, period, unit, output } => {
                    let period = period.as_deref().map(|p| period_from_text(p, *year)).transpose()?;
                    let rows = office.export_assessments(&session, *year, period, unit, output, lang)?;
                    out.written(output, Some(rows));
                }
            }
        }
        Command::Facts { command } => {
            let (mut office, session) = open(cli, lang)?;
            match command {
                FactsCommand::Show { subject, year } => {
                    let id = office.facts_subject(&session, subject)?;
                    out.facts(&office.year_facts(&session, *year, id)?, false);
                }
                FactsCommand::Set {
                    subject,
                    year,
                    discipline,
                    months_worked,
                    months_absent,
                    low_confidence,
                    shortcomings_fixed,
                    outstanding_unit,
                    dry_run,
                } => {
                    let id = office.facts_subject(&session, subject)?;
                    let change = service::evaluation::FactsChange {
                        discipline: discipline.clone(),
                        months_worked: *months_worked,
                        months_absent: *months_absent,
                        low_confidence: low_confidence.clone(),
                        shortcomings_fixed: shortcomings_fixed.clone(),
                        outstanding_unit: outstanding_unit.clone(),
                    };
                    out.facts(&office.change_year_facts(&session, *year, id, &change, *dry_run)?, *dry_run);
                }
            }
        }
        Command::Compare { year, group, as_of, output } => {
            let (office, session) = open(cli, lang)?;
            match (group, output) {
                (None, _) => out.comparison_groups(&office.comparison_groups(&session, *year, *as_of)?),
                (Some(group), Some(output)) => {
                    let rows = office.export_comparison(&session, *year, group, *as_of, output, lang)?;
                    out.written(output, Some(rows));
                }
                (Some(group), None) => out.comparison(&office.comparison(&session, *year, group, *as_of, lang)?),
            }
        }
        Command::Breakthrough { command: BreakthroughCommand::List { year, unfinished } } => {
            let (office, session) = open(cli, lang)?;
            let tasks = if *unfinished {
                office.unfinished_breakthrough_tasks(&session, *year, lang)?
            } else {
                office.breakthrough_tasks(&session, *year, lang)?
            };
            out.breakthrough(&tasks);
        }
        Command::Classify { year, unit, collectives: _, output: Some(path) } => {
            let (office, session) = open(cli, lang)?;
            let (people, collectives) = office.export_results(&session, *year, unit, path, lang)?;
            out.results_exported(path, people, collectives);
        }
        Command::Classify { year, unit, collectives, output: None } => {
            let (office, session) = open(cli, lang)?;
            let classification = office.classify(&session, *year, unit, lang)?;
            if *collectives {
                out.collectives(&classification.collectives);
            } else {
                out.classification(&classification.people);
            }
        }
        Command::Feedback { command } => {
            let (mut office, session) = open(cli, lang)?;
            let person = |text: &str| id_of(text, ServiceError::UnknownPerson);
            match command {
                FeedbackCommand::Give { year, rated, rater, group, points } => {
                    office.give_feedback(&session, *year, person(rated)?, person(rater)?, group, points)?;
                    out.feedback(&office.feedback_summary(&session, *year, person(rated)?)?);
                }
                FeedbackCommand::Summary { year, person: who } => out.feedback(&office.feedback_summary(&session, *year, person(who)?)?),
            }
        }
        Command::Meetings { command } => {
            let (mut office, session) = open(cli, lang)?;
            let meeting_id = |text: &str| id_of(text, ServiceError::UnknownMeeting);
            let subject_id = |text: &str| id_of(text, ServiceError::UnknownPerson);
            let shown = match command {
                MeetingsCommand::List => {
                    out.meetings(&office.meetings(&session)?);
                    return Ok(());
                }
                MeetingsCommand::Show { id } => meeting_id(id)?,
                MeetingsCommand::Open { year, unit, held_on, place, chair, secretary } => {
                    let input = service::evaluation::MeetingInput {
                        year: *year,
                        unit_code: unit.clone(),
                        held_on: held_on.clone(),
                        place: place.clone(),
                        chair: chair.clone(),
                        secretary: secretary.clone(),
                    };
                    office.open_meeting(&session, &input, lang)?
                }
                MeetingsCommand::Attend { meeting, invited, present, absent_note } => {
                    let id = meeting_id(meeting)?;
                    office.set_attendance(&session, id, *invited, *present, absent_note)?;
                    id
                }
                MeetingsCommand::Vote { meeting, subject, method, excellent, good, completed, not_completed } => {
                    let id = meeting_id(meeting)?;
                    let vote = service::evaluation::VoteInput {
                        method: method.clone(),
                        excellent: *excellent,
                        good: *good,
                        completed: *completed,
                        not_completed: *not_completed,
                    };
                    office.record_vote(&session, id, subject_id(subject)?, &vote)?;
                    id
                }
                MeetingsCommand::Propose { meeting, subject, level, reason } => {
                    let id = meeting_id(meeting)?;
                    let level = service::evaluation::level_from_text(level)?;
                    office.propose(&session, id, subject_id(subject)?, level, reason)?;
                    id
                }
                MeetingsCommand::Decide { meeting, subject, level, reason } => {
                    let id = meeting_id(meeting)?;
                    let level = service::evaluation::level_from_text(level)?;
                    office.decide(&session, id, subject_id(subject)?, level, reason)?;
                    id
                }
                MeetingsCommand::Lock { meeting } => {
                    let id = meeting_id(meeting)?;
                    office.lock_meeting(&session, id)?;
                    id
                }
            };
            out.meeting(&office.meeting_detail(&session, shown, lang)?);
        }
        Command::Minutes { meeting, print } => {
            let (office, session) = open(cli, lang)?;
            print_to_file(&office, &session, &minutes_request(meeting)?, print, &out)?;
        }
        Command::Print { command } => {
            let (office, session) = open(cli, lang)?;
            let (request, print) = print_request(command)?;
            print_to_file(&office, &session, &request, print, &out)?;
        }
        Command::Attention { year, unit } => {
            let (office, session) = open(cli, lang)?;
            out.attention(&office.attention_list(&session, *year, unit, lang)?);
        }
        Command::Rulesets { import, choose, group } => {
            let (mut office, session) = open(cli, lang)?;
            if let Some(path) = import {
                let imported = office.import_rule_set_file(&session, path)?;
                out.imported_rule_set(&imported);
            }
            if let (Some(code), Some(group)) = (choose, group) {
                office.choose_rule_set(&session, group, Some(code))?;
            }
            out.rule_sets(&office.rule_sets(&session, lang)?);
        }
        Command::TieOrder { year, order } => {
            let (mut office, session) = open(cli, lang)?;
            let ordered = order.iter().map(|p| id_of(p, ServiceError::UnknownPerson)).collect::<Result<Vec<_>, _>>()?;
            office.set_tie_order(&session, *year, &ordered)?;
            let unit = office.summary(&session)?.unit_code;
            out.classification(&office.classify(&session, *year, &unit, lang)?.people);
        }
        Command::Authority { set, decided_by } => {
            let (mut office, session) = open(cli, lang)?;
            if let (Some(group), Some(by)) = (set, decided_by) {
                office.set_authority(&session, group, service::evaluation::decided_by_from_text(by)?)?;
            }
            out.authority(&office.authority(&session)?);
        }
        Command::ProductKinds { group, set, name, measure, coefficient, for_groups, remove, reset } => {
            let (mut office, session) = open(cli, lang)?;
            if let Some(code) = set {
                let input = service::work::ProductKindInput {
                    code: code.clone(),
                    name: name.clone().unwrap_or_default(),
                    measure: measure.clone().unwrap_or_default(),
                    coefficient: coefficient.clone().unwrap_or_default(),
                    groups: for_groups.clone(),
                };
                office.save_product_kind(&session, &input)?;
            }
            if let Some(code) = remove {
                office.remove_product_kind(&session, code)?;
            }
            if let Some(code) = reset {
                office.reset_product_kind(&session, code)?;
            }
            out.product_kinds(&office.product_kinds(&session, group.as_deref())?);
        }
        Command::Bench { dir, seed } => {
            let scratch = match dir {
                Some(dir) => dir.clone(),
                None => std::env::temp_dir().join(format!("thuocdo-bench-{}", std::process::id())),
            };
            let results = service::bench::run(&scratch, *seed, &mut |step| eprintln!("… {step}"))?;
            out.bench(&results);
        }
    }
    Ok(())
}
