//! Printing results: aligned tables for people, JSON on stdout with --json. Dates dd/mm/yyyy, numbers 1.234.

use domain::dates::{format_birth, format_vn_date};
use domain::numbers::format_count;
use domain::statistics::Share;
use serde::Serialize;
use service::demo::DemoSummary;
use service::evaluation::{
    AttentionItem, CollectiveResult, FactsInput, FeedbackSummary, MeetingDetail, MeetingLine, PeriodLine, PeriodSheet, PersonResult,
    RuleSetItem,
};
use service::exchange::{
    ApprovalItem, BundleReport, ChainLine, CompletenessLine, EnrolledKeyItem, ExportReceipt, KeyRevocationItem, KeyRotation, ReceiptFile,
    ReceiptItem,
};
use service::layout_view::SheetReading;
use service::overview::YearOverview;
use service::roster::{ImportReport, PersonProfile, RosterItem};
use service::statistics::PersonnelStatistics;
use service::work::{BreakthroughLine, ComparisonGroup, ComparisonTable, SheetReport, TargetLine, UnitProductLine};
use service::{Lang, OfficeSummary, ServiceError, UnitItem};
use std::path::Path;

/// Prints a line to stdout; a closed pipe (`thuocdo roster list | head`) ends the program quietly instead of
/// panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(error) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if error.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

pub struct Printer {
    pub lang: Lang,
    pub json: bool,
}

fn print_json<T: Serialize + ?Sized>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => say!("{text}"),
        Err(e) => eprintln!("JSON: {e}"),
    }
}

/// "94,92 %"; "—" for a share of nobody.
fn share_text(share: &Share) -> String {
    share.percent.map_or_else(|| "—".to_string(), domain::numbers::format_percent)
}

/// Columns padded by characters, not bytes: Vietnamese letters are one character but several bytes.
fn table(headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
        say!("{}", padded.join("  ").trim_end());
    };
    line(headers.to_vec());
    line(widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().iter().map(String::as_str).collect());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

pub fn error(error: &ServiceError, lang: Lang, json: bool) {
    eprintln!("{}", error.message(lang));
    if json {
        #[derive(Serialize)]
        struct Failure<'a> {
            error: service::ErrorBody,
            #[serde(skip_serializing_if = "Option::is_none")]
            report: Option<Report<'a>>,
        }
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Report<'a> {
            Roster(&'a ImportReport),
            Sheet(&'a SheetReport),
        }
        let report = match error {
            ServiceError::ImportRejected(report) => Some(Report::Roster(report.as_ref())),
            ServiceError::SheetRejected(report) => Some(Report::Sheet(report.as_ref())),
            _ => None,
        };
        print_json(&Failure { error: error.body(lang), report });
    }
}

impl Printer {
    fn say(&self, vi: &str, en: &str) {
        say!("{}", self.lang.pick(vi, en));
    }

    pub fn office_created(&self, summary: &OfficeSummary) {
        if self.json {
            return print_json(summary);
        }
        self.say("Đã thiết lập văn phòng.", "The office is set up.");
        self.office_summary(summary);
    }

    pub fn office_summary(&self, s: &OfficeSummary) {
        if self.json {
            return print_json(s);
        }
        let l = self.lang;
        say!("{}: {} ({}, {})", l.pick("Đơn vị", "Unit"), s.unit_name, s.unit_code, s.level);
        if let Some(code) = &s.superior_code {
            say!("{}: {code}", l.pick("Cấp trên", "Superior"));
        }
        say!("{}: {}", l.pick("Quản trị viên", "Administrator"), s.admin);
        say!("{}: {}  {}: {}", l.pick("Mã khoá", "Key id"), s.key_id, l.pick("Dấu vân tay", "Fingerprint"), s.fingerprint);
        say!(
            "{}: {}  {}: {}",
            l.pick("Số đơn vị", "Units"),
            format_count(s.units as i64),
            l.pick("Số cán bộ", "People"),
            format_count(s.people)
        );
        say!("{}: {}", l.pick("Cơ sở dữ liệu", "Database"), s.database);
    }

    /// The year at a glance: the headline figures, then one table per part, then the units below side by side.
    pub fn year_overview(&self, o: &YearOverview) {
        if self.json {
            return print_json(o);
        }
        let l = self.lang;
        say!(
            "{} — {} {} ({} {})",
            o.unit_name,
            l.pick("năm", "year"),
            o.year,
            l.pick("số liệu đến ngày", "as of"),
            format_vn_date(o.as_of)
        );
        for sentence in service::year_summary::summary_sentences(o, l) {
            say!("{sentence}");
        }
        for t in service::year_summary::summary_tables(o, l) {
            say!("");
            say!("{}", t.title);
            table(&t.columns.iter().map(String::as_str).collect::<Vec<_>>(), &t.text_rows());
            if let Some(note) = &t.note {
                say!("{note}");
            }
        }
    }

    /// The unit's statistics as a report lists them (each line a count and its share), then the units directly below
    /// it side by side.
    pub fn personnel_statistics(&self, s: &PersonnelStatistics) {
        if self.json {
            return print_json(s);
        }
        let l = self.lang;
        let st = &s.unit.statistics;
        say!("{} — {} {}", s.unit.unit_name, l.pick("tính đến ngày", "as of"), format_vn_date(s.as_of));
        let line = |label: String, share: &Share| vec![label, format_count(i64::from(share.count)), share_text(share)];
        let none = l.pick("Chưa ghi", "Not recorded");
        let mut rows = Vec::new();
        let heading = |rows: &mut Vec<Vec<String>>, text: &str| rows.push(vec![text.to_uppercase(), String::new(), String::new()]);
        heading(&mut rows, l.pick("Trình độ chuyên môn", "Qualification"));
        for (q, share) in &st.qualification {
            rows.push(line(format!("  {}", q.map_or(none, |q| q.label(l))), share));
        }
        rows.push(line(format!("  {}", l.pick("Đại học trở lên", "University or above")), &st.university_or_above));
        heading(&mut rows, l.pick("Lý luận chính trị", "Political theory"));
        for (t, share) in &st.political_theory {
            rows.push(line(format!("  {}", t.map_or(none, |t| t.label(l))), share));
        }
        heading(&mut rows, l.pick("Độ tuổi", "Age"));
        for (band, share) in &st.age {
            rows.push(line(format!("  {}", band.label(l)), share));
        }
        heading(&mut rows, l.pick("Giới tính, đảng viên", "Gender, Party members"));
        rows.push(line(format!("  {}", l.pick("Nữ", "Women")), &st.female));
        rows.push(line(format!("  {}", l.pick("Nam", "Men")), &st.male));
        rows.push(line(format!("  {}", l.pick("Đảng viên", "Party members")), &st.party_members));
        heading(&mut rows, l.pick("Dân tộc", "Ethnicity"));
        for (group, share) in &st.ethnicity {
            rows.push(line(format!("  {}", group.as_deref().unwrap_or(none)), share));
        }
        rows.push(line(format!("  {}", l.pick("Dân tộc thiểu số", "Ethnic minorities")), &st.ethnic_minority));
        heading(&mut rows, &format!("{} ({})", l.pick("Người đứng đầu đơn vị", "Heads of units"), format_count(i64::from(st.heads))));
        rows.push(line(format!("  {}", l.pick("Không phải người địa phương", "Not local")), &st.heads_not_local));
        rows.push(line(format!("  {}", l.pick("Người địa phương", "Local")), &st.heads_local));
        rows.push(line(format!("  {}", l.pick("Chưa ghi", "Not recorded")), &st.heads_unknown));
        let total = format!("{} {}", format_count(i64::from(st.people)), l.pick("người", "people"));
        table(&[&total, l.pick("Số người", "People"), l.pick("Tỷ lệ", "Share")], &rows);
        if s.below.is_empty() {
            return;
        }
        say!("");
        let rows: Vec<Vec<String>> = s
            .below
            .iter()
            .map(|u| {
                let st = &u.statistics;
                vec![
                    u.unit_name.clone(),
                    format_count(i64::from(st.people)),
                    share_text(&st.university_or_above),
                    share_text(&st.female),
                    share_text(&st.party_members),
                    format!("{}/{}", format_count(i64::from(st.heads_not_local.count)), format_count(i64::from(st.heads))),
                ]
            })
            .collect();
        table(
            &[
                l.pick("Đơn vị trực thuộc", "Units below"),
                l.pick("Số người", "People"),
                l.pick("ĐH trở lên", "University+"),
                l.pick("Nữ", "Women"),
                l.pick("Đảng viên", "Party"),
                l.pick("Đứng đầu không phải người địa phương", "Heads not local"),
            ],
            &rows,
        );
    }

