//! One error type for every use case. `code()` is stable and what tests assert; `message(lang)` is what a
//! person reads: what happened and what to do, Vietnamese first.

use chrono::{DateTime, Local, Utc};
use documents::DocumentError;
use domain::org::UnitCodeProblem;
use domain::roster::HeaderProblem;
use domain::Lang;
use exchange::ExchangeError;
use serde::Serialize;
use store::StoreError;
use tabular::TabularError;
use ts_rs::TS;

use crate::roster::ImportReport;
use crate::work::SheetReport;

#[derive(Debug)]
pub enum ServiceError {
    NoOffice {
        path: String,
    },
    AlreadySetUp {
        path: String,
    },
    UnknownUser {
        username: String,
    },
    NotLoggedIn,
    WrongPassword {
        attempts_left: i64,
    },
    LockedOut {
        until: DateTime<Utc>,
    },
    Forbidden {
        role: crate::auth::Role,
    },
    /// A data-entry account limited to a unit tried to change another unit's records.
    OutsideUnit {
        unit: String,
    },
    /// An account limited to a unit tried something that spans the whole office.
    WholeOfficeOnly,
    Deactivated {
        username: String,
    },
    UserExists {
        username: String,
    },
    /// Deactivating or demoting the last active administrator would leave nobody to manage the office.
    LastAdmin,
    CannotDeactivateSelf,
    /// Only a data-entry account is limited to a unit.
    ScopeOnlyForDataEntry,
    UnknownRole {
        typed: String,
    },
    /// A backup copy refused before anything was replaced.
    BackupUnreadable {
        path: String,
        reason: crate::backup::BackupProblem,
    },
    /// `audit verify` found the chain broken: an entry edited, or entries missing between two ids.
    AuditChainBroken {
        edited: Option<i64>,
        missing: Option<(i64, i64)>,
    },
    /// The account does not hold the office secret (made before it existed): it cannot sign until reset.
    NoOfficeSecret,
    /// An encrypted database without the key file that opens it.
    KeyringMissing {
        path: String,
    },
    KeyringDamaged {
        path: String,
        reason: String,
    },
    /// A login attempt is counted before the password is tried; when the count cannot be written (a full disk),
    /// the attempt is not made.
    CannotRecordAttempt {
        reason: String,
    },
    /// No recovery sheet has been printed for the office: there is no recovery code to open it with.
    NoRecoveryCode,
    /// A backup made before any recovery sheet: no code opens it.
    BackupWithoutRecoveryCode,
    /// A database from before encryption, still plain because another window or command had it open at login.
    NotYetEncrypted,
    /// Recovery sets the password of an administrator; the account named is not one.
    NotAnAdministrator {
        username: String,
    },
    PasswordTooShort {
        min: usize,
    },
    PasswordRequired,
    PasswordsDiffer,
    /// The new password is the current one.
    PasswordUnchanged,
    CannotWrite {
        path: String,
        reason: String,
    },
    BadUsername,
    EmptyName,
    BadUnitCode(UnitCodeProblem),
    UnitCodeTaken {
        code: String,
    },
    UnknownLevel {
        code: String,
        known: Vec<String>,
    },
    UnknownUnit {
        code: String,
    },
    UnknownPerson,
    SamePersonExists,
    InvalidFields(Vec<FieldIssue>),
    LevelNotBelowParent {
        level: Box<domain::org::UnitLevel>,
        parent_level: Box<domain::org::UnitLevel>,
    },
    /// A move that would put a unit under itself or a unit below it, or move the office's own unit.
    UnitCannotMove {
        code: String,
        under: String,
    },
    /// A unit merged into another or dissolved: nothing new goes into it.
    UnitEnded {
        name: String,
    },
    /// A merger outside the rules: another office's unit, the office's own, into itself or a unit below it, or
    /// into a unit of another level.
    UnitCannotMerge {
        name: String,
        into: String,
    },
    /// A unit added under a unit another office keeps: that office's superior would refuse it in a bundle.
    ParentNotOwned {
        parent: String,
    },
    /// The office's own unit, or another office's, cannot be dissolved here.
    UnitCannotClose {
        name: String,
    },
    /// A unit dissolved while people or units are still in it.
    UnitNotEmpty {
        name: String,
        people: usize,
        units: usize,
    },
    /// A merger or dissolution dated after today.
    ClosingDateInFuture {
        date: chrono::NaiveDate,
    },
    BadHeader(HeaderProblem),
    /// Leaving the demo was asked of an office that is not demo data.
    NotADemo,
    /// A column choice that is not "LETTER=field" with a known field.
    BadColumnChoice {
        text: String,
    },
    ImportRejected(Box<ImportReport>),
    SheetRejected(Box<SheetReport>),
    UnknownTarget,
    UnknownProduct,
    UnknownBreakthrough,
    UnknownProgramme,
    UnknownGroup {
        code: String,
    },
    ActionNotAllowed {
        state: String,
        action: String,
    },
    EvidenceUnreadable {
        path: String,
        reason: String,
    },
    UnknownRuleSet {
        code: String,
    },
    /// A rule-set file with problems: every one named, nothing stored.
    RuleSetRefused {
        file: String,
        problems: Vec<domain::ruleset::RuleSetProblem>,
    },
    /// The same code and version is already here with other numbers.
    RuleSetVersionClash {
        code: String,
        version: u32,
    },
    /// A version older than the one in force.
    RuleSetOlder {
        code: String,
        version: u32,
        current: u32,
    },
    /// The office above chose the rule set for this group; its choice applies here.
    RuleSetChosenAbove {
        group: String,
        unit: String,
    },
    UnknownPeriod,
    PeriodClosed,
    /// A period for the completeness board that is not "2026", "2026-Q3" or "2026-09".
    BadPeriod {
        text: String,
    },
    /// A bundle that skips sequence numbers was to be accepted without saying why.
    GapReasonRequired,
    /// A key was to be revoked without saying why.
    RevocationReasonRequired,
    /// Re-enrolling an office that lost everything needs a reason in the audit trail.
    ReenrolmentReasonRequired,
    /// Re-enrolment replaces a revoked key only: a working key is never pushed aside.
    ReenrolmentNeedsRevocation {
        unit: String,
    },
    /// A new key before the last new key was announced to every office this one sends to.
    RotationPending {
        destinations: Vec<String>,
    },
    /// No receipt: this office did not accept that bundle.
    NoReceipt {
        source_unit: String,
        sequence: u64,
    },
    /// A year was to be approved without the decision that approves it.
    ApprovalDecisionRequired,
    /// A year of a unit that has sent nothing for it, or that is not below this office.
    NothingToApprove {
        unit: String,
        year: i32,
    },
    /// A collective's level that is not one of the four.
    BadApprovalLevel {
        level: String,
    },
    /// A year approved already.
    AlreadyApproved {
        unit: String,
        year: i32,
        approved_on: String,
    },
    AlreadyRated,
    UnknownMeeting,
    MeetingExists,
    MeetingLocked,
    MeetingUndecided {
        open: usize,
    },
    DecisionOrder(domain::evaluation::OrderProblem),
    HeadAboveCollective {
        collective: String,
    },
    QuotaExceeded {
        ceiling: u32,
        base: u32,
    },
    File(TabularError),
    Exchange(ExchangeError),
    /// A subordinate's original bundle, relayed inside the bundle being imported, was refused: the whole import is.
    Relayed {
        file: String,
        error: Box<ServiceError>,
    },
    Document(DocumentError),
    Store(StoreError),
    Internal(String),
}

/// A problem with one field of a form, shown beside that field.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldIssue {
    pub field: String,
    pub message: String,
    pub message_en: String,
}

/// What crosses to the UI and the CLI's --json output.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    /// Per-field problems of a form, so the window can show each beside its input.
    pub fields: Vec<FieldIssue>,
}

impl ServiceError {
    pub fn code(&self) -> &'static str {
        use ServiceError::*;
        match self {
            NoOffice { .. } => "office.not_set_up",
            AlreadySetUp { .. } => "office.already_set_up",
            UnknownUser { .. } => "auth.unknown_user",
            NotLoggedIn => "auth.not_logged_in",
            WrongPassword { .. } => "auth.wrong_password",
            LockedOut { .. } => "auth.locked_out",
            Forbidden { .. } => "auth.forbidden",
            OutsideUnit { .. } => "auth.outside_unit",
            WholeOfficeOnly => "auth.whole_office_only",
            Deactivated { .. } => "auth.deactivated",
            UserExists { .. } => "users.exists",
            LastAdmin => "users.last_admin",
            CannotDeactivateSelf => "users.cannot_deactivate_self",
            ScopeOnlyForDataEntry => "users.scope_only_for_data_entry",
            UnknownRole { .. } => "users.unknown_role",
            AuditChainBroken { .. } => "audit.chain_broken",
            BackupUnreadable { .. } => "backup.unreadable",
            NoOfficeSecret => "auth.no_office_secret",
            KeyringMissing { .. } => "auth.keyring_missing",
            KeyringDamaged { .. } => "auth.keyring_damaged",
            CannotRecordAttempt { .. } => "auth.cannot_record_attempt",
            NoRecoveryCode => "auth.no_recovery_code",
            NotYetEncrypted => "auth.not_yet_encrypted",
            BackupWithoutRecoveryCode => "backup.no_recovery_code",
            NotAnAdministrator { .. } => "auth.not_an_administrator",
            PasswordTooShort { .. } => "auth.password_too_short",
            PasswordRequired => "auth.password_required",
            PasswordsDiffer => "auth.passwords_differ",
            PasswordUnchanged => "auth.password_unchanged",
            CannotWrite { .. } => "file.cannot_write",
            BadUsername => "auth.bad_username",
            EmptyName => "org.empty_name",
            BadUnitCode(_) => "org.bad_unit_code",
            UnitCodeTaken { .. } => "org.unit_code_taken",
            UnknownLevel { .. } => "org.unknown_level",
            UnknownUnit { .. } => "org.unknown_unit",
            UnknownPerson => "roster.unknown_person",
            SamePersonExists => "roster.same_person_exists",
            InvalidFields(_) => "form.invalid",
            LevelNotBelowParent { .. } => "org.level_not_below_parent",
            UnitCannotMove { .. } => "org.unit_cannot_move",
            UnitEnded { .. } => "org.unit_ended",
            UnitCannotMerge { .. } => "org.unit_cannot_merge",
            UnitNotEmpty { .. } => "org.unit_not_empty",
            UnitCannotClose { .. } => "org.unit_cannot_close",
            ParentNotOwned { .. } => "org.parent_not_owned",
            ClosingDateInFuture { .. } => "org.closing_date_in_future",
            BadHeader(_) => "roster.bad_header",
            BadColumnChoice { .. } => "roster.bad_column_choice",
            NotADemo => "app.not_a_demo",
            ImportRejected(_) => "roster.rejected",
            SheetRejected(_) => "sheet.rejected",
            UnknownTarget => "target.unknown",
            UnknownProduct => "product.unknown",
            UnknownBreakthrough => "breakthrough.unknown",
            UnknownProgramme => "programme.unknown",
            UnknownGroup { .. } => "compare.unknown_group",
            ActionNotAllowed { .. } => "breakthrough.not_allowed",
            EvidenceUnreadable { .. } => "evidence.unreadable",
            UnknownRuleSet { .. } => "rules.unknown",
            RuleSetRefused { .. } => "rules.refused",
            RuleSetVersionClash { .. } => "rules.version_clash",
            RuleSetOlder { .. } => "rules.older",
            RuleSetChosenAbove { .. } => "rules.chosen_above",
            UnknownPeriod => "period.unknown",
            PeriodClosed => "period.closed",
            BadPeriod { .. } => "period.bad",
            GapReasonRequired => "exchange.gap_reason_required",
            RevocationReasonRequired => "exchange.revocation_reason_required",
            ReenrolmentReasonRequired => "exchange.reenrolment_reason_required",
            ReenrolmentNeedsRevocation { .. } => "exchange.reenrolment_needs_revocation",
            RotationPending { .. } => "exchange.rotation_pending",
            NoReceipt { .. } => "exchange.no_receipt",
            ApprovalDecisionRequired => "approval.decision_required",
            NothingToApprove { .. } => "approval.nothing_to_approve",
            AlreadyApproved { .. } => "approval.already_approved",
            BadApprovalLevel { .. } => "approval.bad_level",
            AlreadyRated => "feedback.already_rated",
            UnknownMeeting => "meeting.unknown",
            MeetingExists => "meeting.exists",
            MeetingLocked => "meeting.locked",
            MeetingUndecided { .. } => "meeting.undecided",
            DecisionOrder(_) => "meeting.order",
            HeadAboveCollective { .. } => "meeting.head_above_collective",
            QuotaExceeded { .. } => "meeting.quota_exceeded",
            File(e) => e.code(),
            Exchange(e) => e.code(),
            Relayed { error, .. } => error.code(),
            Document(e) => e.code(),
            Store(e) => e.code(),
            Internal(_) => "internal",
        }
    }

    pub fn body(&self, lang: Lang) -> ErrorBody {
        let fields = match self {
            ServiceError::InvalidFields(issues) => issues.clone(),
            ServiceError::RuleSetRefused { problems, .. } => problems
                .iter()
                .map(|p| FieldIssue { field: p.key.clone(), message: p.message.clone(), message_en: p.message_en.clone() })
                .collect(),
            _ => Vec::new(),
        };
        ErrorBody { code: self.code().to_string(), message: self.message(lang), fields }
    }

    pub fn message(&self, lang: Lang) -> String {
        use ServiceError::*;
        let vi = lang == Lang::Vi;
        match self {
            NoOffice { path } if vi => format!("Chưa có cơ sở dữ liệu văn phòng tại {path}. Hãy thiết lập văn phòng (thuocdo init …) hoặc tạo dữ liệu mẫu (thuocdo demo …), hoặc chỉ đúng tệp bằng --db."),
            NoOffice { path } => format!("There is no office database at {path}. Set up the office (thuocdo init …) or create demo data (thuocdo demo …), or point to the right file with --db."),
            AlreadySetUp { path } if vi => format!("Tệp {path} đã có một văn phòng. Không ghi đè; hãy chọn tệp khác bằng --db."),
            AlreadySetUp { path } => format!("{path} already holds an office. Nothing was overwritten; choose another file with --db."),
            NotLoggedIn if vi => "Phiên làm việc đã kết thúc. Hãy đăng nhập lại.".into(),
            NotLoggedIn => "The session has ended. Please log in again.".into(),
            UnknownUser { username } if vi => format!("Không có người dùng \"{username}\". Kiểm tra lại tên đăng nhập."),
            UnknownUser { username } => format!("There is no user \"{username}\". Check the user name."),
            WrongPassword { attempts_left } if vi => format!("Sai mật khẩu. Còn {attempts_left} lần thử trước khi tài khoản bị tạm khoá."),
            WrongPassword { attempts_left } => format!("Wrong password. {attempts_left} attempts left before the account is locked for a while."),
            LockedOut { until } if vi => format!("Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần. Thử lại sau {}.", until.with_timezone(&Local).format("%H:%M:%S %d/%m/%Y")),
            LockedOut { until } => format!("The account is locked after repeated wrong passwords. Try again after {}.", until.with_timezone(&Local).format("%H:%M:%S %d/%m/%Y")),
            Forbidden { role } if vi => format!("Tài khoản với vai trò \"{}\" không được làm việc này. Hãy nhờ người có quyền, hoặc quản trị viên.", role.name(lang)),
            Forbidden { role } => format!("An account with the role \"{}\" may not do this. Ask someone who may, or an administrator.", role.name(lang)),
            OutsideUnit { unit } if vi => format!("Tài khoản này chỉ được nhập liệu cho đơn vị được giao; \"{unit}\" nằm ngoài đơn vị đó. Không có gì được ghi."),
            OutsideUnit { unit } => format!("This account enters data only for its own unit; \"{unit}\" lies outside it. Nothing was written."),
            WholeOfficeOnly if vi => "Việc này liên quan đến toàn văn phòng, còn tài khoản này chỉ được giao một đơn vị. Hãy nhờ cán bộ tổ chức hoặc quản trị viên.".into(),
            WholeOfficeOnly => "This concerns the whole office, and this account is limited to one unit. Ask organisation staff or an administrator.".into(),
            Deactivated { username } if vi => format!("Tài khoản \"{username}\" đã bị ngừng sử dụng. Nếu cần dùng lại, hãy nhờ quản trị viên mở lại."),
            Deactivated { username } => format!("The account \"{username}\" is deactivated. Ask an administrator to reactivate it if it is needed again."),
            UserExists { username } if vi => format!("Đã có tài khoản \"{username}\". Hãy chọn tên khác."),
            UserExists { username } => format!("There is already an account \"{username}\". Choose another name."),
            LastAdmin if vi => "Đây là quản trị viên duy nhất còn hoạt động: cần có một quản trị viên khác trước khi đổi vai trò hoặc ngừng tài khoản này.".into(),
            LastAdmin => "This is the only active administrator: make another administrator before changing this account's role or deactivating it.".into(),
            CannotDeactivateSelf if vi => "Không tự ngừng tài khoản của chính mình được. Hãy nhờ một quản trị viên khác.".into(),
            CannotDeactivateSelf => "You cannot deactivate your own account. Ask another administrator.".into(),
            ScopeOnlyForDataEntry if vi => "Chỉ tài khoản nhập liệu mới giới hạn theo đơn vị. Hãy bỏ đơn vị, hoặc chọn vai trò nhập liệu.".into(),
            ScopeOnlyForDataEntry => "Only a data-entry account is limited to a unit. Leave the unit out, or choose the data-entry role.".into(),
            UnknownRole { typed } if vi => format!("Không có vai trò \"{typed}\". Chọn một trong: admin (quản trị), organisation (cán bộ tổ chức), data_entry (nhập liệu), viewer (lãnh đạo / chỉ xem)."),
            UnknownRole { typed } => format!("There is no role \"{typed}\". Choose one of: admin, organisation, data_entry, viewer."),
            BackupUnreadable { path, reason } => {
                use crate::backup::BackupProblem::*;
                match (reason, vi) {
                    (Missing, true) => format!("Không có tệp sao lưu {path}. Kiểm tra lại đường dẫn hoặc USB."),
                    (Missing, false) => format!("There is no backup file {path}. Check the path or the USB stick."),
                    (HashMismatch, true) => format!("Tệp sao lưu {path} không còn như khi ghi (mã băm không khớp): có thể bị hỏng khi chép. Chưa thay gì; hãy dùng bản sao lưu khác."),
                    (HashMismatch, false) => format!("The backup {path} is not as written (its hash differs): it may have been damaged when copied. Nothing was replaced; use another backup."),
                    (BadManifest, true) => format!("Tệp mô tả bản sao lưu {path} bị hỏng hoặc không phải của Thước Đo. Chưa thay gì."),
                    (BadManifest, false) => format!("The backup's description {path} is damaged or not Thước Đo's. Nothing was replaced."),
                    (NoKeyFile, true) => format!("Bản sao lưu {path} đã mã hoá nhưng thiếu tệp mô tả (.json) đi kèm, nơi giữ khoá mở nó. Chưa thay gì; hãy chép cả tệp .json cùng tên bên cạnh bản sao lưu."),
                    (NoKeyFile, false) => format!("The backup {path} is encrypted but its description (.json), which holds the key to open it, is missing. Nothing was replaced; copy the .json file of the same name beside the backup."),
                }
            }
            AuditChainBroken { edited: Some(id), .. } if vi => format!("Nhật ký đã bị can thiệp: mục số {id} không còn như khi ghi (bị sửa). Hãy giữ nguyên tệp, so với bản sao lưu gần nhất và báo cho cấp trên."),
            AuditChainBroken { edited: Some(id), .. } => format!("The audit trail was tampered with: entry {id} is not as written (edited). Keep the file as it is, compare it with the latest backup and tell the superior office."),
            AuditChainBroken { missing: Some((after, next)), .. } if vi => format!("Nhật ký đã bị can thiệp: thiếu các mục giữa số {after} và số {next} (bị xoá). Hãy giữ nguyên tệp, so với bản sao lưu gần nhất và báo cho cấp trên."),
            AuditChainBroken { missing: Some((after, next)), .. } => format!("The audit trail was tampered with: the entries between {after} and {next} are missing (deleted). Keep the file as it is, compare it with the latest backup and tell the superior office."),
            AuditChainBroken { .. } if vi => "Nhật ký đã bị can thiệp. Hãy giữ nguyên tệp và báo cho cấp trên.".into(),
            AuditChainBroken { .. } => "The audit trail was tampered with. Keep the file as it is and tell the superior office.".into(),
            NoOfficeSecret if vi => "Tài khoản này chưa giữ khoá của văn phòng nên chưa ký được. Hãy nhờ quản trị viên đặt lại mật khẩu cho tài khoản.".into(),
            NoOfficeSecret => "This account does not hold the office's key yet, so it cannot sign. Ask an administrator to reset its password.".into(),
            KeyringMissing { path } if vi => format!("Cơ sở dữ liệu đã được mã hoá nhưng thiếu tệp khoá {path} đi kèm nên chưa mở được. Không có gì bị thay đổi. Hãy chép lại tệp khoá từ nơi đã chép cơ sở dữ liệu, hoặc khôi phục từ bản sao lưu (thuocdo restore). Nếu tệp này không phải cơ sở dữ liệu Thước Đo, hãy chỉ đúng tệp bằng --db."),
            KeyringMissing { path } => format!("The database is encrypted but its key file {path} is missing, so it cannot be opened. Nothing was changed. Copy the key file back from where the database came from, or restore a backup (thuocdo restore). If this file is not a Thước Đo database, point to the right one with --db."),
            KeyringDamaged { path, reason } if vi => format!("Tệp khoá {path} bị hỏng hoặc không phải của Thước Đo ({reason}). Không có gì bị thay đổi. Hãy chép lại tệp khoá đúng, hoặc khôi phục từ bản sao lưu."),
            KeyringDamaged { path, reason } => format!("The key file {path} is damaged or not Thước Đo's ({reason}). Nothing was changed. Copy the right key file back, or restore a backup."),
            CannotRecordAttempt { reason } if vi => format!("Không ghi được lần đăng nhập này ({reason}): có thể đĩa đã đầy. Mật khẩu chưa được thử và không có gì thay đổi. Hãy giải phóng dung lượng đĩa rồi đăng nhập lại."),
            CannotRecordAttempt { reason } => format!("This login attempt could not be recorded ({reason}): the disk may be full. The password was not tried and nothing changed. Free some disk space and log in again."),
            NoRecoveryCode if vi => "Văn phòng chưa in phiếu khôi phục nên không có mã khôi phục. Nếu còn một tài khoản quản trị, hãy đăng nhập và in phiếu (thuocdo recovery-sheet); nếu không, hãy khôi phục từ bản sao lưu có phiếu.".into(),
            NoRecoveryCode => "No recovery sheet was printed for this office, so there is no recovery code. If an administrator can still log in, print one (thuocdo recovery-sheet); otherwise restore a backup made after one was printed.".into(),
            BackupWithoutRecoveryCode if vi => "Bản sao lưu này được lập trước khi văn phòng in phiếu khôi phục nên mã khôi phục không mở được. Hãy dùng mật khẩu còn dùng được vào ngày sao lưu, hoặc chọn một bản sao lưu lập sau ngày in phiếu. Chưa có gì bị thay đổi.".into(),
            BackupWithoutRecoveryCode => "This backup was made before the office printed a recovery sheet, so no recovery code opens it. Use a password valid on the day of the backup, or choose a backup made after the sheet was printed. Nothing was changed.".into(),
            NotYetEncrypted if vi => "Cơ sở dữ liệu chưa được mã hoá vì lúc đăng nhập nó đang mở ở một cửa sổ hoặc lệnh Thước Đo khác. Hãy đóng chúng, đăng nhập lại (cơ sở dữ liệu sẽ được mã hoá) rồi in phiếu khôi phục. Chưa có gì bị thay đổi.".into(),
            NotYetEncrypted => "The database is not encrypted yet: at login another Thước Đo window or command had it open. Close them, log in again (the database is then encrypted) and print the recovery sheet. Nothing was changed.".into(),
            NotAnAdministrator { username } if vi => format!("Tài khoản \"{username}\" không phải quản trị viên. Mã khôi phục đặt lại mật khẩu của một quản trị viên; hãy chọn tài khoản quản trị (hoặc bỏ --user để dùng quản trị viên đầu tiên)."),
            NotAnAdministrator { username } => format!("\"{username}\" is not an administrator. The recovery code sets an administrator's password; name an administrator (or leave out --user for the first one)."),
            PasswordTooShort { min } if vi => format!("Mật khẩu cần ít nhất {min} ký tự."),
            PasswordTooShort { min } => format!("The password needs at least {min} characters."),
            PasswordRequired if vi => "Cần mật khẩu: đặt biến môi trường THUOCDO_PASSWORD hoặc chạy lệnh trong cửa sổ dòng lệnh để được hỏi.".into(),
            PasswordRequired => "A password is needed: set THUOCDO_PASSWORD or run the command in a terminal to be asked.".into(),
            PasswordsDiffer if vi => "Hai lần nhập mật khẩu không khớp. Hãy nhập lại.".into(),
            PasswordsDiffer => "The two passwords differ. Try again.".into(),
            PasswordUnchanged if vi => "Mật khẩu mới trùng mật khẩu đang dùng. Hãy chọn mật khẩu khác.".into(),
            PasswordUnchanged => "The new password is the one in use. Choose another.".into(),
            CannotWrite { path, reason } if vi => format!("Không ghi được {path} ({reason}). Kiểm tra thư mục, quyền ghi và dung lượng đĩa."),
            CannotWrite { path, reason } => format!("Could not write {path} ({reason}). Check the folder, permissions and free disk space."),
            BadUsername if vi => "Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới (3–32 ký tự).".into(),
            BadUsername => "A user name holds only unaccented letters, digits, '.', '-' or '_' (3 to 32 characters).".into(),
            EmptyName if vi => "Tên không được để trống.".into(),
            EmptyName => "The name must not be empty.".into(),
            BadUnitCode(problem) => problem.message(lang),
            UnitCodeTaken { code } if vi => format!("Mã đơn vị {code} đã được dùng. Hãy chọn mã khác."),
            UnitCodeTaken { code } => format!("The unit code {code} is already used. Choose another."),
            UnknownLevel { code, known } if vi => format!("Không có cấp \"{code}\". Các cấp hiện có: {}.", known.join(", ")),
            UnknownLevel { code, known } => format!("There is no level \"{code}\". Known levels: {}.", known.join(", ")),
            UnknownUnit { code } if vi => format!("Không có đơn vị mã {code}. Xem danh sách bằng: thuocdo units list"),
            UnknownUnit { code } => format!("There is no unit with code {code}. See them with: thuocdo units list"),
            SamePersonExists if vi => "Đã có một người cùng họ tên và ngày sinh trong danh sách. Kiểm tra lại, tránh nhập trùng.".into(),
            SamePersonExists => "Someone with the same name and birth date is already in the roster. Check to avoid a duplicate.".into(),
            InvalidFields(issues) if vi => format!("Chưa lưu: {} ô cần sửa ({}).", issues.len(), issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join("; ")),
            InvalidFields(issues) => format!("Not saved: {} fields to fix ({}).", issues.len(), issues.iter().map(|i| i.message_en.as_str()).collect::<Vec<_>>().join("; ")),
            UnknownPerson if vi => "Không tìm thấy người này trong danh sách. Lấy đúng mã người (ID) bằng: thuocdo roster find <tên>".into(),
            UnknownPerson => "This person is not in the roster. Get the right person ID with: thuocdo roster find <name>".into(),
            LevelNotBelowParent { level, parent_level } if vi => format!(
                "Đơn vị cấp \"{}\" không thể nằm dưới đơn vị cấp \"{}\". Không có gì thay đổi.",
                level.name(lang),
                parent_level.name(lang)
            ),
            LevelNotBelowParent { level, parent_level } => format!(
                "A unit of level \"{}\" cannot sit under a unit of level \"{}\". Nothing was changed.",
                level.name(lang),
                parent_level.name(lang)
            ),
            UnitCannotMove { code, under } if vi => format!("Không chuyển được đơn vị {code} vào dưới {under}: một đơn vị không nằm dưới chính nó hay đơn vị trực thuộc nó, và đơn vị của văn phòng này giữ nguyên chỗ. Không có gì thay đổi."),
            UnitCannotMove { code, under } => format!("Unit {code} cannot move under {under}: a unit cannot sit under itself or a unit below it, and this office's own unit stays where it is. Nothing was changed."),
            UnitEnded { name } if vi => format!("Đơn vị “{name}” đã sáp nhập hoặc giải thể: không thêm người, đơn vị hay thay đổi gì vào đó được. Hãy chọn một đơn vị đang hoạt động."),
            UnitEnded { name } => format!("The unit “{name}” was merged or dissolved: no people, units or changes can go into it. Choose a unit that is still active."),
            UnitCannotMerge { name, into } if vi => format!("Không sáp nhập được “{name}” vào “{into}”: chỉ sáp nhập một đơn vị của văn phòng này vào một đơn vị cùng cấp đang hoạt động, không vào chính nó hay đơn vị trực thuộc nó; đơn vị của văn phòng giữ nguyên. Không có gì thay đổi."),
            UnitCannotMerge { name, into } => format!("“{name}” cannot be merged into “{into}”: a unit of this office merges only into an active unit of the same level, never into itself or a unit below it, and the office's own unit stays. Nothing was changed."),
            ParentNotOwned { parent } if vi => format!("Không thêm được đơn vị dưới “{parent}”: đơn vị đó do văn phòng khác quản lý. Chỉ thêm dưới các đơn vị của văn phòng này."),
            ParentNotOwned { parent } => format!("No unit can be added under “{parent}”: another office keeps it. Add units only under this office's own units."),
            UnitCannotClose { name } if vi => format!("Không giải thể được “{name}” ở đây: đó là đơn vị của chính văn phòng này, hoặc do văn phòng khác quản lý. Không có gì thay đổi."),
            UnitCannotClose { name } => format!("“{name}” cannot be dissolved here: it is this office's own unit, or another office keeps it. Nothing was changed."),
            UnitNotEmpty { name, people, units } if vi => format!("Đơn vị “{name}” còn {people} người và {units} đơn vị trực thuộc: hãy chuyển họ sang đơn vị khác, hoặc sáp nhập đơn vị này vào đơn vị khác, trước khi giải thể. Không có gì thay đổi."),
            UnitNotEmpty { name, people, units } => format!("The unit “{name}” still has {people} people and {units} units below it: move them elsewhere, or merge this unit into another, before dissolving it. Nothing was changed."),
            ClosingDateInFuture { date } if vi => format!("Ngày {} chưa đến: hãy ghi ngày quyết định sáp nhập hoặc giải thể đã có hiệu lực.", domain::dates::format_vn_date(*date)),
            ClosingDateInFuture { date } => format!("{} has not come yet: give the day the decision to merge or dissolve took effect.", domain::dates::format_vn_date(*date)),
            BadHeader(problem) => problem.message(lang),
            NotADemo if vi => "Dữ liệu đang mở là của văn phòng, không phải dữ liệu mẫu: không rời đi được theo cách này.".into(),
            NotADemo => "The open data is the office's own, not demo data: it cannot be left this way.".into(),
            BadColumnChoice { text } if vi => format!(
                "\"{text}\" không phải lựa chọn cột hợp lệ: ghi CỘT=MỤC, ví dụ C=birth_date_male (cột C là ngày sinh của nam) hoặc H=- (bỏ qua cột H)."
            ),
            BadColumnChoice { text } => format!(
                "\"{text}\" is not a valid column choice: write COLUMN=FIELD, e.g. C=birth_date_male (column C is the birth date of men) or H=- (ignore column H)."
            ),
            ImportRejected(report) => report.rejection_message(lang),
            SheetRejected(report) => report.rejection_message(lang),
            UnknownTarget if vi => "Không tìm thấy chỉ tiêu này. Xem danh sách bằng: thuocdo targets list --year <năm>".into(),
            UnknownTarget => "This target does not exist. See them with: thuocdo targets list --year <year>".into(),
            UnknownProduct if vi => "Không tìm thấy sản phẩm này; có thể nó đã bị xoá. Hãy tải lại danh sách.".into(),
            UnknownProduct => "This product does not exist; reload the list.".into(),
            UnknownBreakthrough if vi => "Không tìm thấy nhiệm vụ đột phá này. Hãy tải lại danh sách.".into(),
            UnknownBreakthrough => "This breakthrough task does not exist; reload the list.".into(),
            UnknownProgramme if vi => "Không tìm thấy chương trình hành động này. Hãy tải lại danh sách.".into(),
            UnknownProgramme => "This action programme does not exist; reload the list.".into(),
            UnknownGroup { code } if vi => format!("Không có nhóm chức danh \"{code}\". Xem các nhóm bằng: thuocdo compare --year <năm>"),
            UnknownGroup { code } => format!("There is no position group \"{code}\". List them with: thuocdo compare --year <year>"),
            ActionNotAllowed { state, action } if vi => format!("Không thể \"{action}\" khi nhiệm vụ đang ở trạng thái \"{state}\". Tải lại để xem trạng thái mới nhất."),
            ActionNotAllowed { state, action } => format!("\"{action}\" is not possible while the task is \"{state}\". Reload to see its current state."),
            UnknownRuleSet { code } if vi => format!("Không có bộ quy tắc \"{code}\". Xem danh sách trong phần Bộ quy tắc."),
            UnknownRuleSet { code } => format!("There is no rule set \"{code}\"."),
            RuleSetRefused { file, problems } if vi => format!(
                "Chưa nhập bộ quy tắc \"{file}\": {} chỗ cần sửa trong tệp — {}. Không có gì thay đổi; sửa tệp rồi nhập lại.",
                problems.len(),
                problems.iter().map(|p| p.message.trim_end_matches('.')).collect::<Vec<_>>().join("; ")
            ),
            RuleSetRefused { file, problems } => format!(
                "Rule set \"{file}\" not imported: {} problems in the file — {}. Nothing changed; fix the file and import it again.",
                problems.len(),
                problems.iter().map(|p| p.message_en.trim_end_matches('.')).collect::<Vec<_>>().join("; ")
            ),
            RuleSetVersionClash { code, version } if vi => format!(
                "Đã có bộ quy tắc \"{code}\" phiên bản {version} với nội dung khác. Nếu đây là bản sửa, tăng số version trong tệp rồi nhập lại."
            ),
            RuleSetVersionClash { code, version } => {
                format!("Rule set \"{code}\" version {version} is already here with other numbers. For a revision, raise the version in the file.")
            }
            RuleSetOlder { code, version, current } if vi => format!(
                "Tệp là phiên bản {version} của bộ quy tắc \"{code}\", cũ hơn phiên bản {current} đang dùng. Không có gì thay đổi."
            ),
            RuleSetOlder { code, version, current } => {
                format!("The file is version {version} of rule set \"{code}\", older than version {current} in force. Nothing changed.")
            }
            RuleSetChosenAbove { group, unit } if vi => format!(
                "Bộ quy tắc cho nhóm \"{group}\" do {unit} chọn và áp dụng cho cả đơn vị này; muốn đổi, đề nghị {unit}."
            ),
            RuleSetChosenAbove { group, unit } => {
                format!("The rule set for group \"{group}\" is chosen by {unit} and applies here; ask {unit} to change it.")
            }
            UnknownPeriod if vi => "Không có kỳ đánh giá này. Hãy mở kỳ trước khi chấm điểm.".into(),
            UnknownPeriod => "There is no such evaluation period; open it first.".into(),
            PeriodClosed if vi => "Kỳ đánh giá đã khoá: không sửa được điểm nữa.".into(),
            PeriodClosed => "The period is closed: its points no longer change.".into(),
            BadPeriod { text } if vi => {
                format!("Kỳ «{text}» không hợp lệ: hãy ghi năm (2026), quý (2026-Q3) hoặc tháng (2026-09).")
            }
            GapReasonRequired if vi => "Muốn nhận gói bỏ qua số thứ tự thì phải ghi rõ lý do (--reason).".into(),
            GapReasonRequired => "Accepting a bundle that skips sequence numbers needs a reason (--reason).".into(),
            ReenrolmentReasonRequired if vi => "Đăng ký lại một văn phòng với chuỗi gói mới thì phải ghi rõ lý do (mất máy, mất dữ liệu…).".into(),
            ReenrolmentReasonRequired => "Re-enrolling an office with a new chain of bundles needs a reason (a lost computer, lost data…).".into(),
            ReenrolmentNeedsRevocation { unit } if vi => format!("Khoá cũ của {unit} chưa bị thu hồi. Hãy thu hồi khoá cũ (ghi lý do) trước, rồi đăng ký lại văn phòng với chuỗi gói mới. Chưa có gì bị thay đổi."),
            ReenrolmentNeedsRevocation { unit } => format!("The old key of {unit} is not revoked. Revoke it first (with a reason), then re-enrol the office with a new chain of bundles. Nothing was changed."),
            RevocationReasonRequired if vi => "Thu hồi khoá thì phải ghi rõ lý do (mất máy, lộ mật khẩu…).".into(),
            RevocationReasonRequired => "Revoking a key needs a reason (a lost computer, a leaked password…).".into(),
            RotationPending { destinations } if vi => format!(
                "Khoá mới lần trước chưa được thông báo cho {}: hãy gửi cho các đơn vị đó một gói dữ liệu trước, rồi mới tạo khoá mới nữa.",
                destinations.join(", ")
            ),
            RotationPending { destinations } => format!(
                "The previous new key has not been announced to {} yet: send them a bundle first, then make another key.",
                destinations.join(", ")
            ),
            NoReceipt { source_unit, sequence } if vi => format!(
                "Văn phòng này chưa nhận gói số {sequence} của đơn vị {source_unit} nên chưa có biên nhận. Hãy nhập gói trước."
            ),
            NoReceipt { source_unit, sequence } => {
                format!("This office has not accepted bundle {sequence} from {source_unit}, so there is no receipt for it. Import the bundle first.")
            }
            ApprovalDecisionRequired if vi => "Phê duyệt thì phải ghi số hiệu hoặc nội dung quyết định.".into(),
            ApprovalDecisionRequired => "An approval needs the number or text of its decision.".into(),
            NothingToApprove { unit, year } if vi => format!(
                "Chưa nhận được dữ liệu năm {year} của đơn vị {unit} (hoặc đơn vị không trực thuộc văn phòng này), nên chưa phê duyệt được."
            ),
            NothingToApprove { unit, year } => {
                format!("Nothing of {year} was received from {unit} (or it is not below this office), so there is nothing to approve.")
            }
            AlreadyApproved { unit, year, approved_on } if vi => {
                format!("Năm {year} của đơn vị {unit} đã được phê duyệt ngày {approved_on}; không phê duyệt lại.")
            }
            AlreadyApproved { unit, year, approved_on } => format!("{unit}'s year {year} was approved on {approved_on} already."),
            BadApprovalLevel { level } if vi => format!(
                "Mức xếp loại «{level}» không có; hãy chọn excellent (Hoàn thành xuất sắc), good (Hoàn thành tốt), completed (Hoàn thành) hoặc not_completed (Không hoàn thành)."
            ),
            BadApprovalLevel { level } => {
                format!("There is no level «{level}»: choose excellent, good, completed or not_completed.")
            }
            BadPeriod { text } => format!("«{text}» is not a period: write a year (2026), a quarter (2026-Q3) or a month (2026-09)."),
            AlreadyRated if vi => "Người này đã cho ý kiến đánh giá người được đánh giá trong năm; mỗi người chỉ một lần.".into(),
            AlreadyRated => "This rater has already rated this person this year; once only.".into(),
            UnknownMeeting if vi => "Không tìm thấy hội nghị này. Xem danh sách bằng: thuocdo meetings list".into(),
            UnknownMeeting => "There is no such meeting. List them with: thuocdo meetings list".into(),
            MeetingExists if vi => "Đơn vị đã có hội nghị kiểm điểm của năm này. Mở hội nghị đó để tiếp tục.".into(),
            MeetingExists => "The unit already has a review meeting for this year; open that one.".into(),
            MeetingLocked if vi => "Kết quả hội nghị đã khoá: không thay đổi được nữa.".into(),
            MeetingLocked => "The meeting's results are locked and cannot change.".into(),
            MeetingUndecided { open } if vi => format!("Còn {open} trường hợp chưa có quyết định xếp loại: chưa thể khoá kết quả."),
            MeetingUndecided { open } => format!("{open} subjects have no decision yet: the results cannot be locked."),
            DecisionOrder(problem) => problem.message(lang).into(),
            HeadAboveCollective { collective } if vi => format!("Người đứng đầu không được xếp cao hơn tập thể (tập thể: {collective})."),
            HeadAboveCollective { collective } => format!("The head cannot be rated above the collective ({collective})."),
            QuotaExceeded { ceiling, base } if vi => format!("Vượt tỷ lệ Xuất sắc của nhóm: tối đa {ceiling} người (trên {base} người Tốt và Xuất sắc). Hạ một trường hợp khác trước."),
            QuotaExceeded { ceiling, base } => format!("Over the group's Excellent quota: at most {ceiling} (of {base} Good or Excellent). Lower another first."),
            EvidenceUnreadable { path, reason } if vi => format!("Không đọc được tệp minh chứng {path} ({reason}). Không có gì được lưu; hãy kiểm tra tệp rồi thử lại."),
            EvidenceUnreadable { path, reason } => format!("The evidence file {path} could not be read ({reason}). Nothing was saved; check the file and retry."),
            File(e) => file_message(e, lang),
            Exchange(e) => exchange_message(e, lang),
            Relayed { file, error } if vi => format!("Gói chuyển tiếp {file} bị từ chối: {} Không có gì được nhập.", error.message(lang)),
            Relayed { file, error } => format!("The relayed bundle {file} was refused: {} Nothing was imported.", error.message(lang)),
            Document(e) => document_message(e, lang),
            Store(e) => store_message(e, lang),
            Internal(detail) if vi => format!("Lỗi nội bộ: {detail}. Dữ liệu không bị thay đổi; hãy báo lại cho người phụ trách phần mềm."),
            Internal(detail) => format!("Internal error: {detail}. No data was changed; please report it."),
        }
    }
}