    pub fn key(&self, s: &OfficeSummary) {
        if self.json {
            #[derive(Serialize)]
            struct Key<'a> {
                key_id: &'a str,
                fingerprint: &'a str,
            }
            return print_json(&Key { key_id: &s.key_id, fingerprint: &s.fingerprint });
        }
        say!("{}: {}", self.lang.pick("Mã khoá", "Key id"), s.key_id);
        say!("{}: {}", self.lang.pick("Dấu vân tay", "Fingerprint"), s.fingerprint);
    }

    pub fn users(&self, users: &[service::UserItem]) {
        if self.json {
            return print_json(users);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = users
            .iter()
            .map(|u| {
                let state = match (u.deactivated_at, u.locked_until) {
                    (Some(at), _) => {
                        format!("{} {}", l.pick("ngừng từ", "deactivated on"), at.with_timezone(&chrono::Local).format("%d/%m/%Y"))
                    }
                    (None, Some(until)) => format!(
                        "{} {}",
                        l.pick("tạm khoá đến", "locked until"),
                        until.with_timezone(&chrono::Local).format("%H:%M %d/%m/%Y")
                    ),
                    (None, None) => l.pick("hoạt động", "active").to_string(),
                };
                vec![
                    u.username.clone(),
                    u.role.name(l).to_string(),
                    u.unit_name.clone().unwrap_or_else(|| l.pick("cả văn phòng", "whole office").to_string()),
                    u.created_at.with_timezone(&chrono::Local).format("%d/%m/%Y").to_string(),
                    state,
                ]
            })
            .collect();
        table(
            &[
                l.pick("Tên đăng nhập", "Username"),
                l.pick("Vai trò", "Role"),
                l.pick("Phạm vi", "Scope"),
                l.pick("Ngày tạo", "Created"),
                l.pick("Trạng thái", "State"),
            ],
            &rows,
        );
    }

    pub fn audit_entries(&self, entries: &[service::audit::AuditItem]) {
        if self.json {
            return print_json(entries);
        }
        let local = |at: &str| {
            chrono::DateTime::parse_from_rfc3339(at)
                .map(|t| t.with_timezone(&chrono::Local).format("%H:%M:%S %d/%m/%Y").to_string())
                .unwrap_or_else(|_| at.to_string())
        };
        let rows: Vec<Vec<String>> =
            entries.iter().map(|e| vec![e.id.to_string(), local(&e.at), e.username.clone(), e.action.clone(), e.detail.clone()]).collect();
        let l = self.lang;
        table(
            &["#", l.pick("Thời điểm", "At"), l.pick("Người dùng", "User"), l.pick("Việc", "Action"), l.pick("Chi tiết", "Detail")],
            &rows,
        );
    }

    pub fn audit_verified(&self, v: &service::audit::AuditVerification) {
        if self.json {
            return print_json(v);
        }
        let l = self.lang;
        if v.intact {
            say!("{} ({} {})", l.pick("Nhật ký nguyên vẹn", "The audit trail is intact"), v.entries, l.pick("mục", "entries"));
        }
        if let Some(head) = &v.head {
            say!("{}: {head}", l.pick("Mã băm mục cuối", "Head hash"));
        }
    }

    pub fn backup_written(&self, receipt: &service::backup::BackupReceipt) {
        if self.json {
            return print_json(receipt);
        }
        let l = self.lang;
        let m = &receipt.manifest;
        say!("{}: {}", l.pick("Đã sao lưu vào", "Backed up to"), receipt.path);
        say!(
            "{}: {} {}, {} {}",
            m.contents.unit_name,
            format_count(m.contents.people),
            l.pick("cán bộ", "cadres"),
            format_count(m.contents.products),
            l.pick("sản phẩm", "products")
        );
        say!("SHA-256: {}", m.sha256);
        for name in &receipt.removed {
            say!("{}: {name}", l.pick("Đã xoá bản cũ", "Removed old copy"));
        }
    }

    pub fn backup_inspected(&self, b: &service::backup::BackupInspection, hint: bool) {
        if self.json {
            return print_json(b);
        }
        let l = self.lang;
        say!("{}: {}", l.pick("Bản sao lưu", "Backup"), b.path);
        let c = &b.contents;
        say!("{}: {} ({})", l.pick("Văn phòng", "Office"), c.unit_name, c.unit_code);
        if let Some(at) = b.created_at.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()) {
            say!("{}: {}", l.pick("Sao lưu lúc", "Taken at"), at.with_timezone(&chrono::Local).format("%H:%M %d/%m/%Y"));
        }
        say!(
            "{}: {} {}, {} {}, {} {}",
            l.pick("Gồm", "Holds"),
            format_count(c.units),
            l.pick("đơn vị", "units"),
            format_count(c.people),
            l.pick("cán bộ", "cadres"),
            format_count(c.products),
            l.pick("sản phẩm", "products")
        );
        say!(
            "{}",
            if b.manifest_found {
                l.pick("Kiểm tra: nguyên vẹn (mã băm khớp, SQLite kiểm tra đạt).", "Check: intact (hash matches, SQLite check passed).")
            } else {
                l.pick(
                    "Kiểm tra: SQLite kiểm tra đạt; không có tệp mô tả (.json) bên cạnh.",
                    "Check: SQLite check passed; no manifest (.json) beside it.",
                )
            }
        );
        if hint {
            say!(
                "{}",
                l.pick(
                    "Để thay dữ liệu hiện tại bằng bản này, chạy lại lệnh với --yes.",
                    "To replace the current data with it, run the command again with --yes."
                )
            );
        }
    }

    pub fn restored(&self, report: &service::backup::RestoreReport) {
        if self.json {
            return print_json(report);
        }
        self.backup_inspected(&report.restored, false);
        let l = self.lang;
        say!("{}", l.pick("Đã khôi phục.", "Restored."));
        if let Some(kept) = &report.kept {
            say!("{}: {kept}", l.pick("Dữ liệu trước khi khôi phục được giữ tại", "The data before the restore is kept at"));
        }
    }

    /// One account as it is after a change.
    pub fn user_changed(&self, users: &[service::UserItem], name: &str) {
        let name = name.trim().to_ascii_lowercase();
        self.users(&users.iter().filter(|u| u.username == name).cloned().collect::<Vec<_>>());
    }

    pub fn password_changed(&self, changed: &service::PasswordChanged) {
        if self.json {
            return print_json(changed);
        }
        let l = self.lang;
        say!("{} {}.", l.pick("Đã đổi mật khẩu của", "Changed the password of"), changed.username);
        if changed.office_keys_rewrapped {
            say!(
                "{}",
                l.pick(
                    "Khoá ký của văn phòng nay mở bằng mật khẩu mới (gói dữ liệu ký như trước).",
                    "The office signing key now opens with the new password (bundles are signed as before)."
                )
            );
        }
    }

    pub fn enrolled(&self, k: &EnrolledKeyItem) {
        if self.json {
            return print_json(k);
        }
        let l = self.lang;
        if k.newly_enrolled {
            say!("{} {}", l.pick("Đã đăng ký khoá của đơn vị", "Enrolled the key of unit"), k.unit_code);
        } else {
            say!("{} {}", l.pick("Khoá này đã được đăng ký cho đơn vị", "This key was already enrolled for unit"), k.unit_code);
        }
        say!("{}: {}  {}: {}", l.pick("Mã khoá", "Key id"), k.key_id, l.pick("Dấu vân tay", "Fingerprint"), k.fingerprint);
    }

    pub fn keys(&self, keys: &[EnrolledKeyItem], revoked: &[KeyRevocationItem]) {
        if self.json {
            #[derive(Serialize)]
            struct Keys<'a> {
                enrolled: &'a [EnrolledKeyItem],
                revoked: &'a [KeyRevocationItem],
            }
            return print_json(&Keys { enrolled: keys, revoked });
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = keys
            .iter()
            .map(|k| {
                let state = if revoked.iter().any(|r| r.unit_code == k.unit_code && r.key_id == k.key_id) {
                    l.pick("đã thu hồi", "revoked")
                } else {
                    l.pick("đang dùng", "in use")
                };
                vec![k.unit_code.clone(), k.key_id.clone(), k.fingerprint.clone(), format_vn_date(k.enrolled_at.date_naive()), state.into()]
            })
            .collect();
        table(
            &[
                l.pick("Đơn vị", "Unit"),
                l.pick("Mã khoá", "Key id"),
                l.pick("Dấu vân tay", "Fingerprint"),
                l.pick("Ngày đăng ký", "Enrolled"),
                l.pick("Trạng thái", "State"),
            ],
            &rows,
        );
        if !revoked.is_empty() {
            say!("{}", l.pick("Khoá đã thu hồi:", "Revoked keys:"));
            let rows: Vec<Vec<String>> = revoked
                .iter()
                .map(|r| {
                    vec![
                        r.unit_code.clone(),
                        r.key_id.clone(),
                        format_vn_date(r.revoked_at.date_naive()),
                        r.reason.clone(),
                        r.decided_by.clone(),
                    ]
                })
                .collect();
            table(
                &[
                    l.pick("Đơn vị", "Unit"),
                    l.pick("Mã khoá", "Key id"),
                    l.pick("Ngày thu hồi", "Revoked"),
                    l.pick("Lý do", "Reason"),
                    l.pick("Quyết định bởi", "Decided by"),
                ],
                &rows,
            );
        }
    }

    pub fn rotated(&self, r: &KeyRotation) {
        if self.json {
            return print_json(r);
        }
        let l = self.lang;
        say!("{} {} → {}", l.pick("Đã tạo khoá mới:", "New key made:"), r.previous_key_id, r.key_id);
        say!("{}: {}", l.pick("Dấu vân tay mới", "New fingerprint"), r.fingerprint);
        if r.must_enrol_again {
            say!("{}", l.pick(
                "Khoá cũ đã bị thu hồi: hãy xuất khoá công khai (thuocdo keys export) và đề nghị cấp trên đăng ký lại, đọc dấu vân tay qua điện thoại.",
                "The old key was revoked: export the public key (thuocdo keys export) and have the superior enrol it again, reading out the fingerprint."
            ));
        } else {
            say!(
                "{}",
                l.pick(
                    "Gói tiếp theo gửi mỗi đơn vị sẽ ký bằng khoá cũ và mang theo khoá mới; các gói sau ký bằng khoá mới.",
                    "The next bundle to each office is signed with the old key and carries the new one; later bundles use the new key."
                )
            );
        }
    }

    pub fn revoked(&self, r: &KeyRevocationItem) {
        if self.json {
            return print_json(r);
        }
        let l = self.lang;
        say!(
            "{} {} ({} {}): {}",
            l.pick("Đã thu hồi khoá của đơn vị", "Revoked the key of unit"),
            r.unit_code,
            l.pick("mã khoá", "key id"),
            r.key_id,
            r.reason
        );
        say!(
            "{}",
            l.pick(
                "Gói ký bằng khoá này sẽ bị từ chối; việc thu hồi được gửi xuống trong gói tiếp theo cho đơn vị đó.",
                "Bundles signed with it are refused; the revocation goes down in the next bundle to that office."
            )
        );
    }

    pub fn receipt_written(&self, r: &ReceiptFile) {
        if self.json {
            return print_json(r);
        }
        say!("{} {}", self.lang.pick("Đã ghi biên nhận", "Wrote the receipt"), r.path);
        self.say(
            "Hãy gửi tệp này cho đơn vị đã gửi gói (thuocdo bundle acknowledge TỆP).",
            "Give this file to the sending office (thuocdo bundle acknowledge FILE).",
        );
    }

    pub fn acknowledged(&self, r: &ReceiptItem) {
        if self.json {
            return print_json(r);
        }
        let l = self.lang;
        let head = if r.newly_recorded {
            l.pick("Đã ghi nhận biên nhận", "Recorded the receipt")
        } else {
            l.pick("Biên nhận này đã được ghi nhận trước đây", "This receipt was recorded before")
        };
        say!(
            "{head}: {} {} ({} → {}) {} {}; {} {}, {} {}",
            l.pick("gói số", "bundle"),
            r.sequence,
            r.source_unit,
            r.destination_unit,
            l.pick("nhận ngày", "received on"),
            format_vn_date(r.received_at.date_naive()),
            format_count(r.written as i64),
            l.pick("bản ghi đã ghi", "records written"),
            format_count(r.conflicts as i64),
            l.pick("xung đột", "conflicts")
        );
    }

    pub fn approvals(&self, items: &[ApprovalItem]) {
        if self.json {
            return print_json(items);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|a| {
                vec![
                    a.unit_code.clone(),
                    a.year.to_string(),
                    a.decision.clone(),
                    a.collective_level.clone().unwrap_or_default(),
                    format_vn_date(a.approved_on),
                    if a.given_here {
                        l.pick("cấp này phê duyệt", "given here")
                    } else {
                        l.pick("cấp trên phê duyệt", "from the superior")
                    }
                    .into(),
                ]
            })
            .collect();
        table(
            &[
                l.pick("Đơn vị", "Unit"),
                l.pick("Năm", "Year"),
                l.pick("Quyết định", "Decision"),
                l.pick("Xếp loại tập thể", "Collective"),
                l.pick("Ngày", "Date"),
                l.pick("Nguồn", "Source"),
            ],
            &rows,
        );
    }

    pub fn bundle_exported(&self, r: &ExportReceipt) {
        if self.json {
            return print_json(r);
        }
        let l = self.lang;
        say!(
            "{} {} ({} {} → {}, {} {}, {} byte)",
            l.pick("Đã ghi", "Wrote"),
            r.path,
            l.pick("gói", "bundle"),
            r.source_unit,
            r.destination_unit,
            l.pick("số", "number"),
            r.sequence,
            format_count(r.bytes as i64)
        );
        let rows: Vec<Vec<String>> =
            r.counts.iter().filter(|(_, n)| **n > 0).map(|(kind, n)| vec![kind.clone(), format_count(*n as i64)]).collect();
        table(&[l.pick("Loại bản ghi", "Record kind"), l.pick("Số bản ghi", "Records")], &rows);
        if r.attachments > 0 {
            say!("{}: {}", l.pick("Tệp minh chứng kèm theo", "Evidence files attached"), format_count(r.attachments as i64));
        }
    }

    pub fn bundle_imported(&self, r: &BundleReport) {
        if self.json {
            return print_json(r);
        }
        let l = self.lang;
        let what = match (r.applied, r.verdict.as_str()) {
            (_, "already_imported") => {
                l.pick("Gói này đã được nhập trước đây: không có gì thay đổi.", "This bundle was imported before: nothing changed.")
            }
            (true, _) => l.pick("Đã nhập gói dữ liệu.", "The bundle was imported."),
            (false, _) => l.pick("Xem trước (chưa ghi gì):", "Preview (nothing written):"),
        };
        say!("{what} {} {} → {}, {} {}", r.file_name, r.source_unit, r.destination_unit, l.pick("số", "number"), r.sequence);
        if r.verdict == "already_imported" {
            return;
        }
        let count = |n: usize| format_count(n as i64);
        let rows: Vec<Vec<String>> = r
            .kinds
            .iter()
            .map(|k| {
                vec![
                    k.kind.clone(),
                    count(k.new),
                    count(k.changed),
                    count(k.unchanged),
                    count(k.older),
                    count(k.conflicting),
                    count(k.matched),
                ]
            })
            .collect();
        table(
            &[
                l.pick("Loại bản ghi", "Record kind"),
                l.pick("Mới", "New"),
                l.pick("Thay đổi", "Changed"),
                l.pick("Không đổi", "Unchanged"),
                l.pick("Cũ hơn", "Older"),
                l.pick("Xung đột", "Conflicting"),
                l.pick("Đã có", "Matched"),
            ],
            &rows,
        );
        if r.attachments > 0 {
            say!("{}: {}", l.pick("Tệp minh chứng mới", "New evidence files"), count(r.attachments));
        }
        for c in &r.conflicts {
            say!("{} {} {}: {}", l.pick("Xung đột", "Conflict"), c.kind, c.id, c.reason);
        }
    }

    pub fn bundle_status(&self, lines: &[ChainLine]) {
        if self.json {
            return print_json(lines);
        }
        let l = self.lang;
        if lines.is_empty() {
            return self.say("Chưa gửi hay nhận gói dữ liệu nào.", "No bundle sent or received yet.");
        }
        let dash = || "—".to_string();
        let rows: Vec<Vec<String>> = lines
            .iter()
            .map(|c| {
                vec![
                    if c.direction == "out" { l.pick("gửi", "sent") } else { l.pick("nhận", "received") }.to_string(),
                    c.source_unit.clone().unwrap_or_else(dash),
                    c.destination_unit.clone().unwrap_or_else(dash),
                    c.last_sequence.map_or_else(dash, |n| n.to_string()),
                    c.last_accepted_at.map_or_else(dash, |t| t.with_timezone(&chrono::Local).format("%H:%M %d/%m/%Y").to_string()),
                    match c.last_outcome.as_deref() {
                        Some("accepted") => l.pick("đã nhận", "accepted").to_string(),
                        Some("already") => l.pick("đã có", "already imported").to_string(),
                        Some("refused") => format!("{} ({})", l.pick("từ chối", "refused"), c.last_code.as_deref().unwrap_or("")),
                        _ => dash(),
                    },
                    format_count(c.refused as i64),
                    match (c.direction.as_str(), c.acknowledged_sequence) {
                        ("out", Some(n)) => format!("{} {n}", l.pick("đến gói", "up to")),
                        ("out", None) => l.pick("chưa", "not yet").to_string(),
                        _ => dash(),
                    },
                ]
            })
            .collect();
        table(
            &[
                l.pick("Chiều", "Direction"),
                l.pick("Từ", "From"),
                l.pick("Đến", "To"),
                l.pick("Số gói", "Sequence"),
                l.pick("Lúc", "At"),
                l.pick("Lần cuối", "Last outcome"),
                l.pick("Bị từ chối", "Refused"),
                l.pick("Biên nhận", "Receipts"),
            ],
            &rows,
        );
    }

    pub fn completeness(&self, period: &str, lines: &[CompletenessLine]) {
        if self.json {
            return print_json(lines);
        }
        let l = self.lang;
        if lines.is_empty() {
            return self.say("Không có đơn vị cấp dưới nào.", "No unit below this office.");
        }
        let dash = || "—".to_string();
        let when = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&chrono::Local).format("%H:%M %d/%m/%Y").to_string();
        let rows: Vec<Vec<String>> = lines
            .iter()
            .map(|c| {
                vec![
                    match &c.parent_code {
                        Some(parent) => format!("{} ({parent})", c.unit_code),
                        None => c.unit_code.clone(),
                    },
                    c.unit_name.clone(),
                    if c.key_enrolled { l.pick("có", "yes") } else { l.pick("chưa", "no") }.to_string(),
                    match c.state.as_str() {
                        "sent" => l.pick("đã gửi", "sent"),
                        "late" => l.pick("trễ hạn", "late"),
                        _ => l.pick("chưa gửi", "missing"),
                    }
                    .to_string(),
                    c.covered_at.map_or_else(dash, when),
                    c.last_sequence.map_or_else(dash, |n| n.to_string()),
                    c.last_accepted_at.map_or_else(dash, when),
                    format_count(c.refused.len() as i64),
                    c.approved_on.map_or_else(dash, format_vn_date),
                ]
            })
            .collect();
        say!("{} {period}", l.pick("Kỳ", "Period"));
        table(
            &[
                l.pick("Mã", "Code"),
                l.pick("Tên", "Name"),
                l.pick("Khoá", "Key"),
                l.pick("Tình trạng", "State"),
                l.pick("Gửi lúc", "Sent at"),
                l.pick("Số gói cuối", "Last sequence"),
                l.pick("Nhận lúc", "Accepted at"),
                l.pick("Bị từ chối", "Refused"),
                l.pick("Phê duyệt", "Approved"),
            ],
            &rows,
        );
        for c in lines {
            for r in &c.refused {
                say!(
                    "{} {} {} {}: {} ({})",
                    l.pick("Từ chối", "Refused"),
                    c.unit_code,
                    r.file_name,
                    when(r.at),
                    r.message.as_deref().unwrap_or(""),
                    r.code.as_deref().unwrap_or("")
                );
            }
        }
    }

    pub fn demo_created(&self, s: &DemoSummary) {
        if self.json {
            return print_json(s);
        }
        let l = self.lang;
        say!(
            "{} {}: {} {}, {} {} ({})",
            l.pick("Đã tạo dữ liệu mẫu", "Demo data created"),
            s.office_unit,
            format_count(s.units as i64),
            l.pick("đơn vị", "units"),
            format_count(s.people as i64),
            l.pick("cán bộ", "people"),
            s.database
        );
        match s.default_password.as_deref() {
            Some(password) => say!("{}: {}  {}: {password}", l.pick("Đăng nhập", "Log in as"), s.admin, l.pick("mật khẩu", "password")),
            None => say!(
                "{}: {}  ({})",
                l.pick("Đăng nhập", "Log in as"),
                s.admin,
                l.pick("mật khẩu là THUOCDO_PASSWORD", "password from THUOCDO_PASSWORD")
            ),
        }
    }

    pub fn units(&self, units: &[UnitItem]) {
        if self.json {
            return print_json(units);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = units
            .iter()
            .map(|u| {
                vec![
                    format!("{}{}", "  ".repeat(u.depth), u.code),
                    u.name.clone(),
                    u.level_name.clone(),
                    u.parent_code.clone().unwrap_or_default(),
                    format_count(u.headcount_with_below as i64),
                ]
            })
            .collect();
        table(
            &[
                l.pick("Mã", "Code"),
                l.pick("Tên đơn vị", "Name"),
                l.pick("Cấp", "Level"),
                l.pick("Mã cấp trên", "Parent code"),
                l.pick("Số cán bộ (cả trực thuộc)", "People (with units below)"),
            ],
            &rows,
        );
    }

    pub fn results_exported(&self, path: &Path, people: usize, collectives: usize) {
        if self.json {
            #[derive(Serialize)]
            struct Exported {
                file: String,
                people: usize,
                collectives: usize,
            }
            return print_json(&Exported { file: path.display().to_string(), people, collectives });
        }
        say!(
            "{} {}: {} {}, {} {}",
            self.lang.pick("Đã xuất kết quả ra", "Exported the results to"),
            path.display(),
            format_count(people as i64),
            self.lang.pick("cá nhân", "people"),
            format_count(collectives as i64),
            self.lang.pick("tập thể", "collectives")
        );
    }

    pub fn unit_changed(&self, code: &str) {
        if self.json {
            #[derive(Serialize)]
            struct Changed<'a> {
                code: &'a str,
            }
            return print_json(&Changed { code });
        }
        say!("{} {}", self.lang.pick("Đã lưu thay đổi của đơn vị", "Saved the change to unit"), code.trim().to_uppercase());
    }

    pub fn units_merged(&self, outcome: &service::MergeOutcome, into: &str) {
        if self.json {
            return print_json(outcome);
        }
        let l = self.lang;
        say!(
            "{} {} {} {}: {} {}, {} {}, {} {}",
            l.pick("Đã sáp nhập", "Merged"),
            format_count(outcome.merged as i64),
            l.pick("đơn vị vào", "units into"),
            into.trim().to_uppercase(),
            format_count(outcome.people_moved as i64),
            l.pick("người chuyển sang", "people moved"),
            format_count(outcome.units_moved as i64),
            l.pick("đơn vị trực thuộc chuyển sang", "units below moved"),
            format_count(outcome.posts_ended as i64),
            l.pick("chức vụ kết thúc", "posts ended")
        );
    }

    pub fn unit_history(&self, changes: &[service::UnitChange]) {
        if self.json {
            return print_json(changes);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = changes
            .iter()
            .map(|c| {
                let what = match c.kind {
                    service::UnitChangeKind::Added => l.pick("thêm vào", "added under"),
                    service::UnitChangeKind::Renamed => l.pick("đổi tên", "renamed"),
                    service::UnitChangeKind::Moved => l.pick("chuyển trực thuộc", "moved"),
                    service::UnitChangeKind::Merged => l.pick("sáp nhập vào", "merged into"),
                    service::UnitChangeKind::Dissolved => l.pick("giải thể từ", "dissolved on"),
                };
                let at = c.at.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M").to_string();
                vec![at, c.username.clone(), what.to_string(), c.from.clone(), c.to.clone()]
            })
            .collect();
        table(&[l.pick("Lúc", "At"), l.pick("Người", "By"), l.pick("Việc", "Change"), l.pick("Từ", "From"), l.pick("Thành", "To")], &rows);
    }

    pub fn unit_added(&self, unit: &UnitItem) {
        if self.json {
            return print_json(unit);
        }
        say!("{} {} — {}", self.lang.pick("Đã thêm đơn vị", "Unit added:"), unit.code, unit.name);
    }

    pub fn roster(&self, people: &[RosterItem]) {
        if self.json {
            return print_json(people);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = people
            .iter()
            .map(|p| {
                vec![
                    p.full_name.clone(),
                    format_birth(p.birth_date, p.birth_year_only),
                    p.gender.label(l).to_string(),
                    p.position.clone().unwrap_or_default(),
                    p.unit_code.clone(),
                    p.person_id.to_string(),
                ]
            })
            .collect();
        table(
            &[
                l.pick("Họ và tên", "Full name"),
                l.pick("Ngày sinh", "Born"),
                l.pick("Giới tính", "Gender"),
                l.pick("Chức vụ", "Position"),
                l.pick("Đơn vị", "Unit"),
                "ID",
            ],
            &rows,
        );
        say!("{} {}", format_count(people.len() as i64), l.pick("người", "people"));
    }

    pub fn profile(&self, profile: &PersonProfile) {
        if self.json {
            return print_json(profile);
        }
        let (l, p) = (self.lang, &profile.person);
        say!("{} — {} {}", p.full_name, l.pick("sinh", "born"), format_birth(p.birth_date, p.birth_year_only));
        let field = |label: &str, value: Option<String>| say!("  {label}: {}", value.unwrap_or_else(|| "—".into()));
        field(l.pick("Giới tính", "Gender"), Some(p.gender.label(l).into()));
        field(l.pick("Quê quán", "Hometown"), p.hometown.clone());
        field(l.pick("Người địa phương", "Local"), p.is_local.map(|b| if b { l.pick("Có", "Yes") } else { l.pick("Không", "No") }.into()));
        field(l.pick("Đảng viên", "Party member"), Some(if p.party_member { l.pick("Có", "Yes") } else { l.pick("Không", "No") }.into()));
        field(l.pick("Trình độ chuyên môn", "Qualification"), p.qualification_detail.clone());
        field(l.pick("Lý luận chính trị", "Political theory"), p.political_theory.map(|t| t.label(l).into()));
        field(l.pick("Đơn vị", "Unit"), Some(format!("{} ({})", p.unit_name, p.unit_code)));
        say!("{}:", l.pick("Quá trình công tác", "Position history"));
        let date = |d: Option<chrono::NaiveDate>| d.map(format_vn_date).unwrap_or_else(|| "…".into());
        for h in &profile.history {
            let due = h
                .reappointment_due
                .filter(|_| h.end_date.is_none())
                .map(|d| format!("; {} {}", l.pick("đến hạn bổ nhiệm lại", "re-appointment due"), format_vn_date(d)))
                .unwrap_or_default();
            say!("  {} – {}: {}, {}{due}", date(h.start_date), date(h.end_date), h.position, h.unit_name);
        }
    }

    pub fn import_report(&self, r: &ImportReport) {
        if self.json {
            return print_json(r);
        }
        let l = self.lang;
        self.import_heading(&r.file, r.rows, r.dry_run, r.written);
        if let Some(reading) = &r.reading {
            self.sheet_reading(reading);
        }
        if let Some(unit) = &r.default_unit {
            say!("  {} {unit}", l.pick("Tệp không có cột đơn vị; mọi dòng thuộc:", "The file has no unit column; every row belongs to:"));
        }
        self.import_counts(
            (r.new_people, l.pick("người mới", "new")),
            (r.updated_people, l.pick("cập nhật", "updated")),
            r.unchanged_people,
        );
        if r.new_assignments + r.ended_assignments + r.updated_assignments > 0 {
            say!(
                "  {} {}, {} {}",
                format_count(r.new_assignments as i64),
                l.pick("bổ nhiệm mới", "new assignments"),
                format_count(r.ended_assignments as i64),
                l.pick("chức vụ kết thúc", "assignments ended")
            );
        }
        let units = if r.created_units.is_empty() { &r.units_to_create } else { &r.created_units };
        for u in units {
            say!("  {} {} ({}, {})", l.pick("Đơn vị mới:", "New unit:"), u.name, u.code, u.level);
        }
        for p in &r.new_positions {
            say!("  {} {p}", l.pick("Chức vụ mới (nhóm \"khác\"):", "New position (group \"other\"):"));
        }
        for e in &r.errors {
            say!("  {}", if l == Lang::Vi { &e.message } else { &e.message_en });
        }
    }

    pub fn path(&self, path: &Path) {
        if self.json {
            #[derive(Serialize)]
            struct Database {
                database: String,
                exists: bool,
            }
            return print_json(&Database { database: path.display().to_string(), exists: path.is_file() });
        }
        say!("{}", path.display());
    }

    pub fn written(&self, path: &Path, rows: Option<usize>) {
        if self.json {
            #[derive(Serialize)]
            struct Written {
                file: String,
                rows: Option<usize>,
            }
            return print_json(&Written { file: path.display().to_string(), rows });
        }
        match rows {
            Some(n) => say!(
                "{} {} ({} {})",
                self.lang.pick("Đã ghi", "Wrote"),
                path.display(),
                format_count(n as i64),
                self.lang.pick("dòng", "rows")
            ),
            None => say!("{} {}", self.lang.pick("Đã ghi", "Wrote"), path.display()),
        }
    }

    pub fn recovery_sheet(&self, path: &Path, document: &service::printing::PrintedDocument) {
        self.printed(path, document);
        if !self.json {
            say!(
                "{}",
                self.lang.pick(
                    "Mã trên phiếu này mở được văn phòng khi mọi quản trị viên quên mật khẩu; phiếu in trước đó hết hiệu lực. In phiếu, cất trong tủ có khoá, rồi xoá tệp PDF.",
                    "The code on this sheet opens the office when every administrator's password is lost; any earlier sheet no longer does. Print it, lock it away, then delete the PDF file."
                )
            );
        }
    }

    pub fn recovered(&self, username: &str) {
        if self.json {
            #[derive(Serialize)]
            struct Recovered<'a> {
                username: &'a str,
            }
            return print_json(&Recovered { username });
        }
        say!(
            "{} {}. {}",
            self.lang.pick("Đã đặt mật khẩu mới cho quản trị viên", "Set a new password for the administrator"),
            username,
            self.lang.pick("Việc khôi phục đã được ghi vào nhật ký.", "The recovery is in the audit trail.")
        );
    }

    pub fn printed(&self, path: &Path, document: &service::printing::PrintedDocument) {
        if self.json {
            #[derive(Serialize)]
            struct Printed {
                file: String,
                format: service::printing::DocumentFormat,
                pages: Option<usize>,
                bytes: usize,
            }
            return print_json(&Printed {
                file: path.display().to_string(),
                format: document.format,
                pages: document.pages,
                bytes: document.bytes.len(),
            });
        }
        let size = format_count(document.bytes.len() as i64);
        match document.pages {
            Some(pages) => say!(
                "{} {} ({} {}, {} byte)",
                self.lang.pick("Đã in ra", "Printed to"),
                path.display(),
                format_count(pages as i64),
                self.lang.pick("trang", "pages"),
                size
            ),
            None => say!(
                "{} {} ({}, {} byte)",
                self.lang.pick("Đã ghi", "Wrote"),
                path.display(),
                self.lang.pick(
                    "tệp Word, mở bằng Word hoặc LibreOffice để sửa rồi in",
                    "a Word file to edit in Word or LibreOffice, then print"
                ),
                size
            ),
        }
    }

    pub fn bench(&self, results: &service::bench::BenchResults) {
        if self.json {
            return print_json(results);
        }
        say!("{}", results.to_markdown());
    }

    pub fn targets(&self, lines: &[TargetLine]) {
        if self.json {
            return print_json(lines);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = lines
            .iter()
            .map(|t| {
                vec![
                    t.unit_code.clone(),
                    t.code.clone(),
                    t.name.clone(),
                    t.person_name.clone().unwrap_or_default(),
                    format!("{} {}", t.plan_text, t.measure),
                    t.actual_text.clone(),
                    t.completion_text.clone(),
                    t.status_label.clone(),
                ]
            })
            .collect();
        table(
            &[
                l.pick("Đơn vị", "Unit"),
                l.pick("Mã", "Code"),
                l.pick("Chỉ tiêu", "Target"),
                l.pick("Người được giao", "Assigned to"),
                l.pick("Kế hoạch", "Plan"),
                l.pick("Thực hiện", "Actual"),
                l.pick("Hoàn thành", "Completion"),
                l.pick("Trạng thái", "Status"),
            ],
            &rows,
        );
        say!("{} {}", format_count(lines.len() as i64), l.pick("chỉ tiêu", "targets"));
    }

    pub fn sheet_report(&self, r: &SheetReport) {
        if self.json {
            return print_json(r);
        }
        let l = self.lang;
        self.import_heading(&r.file, r.rows, r.dry_run, r.written);
        self.import_counts((r.new, l.pick("mới", "new")), (r.updated, l.pick("thay đổi", "changed")), r.unchanged);
    }

    /// The first line of an import's report: preview, imported, or nothing changed.
    /// How a sheet was read: the header row(s), each column taken, the rows passed over.
    fn sheet_reading(&self, reading: &SheetReading) {
        let l = self.lang;
        let rows: Vec<String> = reading.header_rows.iter().map(|r| r.to_string()).collect();
        say!("  {} {}", l.pick("Dòng tiêu đề:", "Header row:"), rows.join(l.pick(" và ", " and ")));
        if let Some(encoding) = &reading.detected_encoding {
            match reading.converted {
                true => say!("  {} {encoding} → Unicode", l.pick("Đã chuyển mã:", "Converted:")),
                false => say!(
                    "  {} {encoding}",
                    l.pick("Chữ gõ bằng mã cũ, giữ nguyên không chuyển:", "Text in an old encoding, kept as it is:")
                ),
            }
            for (before, after) in &reading.conversion_samples {
                say!("    {before} → {after}");
            }
        }
        for c in &reading.columns {
            let field = c
                .field
                .as_ref()
                .and_then(|code| reading.choices.iter().find(|f| &f.code == code))
                .map(|f| format!("{} [{}]", l.pick(&f.label, &f.label_en), f.code))
                .unwrap_or_else(|| l.pick("(không dùng)", "(not used)").to_string());
            say!("    {} {} → {field}", c.letter, c.label);
        }
        for p in &reading.passed {
            say!("  {} {}: {} — {}", l.pick("Bỏ qua dòng", "Passed over row"), p.row, l.pick(&p.reason, &p.reason_en), p.text);
        }
    }

    fn import_heading(&self, file: &str, rows: usize, dry_run: bool, written: bool) {
        let l = self.lang;
        let heading = match (dry_run, written) {
            (true, _) => l.pick("Xem trước (chưa ghi gì):", "Preview (nothing written):"),
            (false, true) => l.pick("Đã nhập:", "Imported:"),
            (false, false) => l.pick("Không có gì thay đổi:", "Nothing changed:"),
        };
        say!("{heading} {file} — {} {}", format_count(rows as i64), l.pick("dòng", "rows"));
    }

    fn import_counts(&self, new: (usize, &str), changed: (usize, &str), unchanged: usize) {
        let count = |n: usize| format_count(n as i64);
        say!(
            "  {} {}, {} {}, {} {}",
            count(new.0),
            new.1,
            count(changed.0),
            changed.1,
            count(unchanged),
            self.lang.pick("không đổi", "unchanged")
        );
    }

    pub fn comparison_groups(&self, groups: &[ComparisonGroup]) {
        if self.json {
            return print_json(groups);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = groups
            .iter()
            .map(|g| vec![g.code.clone(), g.name.clone(), format_count(g.holders as i64), format_count(g.with_targets as i64)])
            .collect();
        table(
            &[
                l.pick("Mã nhóm", "Group"),
                l.pick("Nhóm chức danh", "Position group"),
                l.pick("Số người", "Holders"),
                l.pick("Có chỉ tiêu", "With targets"),
            ],
            &rows,
        );
    }

    pub fn comparison(&self, t: &ComparisonTable) {
        if self.json {
            return print_json(t);
        }
        let l = self.lang;
        say!("{} — {} {} ({} {})", t.group_name, l.pick("năm", "year"), t.year, l.pick("số liệu đến", "as of"), format_vn_date(t.as_of));
        let rows: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.rank.map(|n| n.to_string()).unwrap_or_else(|| "—".into()),
                    r.name.clone(),
                    r.unit_code.clone(),
                    r.completion_text.clone(),
                    format_count(r.targets as i64),
                    format_count(r.exceeded as i64),
                    format_count(r.met as i64),
                    format_count(r.at_risk as i64),
                    format_count(r.not_met as i64),
                ]
            })
            .collect();
        table(
            &[
                l.pick("Hạng", "Rank"),
                l.pick("Họ và tên", "Full name"),
                l.pick("Đơn vị", "Unit"),
                l.pick("Hoàn thành", "Completion"),
                l.pick("Chỉ tiêu", "Targets"),
                l.pick("Vượt", "Exceeded"),
                l.pick("Đạt", "Met"),
                l.pick("Nguy cơ", "At risk"),
                l.pick("Không đạt", "Not met"),
            ],
            &rows,
        );
    }

    pub fn breakthrough(&self, tasks: &[BreakthroughLine]) {
        if self.json {
            return print_json(tasks);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = tasks
            .iter()
            .map(|t| vec![t.unit_code.clone(), t.person_name.clone(), t.title.clone(), format_vn_date(t.deadline), t.state_label.clone()])
            .collect();
        table(
            &[
                l.pick("Đơn vị", "Unit"),
                l.pick("Người đăng ký", "Leader"),
                l.pick("Nhiệm vụ", "Task"),
                l.pick("Hạn", "Deadline"),
                l.pick("Trạng thái", "State"),
            ],
            &rows,
        );
        say!("{} {}", format_count(tasks.len() as i64), l.pick("nhiệm vụ", "tasks"));
    }

    /// The JSON contract of `classify`: one object per person with person_id, name, unit_code, group, points,
    /// proposed_level, quota_adjusted and reasons (and more).
    pub fn products(&self, lines: &[UnitProductLine]) {
        if self.json {
            return print_json(lines);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = lines
            .iter()
            .map(|p| {
                let x = &p.product;
                vec![
                    p.person.clone(),
                    p.unit_code.clone(),
                    x.period_label.clone(),
                    x.title.clone(),
                    format!("{} {}", x.required_text, x.measure),
                    x.coefficient_text.clone(),
                    x.assessment.map(|a| domain::numbers::format_quantity(a.delivered)).unwrap_or_default(),
                    x.score_text.clone(),
                ]
            })
            .collect();
        table(
            &[
                l.pick("Người thực hiện", "Assigned to"),
                l.pick("Đơn vị", "Unit"),
                l.pick("Kỳ", "Period"),
                l.pick("Sản phẩm", "Product"),
                l.pick("Giao", "Required"),
                l.pick("Hệ số", "Coefficient"),
                l.pick("Đạt", "Delivered"),
                l.pick("Điểm", "Score"),
            ],
            &rows,
        );
        let appraised = lines.iter().filter(|p| p.product.score.is_some()).count();
        say!(
            "{} {}, {} {}",
            format_count(lines.len() as i64),
            l.pick("sản phẩm", "products"),
            format_count(appraised as i64),
            l.pick("đã thẩm định", "appraised")
        );
    }

    pub fn periods(&self, periods: &[PeriodLine]) {
        if self.json {
            return print_json(periods);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = periods
            .iter()
            .map(|p| {
                let state = if p.closed { l.pick("đã khóa", "closed") } else { l.pick("đang mở", "open") };
                vec![p.label.clone(), p.period.short(), state.to_string()]
            })
            .collect();
        table(&[l.pick("Kỳ", "Period"), l.pick("Mã", "Code"), l.pick("Trạng thái", "State")], &rows);
    }

    pub fn period_sheet(&self, sheet: &PeriodSheet) {
        if self.json {
            return print_json(sheet);
        }
        let l = self.lang;
        say!("{}", sheet.period.label);
        let number = |v: Option<f64>| v.map(|p| domain::numbers::format_hundredths((p * 100.0).round() as i64, 2)).unwrap_or_default();
        let rows: Vec<Vec<String>> = sheet
            .rows
            .iter()
            .map(|r| {
                let task = match (r.task_points, r.task_from_products) {
                    (Some(_), false) => format!("{} ({})", number(r.task_points), l.pick("nhập tay", "typed")),
                    _ => number(r.task_points),
                };
                vec![
                    r.name.clone(),
                    r.unit_code.clone(),
                    number(r.superior_points.or(r.self_points)),
                    task,
                    r.total_text.clone(),
                    if r.missing.is_empty() { r.level_label.clone() } else { r.missing.clone() },
                ]
            })
            .collect();
        table(
            &[
                l.pick("Họ và tên", "Full name"),
                l.pick("Đơn vị", "Unit"),
                l.pick("Tiêu chí chung", "General"),
                l.pick("Kết quả nhiệm vụ", "Task results"),
                l.pick("Tổng", "Total"),
                l.pick("Mức / còn thiếu", "Level / missing"),
            ],
            &rows,
        );
    }

    pub fn plan_history(&self, changes: &[service::work::PlanChange]) {
        if self.json {
            return print_json(changes);
        }
        if changes.is_empty() {
            println!("{}", self.lang.pick("Kế hoạch chưa sửa lần nào.", "The plan was never changed."));
            return;
        }
        let rows: Vec<Vec<String>> = changes
            .iter()
            .map(|c| {
                let at = chrono::DateTime::parse_from_rfc3339(&c.at)
                    .map(|t| t.with_timezone(&chrono::Local).format("%H:%M %d/%m/%Y").to_string())
                    .unwrap_or_else(|_| c.at.clone());
                vec![at, c.by.clone(), c.before.clone()]
            })
            .collect();
        table(
            &[
                self.lang.pick("Lúc sửa", "Changed at"),
                self.lang.pick("Người sửa", "By"),
                self.lang.pick("Kế hoạch trước khi sửa", "Plan before"),
            ],
            &rows,
        );
    }

    pub fn product_kinds(&self, items: &[service::work::ProductKindItem]) {
        if self.json {
            return print_json(items);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|k| {
                let origin = match k.origin {
                    service::work::KindOrigin::Default => l.pick("mặc định (chưa xác nhận)", "default (unconfirmed)"),
                    service::work::KindOrigin::Changed => l.pick("đã sửa", "changed"),
                    service::work::KindOrigin::Own => l.pick("của đơn vị", "the office's own"),
                };
                vec![k.code.clone(), k.name.clone(), k.measure.clone(), k.coefficient_text.clone(), k.groups.join(", "), origin.into()]
            })
            .collect();
        table(
            &[
                l.pick("Mã", "Code"),
                l.pick("Loại sản phẩm", "Kind"),
                l.pick("Đơn vị tính", "Counted in"),
                l.pick("Hệ số", "Coefficient"),
                l.pick("Nhóm chức danh", "Position groups"),
                "",
            ],
            &rows,
        );
    }

    pub fn authority(&self, items: &[service::evaluation::AuthorityItem]) {
        if self.json {
            return print_json(items);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                let by = match i.decided_by {
                    service::evaluation::DecidedBy::Province => l.pick("cấp tỉnh", "province"),
                    service::evaluation::DecidedBy::Commune => l.pick("cấp xã", "commune"),
                };
                let origin = if i.changed {
                    l.pick("đã đổi", "changed")
                } else {
                    l.pick("mặc định (chưa xác nhận)", "default (unconfirmed)")
                };
                vec![i.group_name.clone(), i.group_code.clone(), by.to_string(), origin.to_string()]
            })
            .collect();
        table(&[l.pick("Nhóm chức danh", "Position group"), l.pick("Mã", "Code"), l.pick("Cấp quyết định", "Decided by"), ""], &rows);
    }

    pub fn feedback(&self, summary: &FeedbackSummary) {
        if self.json {
            return print_json(summary);
        }
        let l = self.lang;
        let hidden = l.pick("chưa đủ người đánh giá", "too few raters");
        let rows: Vec<Vec<String>> = summary
            .groups
            .iter()
            .map(|g| {
                let mean = g.mean.map_or(hidden.to_string(), |m| domain::numbers::format_hundredths((m * 100.0).round() as i64, 2));
                vec![g.name.clone(), format!("{} %", g.weight), format_count(i64::from(g.raters)), mean]
            })
            .collect();
        table(&[l.pick("Nhóm", "Group"), l.pick("Trọng số", "Weight"), l.pick("Số người", "Raters"), l.pick("Điểm", "Points")], &rows);
        if let Some(w) = summary.weighted {
            say!("{}: {}", l.pick("Kết quả chung", "Weighted"), domain::numbers::format_hundredths((w * 100.0).round() as i64, 2));
        }
    }

    pub fn facts(&self, facts: &FactsInput, dry_run: bool) {
        if self.json {
            return print_json(facts);
        }
        let l = self.lang;
        if dry_run {
            say!("{}", l.pick("Xem trước (chưa ghi gì):", "Preview (nothing written):"));
        }
        let none = l.pick("không", "none");
        say!("{}: {}", l.pick("Kỷ luật", "Discipline"), facts.discipline.map_or(none, |d| d.label(l)));
        say!("{}: {}", l.pick("Số tháng công tác", "Months worked"), facts.months_worked);
        say!("{}: {}", l.pick("Số tháng nghỉ", "Months absent"), facts.months_absent);
        let low = if facts.low_confidence_percent.is_empty() { none.to_string() } else { format!("{} %", facts.low_confidence_percent) };
        say!("{}: {low}", l.pick("Phiếu tín nhiệm thấp", "Low-confidence votes"));
        let yes_no = |b: bool| if b { l.pick("có", "yes") } else { l.pick("không", "no") };
        say!("{}: {}", l.pick("Đã khắc phục hạn chế", "Shortcomings fixed"), yes_no(facts.shortcomings_fixed));
        say!("{}: {}", l.pick("Đơn vị tiêu biểu", "Outstanding unit"), yes_no(facts.outstanding_unit));
    }

    pub fn classification(&self, people: &[PersonResult]) {
        if self.json {
            return print_json(people);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = people
            .iter()
            .map(|p| {
                let mut level = p.level_label.clone();
                if p.quota_adjusted {
                    level.push_str(l.pick(" (do tỷ lệ)", " (quota)"));
                }
                vec![p.name.clone(), p.unit_code.clone(), p.position.clone().unwrap_or_default(), p.points_text.clone(), level]
            })
            .collect();
        table(
            &[
                l.pick("Họ và tên", "Full name"),
                l.pick("Đơn vị", "Unit"),
                l.pick("Chức vụ", "Position"),
                l.pick("Điểm", "Points"),
                l.pick("Đề xuất", "Proposed"),
            ],
            &rows,
        );
        if let Some(p) = people.iter().find(|p| !p.provisional_text.is_empty()) {
            say!("{} ({})", p.provisional_text, l.pick("các kỳ của năm chưa khóa hết", "the year's periods are not all closed"));
        }
        let count = |level: service::evaluation::Level| people.iter().filter(|p| p.proposed_level == level).count() as i64;
        say!(
            "{} {}: {} {}, {} {}, {} {}, {} {}, {} {}",
            format_count(people.len() as i64),
            l.pick("người", "people"),
            format_count(count(service::evaluation::Level::Excellent)),
            l.pick("xuất sắc", "excellent"),
            format_count(count(service::evaluation::Level::Good)),
            l.pick("tốt", "good"),
            format_count(count(service::evaluation::Level::Completed)),
            l.pick("hoàn thành", "completed"),
            format_count(count(service::evaluation::Level::NotCompleted)),
            l.pick("không hoàn thành", "not completed"),
            format_count(count(service::evaluation::Level::NotRated)),
            l.pick("không xếp loại", "not rated")
        );
    }

    pub fn collectives(&self, collectives: &[CollectiveResult]) {
        if self.json {
            return print_json(collectives);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = collectives
            .iter()
            .map(|c| vec![c.unit_code.clone(), c.unit_name.clone(), c.points_text.clone(), c.level_label.clone()])
            .collect();
        table(&[l.pick("Mã", "Code"), l.pick("Tập thể", "Collective"), l.pick("Điểm", "Points"), l.pick("Đề xuất", "Proposed")], &rows);
    }

    pub fn meetings(&self, meetings: &[MeetingLine]) {
        if self.json {
            return print_json(meetings);
        }
        let l = self.lang;
        let rows: Vec<Vec<String>> = meetings
            .iter()
            .map(|m| {
                vec![
                    m.id.to_string(),
                    m.year.to_string(),
                    m.unit_code.clone(),
                    format_vn_date(m.held_on),
                    format!("{}/{}", m.decided, m.subjects),
                    if m.locked { l.pick("đã khoá", "locked") } else { l.pick("đang họp", "open") }.to_string(),
                ]
            })
            .collect();
        table(
            &[
                "ID",
                l.pick("Năm", "Year"),
                l.pick("Đơn vị", "Unit"),
                l.pick("Ngày họp", "Held on"),
                l.pick("Đã quyết định", "Decided"),
                l.pick("Trạng thái", "State"),
            ],
            &rows,
        );
    }

    pub fn meeting(&self, m: &MeetingDetail) {
        if self.json {
            return print_json(m);
        }
        let l = self.lang;
        say!("{} — {} {} ({})", m.unit_name, l.pick("năm", "year"), m.year, format_vn_date(m.held_on));
        say!("{}: {}/{}", l.pick("Có mặt", "Present"), m.present, m.invited);
        for s in &m.subjects {
            let votes = s.votes.map(|v| format!("{}/{}/{}/{}", v[0], v[1], v[2], v[3])).unwrap_or_default();
            // Computed → proposed → decided, as the minutes carry them.
            let proposal = if s.proposed_level == s.computed_level {
                s.proposed_label.clone()
            } else {
                format!("{} ({})", s.proposed_label, s.proposal_reason.clone().unwrap_or_default())
            };
            let tie = s.tie_rank.map(|r| format!(" [{} {r}]", l.pick("thứ tự bằng điểm", "tie order"))).unwrap_or_default();
            say!("  {} — {} → {} → {} {}{}", s.name, s.computed_label, proposal, s.decided_label, votes, tie);
        }
    }

    pub fn attention(&self, items: &[AttentionItem]) {
        if self.json {
            return print_json(items);
        }
        let rows: Vec<Vec<String>> = items.iter().map(|i| vec![i.name.clone(), i.unit_code.clone(), i.detail.clone()]).collect();
        table(&[self.lang.pick("Họ và tên", "Full name"), self.lang.pick("Đơn vị", "Unit"), self.lang.pick("Lý do", "Why")], &rows);
    }

    pub fn rule_sets(&self, sets: &[RuleSetItem]) {
        if self.json {
            return print_json(sets);
        }
        let rows: Vec<Vec<String>> = sets
            .iter()
            .map(|r| vec![r.code.clone(), format!("v{}", r.version), r.name.clone(), r.origin.clone(), r.chosen_for.join(", ")])
            .collect();
        table(
            &[
                self.lang.pick("Mã", "Code"),
                "",
                self.lang.pick("Bộ quy tắc", "Rule set"),
                self.lang.pick("Nguồn", "Origin"),
                self.lang.pick("Áp dụng cho", "Applies to"),
            ],
            &rows,
        );
    }

    /// What an import did, said on stderr so that `--json` output stays the list.
    pub fn imported_rule_set(&self, imported: &service::evaluation::ImportedRuleSet) {
        let line = match (imported.already_held, self.lang) {
            (true, Lang::Vi) => format!("Bộ quy tắc {} phiên bản {} đã có sẵn, không có gì thay đổi.", imported.code, imported.version),
            (true, Lang::En) => format!("Rule set {} version {} was already here; nothing changed.", imported.code, imported.version),
            (false, Lang::Vi) => format!(
                "Đã nhập bộ quy tắc {} phiên bản {} ({}). Chưa xác nhận: {}. Chọn áp dụng bằng --choose {} --group <nhóm>.",
                imported.code,
                imported.version,
                imported.name,
                if imported.unconfirmed.is_empty() { "không".into() } else { imported.unconfirmed.join(", ") },
                imported.code
            ),
            (false, Lang::En) => format!(
                "Imported rule set {} version {} ({}). Unconfirmed: {}. Apply it with --choose {} --group <group>.",
                imported.code,
                imported.version,
                imported.name,
                if imported.unconfirmed.is_empty() { "none".into() } else { imported.unconfirmed.join(", ") },
                imported.code
            ),
        };
        eprintln!("{line}");
    }
}