fn file_message(error: &TabularError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match error {
        TabularError::NotFound(path) if vi => format!("Không tìm thấy tệp {}.", path.display()),
        TabularError::NotFound(path) => format!("The file {} was not found.", path.display()),
        TabularError::UnsupportedFormat(ext) if vi => {
            format!("Không đọc được tệp dạng \"{ext}\". Hãy lưu thành Excel (.xlsx) hoặc CSV UTF-8 (.csv).")
        }
        TabularError::UnsupportedFormat(ext) => {
            format!("Files of type \"{ext}\" cannot be read. Save as Excel (.xlsx) or CSV UTF-8 (.csv).")
        }
        TabularError::NotUtf8 { line } if vi => {
            format!("Tệp CSV không phải mã UTF-8 (dòng {line}). Trong Excel chọn Lưu thành → \"CSV UTF-8 (Comma delimited)\" rồi nhập lại.")
        }
        TabularError::NotUtf8 { line } => {
            format!("The CSV file is not UTF-8 (line {line}). In Excel use Save As → \"CSV UTF-8 (Comma delimited)\" and import again.")
        }
        TabularError::TooLarge { limit } if vi => format!("Tệp quá lớn (giới hạn {limit}). Hãy chia thành nhiều tệp."),
        TabularError::TooLarge { limit } => format!("The file is too large (limit {limit}). Split it into several files."),
        TabularError::Empty if vi => {
            "Tệp không có dữ liệu: cần một dòng tiêu đề và ít nhất một dòng cán bộ. Kiểm tra đúng tệp và trang tính đầu tiên.".into()
        }
        TabularError::Empty => {
            "The file holds no data: it needs a header row and at least one person. Check the file and its first sheet.".into()
        }
        TabularError::Unreadable(reason) if vi => {
            format!("Tệp bị hỏng hoặc không phải bảng tính ({reason}). Hãy mở bằng Excel, lưu lại rồi nhập lại.")
        }
        TabularError::Unreadable(reason) => {
            format!("The file is damaged or not a spreadsheet ({reason}). Open it in Excel, save it again and retry.")
        }
        TabularError::InUse(path) if vi => format!(
            "Tệp {} đang mở trong một chương trình khác (trình xem PDF, Word hay Excel) nên không ghi đè được. Hãy đóng tệp đó rồi \
             làm lại, hoặc ghi với tên khác, ví dụ {}.",
            path.display(),
            another_name(path).display()
        ),
        TabularError::InUse(path) => format!(
            "The file {} is open in another program (a PDF viewer, Word or Excel) and cannot be replaced. Close it and try again, \
             or write under another name, such as {}.",
            path.display(),
            another_name(path).display()
        ),
        TabularError::Io(reason) | TabularError::Write(reason) if vi => {
            format!("Không ghi được tệp: {reason}. Kiểm tra thư mục, quyền ghi và dung lượng đĩa.")
        }
        TabularError::Io(reason) | TabularError::Write(reason) => {
            format!("The file could not be written: {reason}. Check the folder, permissions and free disk space.")
        }
    }
}

/// "bien-ban.pdf" → "bien-ban (2).pdf", the first such name not taken in its folder.
fn another_name(path: &std::path::Path) -> std::path::PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let extension = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (2..1000).map(|n| path.with_file_name(format!("{stem} ({n}){extension}"))).find(|p| !p.exists()).unwrap_or_else(|| path.to_path_buf())
}

/// Keys, signatures and bundles: the exchange crate says what happened and what to do, in both languages.
fn exchange_message(error: &ExchangeError, lang: Lang) -> String {
    match (error, lang) {
        (ExchangeError::WrongPassword, _) => lang
            .pick("Sai mật khẩu: không mở được khoá ký của văn phòng.", "Wrong password: the office signing key could not be opened.")
            .into(),
        (other, Lang::Vi) => other.message_vi(),
        (other, Lang::En) => {
            let text = other.to_string();
            let mut chars = text.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>() + ".").unwrap_or_default()
        }
    }
}

fn document_message(error: &DocumentError, lang: Lang) -> String {
    match (error, lang) {
        // The documents crate words its errors in Vietnamese already.
        (_, Lang::Vi) => error.to_string(),
        (DocumentError::Font(name), Lang::En) => {
            format!("The font {name} could not be read. Choose Liberation Serif again in the print settings.")
        }
        (DocumentError::Pdf(reason), Lang::En) => format!("The PDF could not be made: {reason}. Nothing was written."),
        (DocumentError::Docx(reason), Lang::En) => format!("The Word file could not be made: {reason}. Nothing was written."),
        #[allow(unreachable_patterns)]
        (other, Lang::En) => format!("The document could not be printed: {other}"),
    }
}

fn store_message(error: &StoreError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match error {
        StoreError::NewerSchema { found, supported } if vi => format!("Cơ sở dữ liệu do phiên bản Thước Đo mới hơn tạo ra (lược đồ {found}, phiên bản này hỗ trợ đến {supported}). Hãy cập nhật Thước Đo; tệp không bị thay đổi."),
        StoreError::NewerSchema { found, supported } => format!("The database was written by a newer Thước Đo (schema {found}; this version supports up to {supported}). Update Thước Đo; the file was not changed."),
        StoreError::NoDatabase(path) if vi => format!("Chưa có cơ sở dữ liệu tại {}. Hãy thiết lập văn phòng (thuocdo init …) hoặc tạo dữ liệu mẫu (thuocdo demo …).", path.display()),
        StoreError::NoDatabase(path) => format!("There is no database at {}. Set up the office (thuocdo init …) or create demo data (thuocdo demo …).", path.display()),
        StoreError::NotADatabase(path) if vi => format!("Tệp {} không phải cơ sở dữ liệu Thước Đo. Tệp không bị thay đổi; hãy chỉ đúng tệp bằng --db.", path.display()),
        StoreError::NotADatabase(path) => format!("{} is not a Thước Đo database. It was not changed; point to the right file with --db.", path.display()),
        StoreError::WrongKey(path) if vi => format!("Tệp khoá không mở được cơ sở dữ liệu {} (tệp khoá của cơ sở dữ liệu khác, hoặc tệp đã hỏng). Không có gì bị thay đổi. Hãy chép đúng tệp khoá đi kèm, hoặc khôi phục từ bản sao lưu.", path.display()),
        StoreError::WrongKey(path) => format!("The key file does not open the database {} (it belongs to another database, or the file is damaged). Nothing was changed. Copy the right key file, or restore a backup.", path.display()),
        StoreError::Busy if vi => "Cơ sở dữ liệu đang bận (một cửa sổ hoặc lệnh khác đang ghi). Đợi một lát rồi thử lại.".into(),
        StoreError::Busy => "The database is busy (another window or command is writing). Wait a moment and retry.".into(),
        StoreError::DiskFull if vi => "Đĩa đã đầy nên không ghi được; dữ liệu giữ nguyên như trước. Hãy giải phóng dung lượng rồi thử lại.".into(),
        StoreError::DiskFull => "The disk is full, so nothing was written; the data is as before. Free some space and retry.".into(),
        StoreError::WriteFailed(reason) if vi => format!("Không ghi được xuống đĩa ({reason}): đĩa có thể đã đầy, USB bị rút ra hoặc ổ đĩa bị lỗi. Dữ liệu giữ nguyên như trước. Hãy giải phóng dung lượng hoặc kiểm tra ổ đĩa rồi thử lại."),
        StoreError::WriteFailed(reason) => format!("Nothing could be written to the disk ({reason}): it may be full, a stick pulled out, or the drive failing. The data is as before. Free some space or check the drive and retry."),
        StoreError::SnapshotFailed(reason) if vi => format!("Không ghi được bản sao lưu hoặc không khôi phục được ({reason}). Dữ liệu đang dùng vẫn nguyên như trước. Kiểm tra chỗ trống trên đĩa hoặc USB và quyền ghi vào thư mục."),
        StoreError::SnapshotFailed(reason) => format!("The backup or restore could not be written ({reason}). The data in use is as it was. Check the free space on the disk or USB stick and that the folder may be written."),
        StoreError::InUse(path) if vi => format!("Cơ sở dữ liệu {} đang mở trong cửa sổ Thước Đo hoặc một lệnh khác. Hãy đóng chúng rồi khôi phục lại; chưa có gì bị thay.", path.display()),
        StoreError::InUse(path) => format!("The database {} is open in a Thước Đo window or another command. Close them and restore again; nothing was replaced.", path.display()),
        StoreError::BackupFailed(reason) if vi => format!("Không sao lưu được trước khi nâng cấp cơ sở dữ liệu ({reason}); chưa nâng cấp gì. Kiểm tra dung lượng đĩa và quyền ghi."),
        StoreError::BackupFailed(reason) => format!("The backup before upgrading the database failed ({reason}); nothing was upgraded. Check disk space and permissions."),
        StoreError::Corrupt(reason) if vi => format!("Cơ sở dữ liệu bị hỏng ({reason}). Hãy khôi phục từ bản sao lưu gần nhất."),
        StoreError::Corrupt(reason) => format!("The database is damaged ({reason}). Restore the latest backup."),
        StoreError::YearApproved if vi => "Năm này của đơn vị đã được cấp trên phê duyệt nên dữ liệu của năm đã khoá: không thêm, sửa hay xoá được. Nếu thật cần sửa, hãy đề nghị cấp trên xem xét lại.".into(),
        StoreError::ForeignRecord if vi => "Bản ghi này do văn phòng khác gửi lên (hoặc gửi xuống) và thuộc văn phòng đó: chỉ văn phòng đó sửa được, rồi gửi lại trong gói dữ liệu tiếp theo. Không có gì thay đổi.".into(),
        StoreError::ForeignRecord => "This record was sent by another office and belongs to it: only that office changes it, then sends it again in its next bundle. Nothing was changed.".into(),
        StoreError::YearApproved => "The superior approved this unit's year, so its records are locked: nothing can be added, changed or deleted. If a change is really needed, ask the superior.".into(),
        other if vi => format!("Lỗi cơ sở dữ liệu: {other}. Dữ liệu giữ nguyên như trước."),
        other => format!("Database error: {other}. The data is as before."),
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        ServiceError::Store(e)
    }
}
impl From<TabularError> for ServiceError {
    fn from(e: TabularError) -> Self {
        ServiceError::File(e)
    }
}
impl From<DocumentError> for ServiceError {
    fn from(e: DocumentError) -> Self {
        ServiceError::Document(e)
    }
}
impl From<ExchangeError> for ServiceError {
    fn from(e: ExchangeError) -> Self {
        ServiceError::Exchange(e)
    }
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.message(Lang::En))
    }
}

impl std::error::Error for ServiceError {}

pub type Result<T> = std::result::Result<T, ServiceError>;

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF held open by a viewer on Windows: said as such, with a free name to use instead.
    #[test]
    fn a_file_held_open_names_another_free_name() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("bien-ban.pdf");
        std::fs::write(&path, b"1").unwrap();
        let error = ServiceError::File(TabularError::InUse(path.clone()));
        assert_eq!(error.code(), "tabular.in_use");
        let message = error.message(Lang::Vi);
        assert!(message.contains("đang mở trong một chương trình khác") && message.contains("bien-ban (2).pdf"), "{message}");
        std::fs::write(folder.path().join("bien-ban (2).pdf"), b"2").unwrap();
        assert!(error.message(Lang::En).contains("bien-ban (3).pdf"), "the next name not taken");
    }
}
