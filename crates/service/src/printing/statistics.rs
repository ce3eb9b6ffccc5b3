//! Báo cáo thống kê đội ngũ cán bộ (issue 17): the statistics of a unit as of a day, as Office::personnel_statistics
//! counts them, worded for paper; each breakdown's chart is drawn by the documents crate from the shares.

use super::common::{code_part, Built, Context};
use super::letterhead;
use super::targets::day_asked;
use crate::auth::Session;
use crate::error::{Result, ServiceError};
use crate::office::Office;
use crate::statistics::UnitStatistics;
use documents::{DocumentView, HeaderFormat, ShareRow, StatisticsSection, StatisticsUnitRow, StatisticsView};
use domain::dates::format_vn_date;
use domain::numbers::{format_count, format_percent};
use domain::statistics::{Share, Statistics};
use domain::Lang;

fn percent(share: &Share) -> String {
    share.percent.map_or_else(|| "—".to_string(), format_percent)
}

fn row(label: impl Into<String>, share: &Share, total: bool) -> ShareRow {
    ShareRow {
        label: label.into(),
        count: format_count(i64::from(share.count)),
        percent: percent(share),
        share: share.percent.unwrap_or(0).clamp(0, 10_000) as u32,
        total,
    }
}

fn sections(s: &Statistics) -> Vec<StatisticsSection> {
    let vi = Lang::Vi;
    let none = "Chưa ghi";
    let mut qualification: Vec<ShareRow> =
        s.qualification.iter().map(|(q, share)| row(q.map_or(none, |q| q.label(vi)), share, false)).collect();
    qualification.push(row("Đại học trở lên", &s.university_or_above, true));
    vec![
        StatisticsSection { title: "1. Trình độ chuyên môn".into(), rows: qualification },
        StatisticsSection {
            title: "2. Trình độ lý luận chính trị".into(),
            rows: s.political_theory.iter().map(|(t, share)| row(t.map_or(none, |t| t.label(vi)), share, false)).collect(),
        },
        StatisticsSection {
            title: "3. Độ tuổi".into(),
            rows: s.age.iter().map(|(band, share)| row(band.label(vi), share, false)).collect(),
        },
        StatisticsSection {
            title: "4. Giới tính, đảng viên".into(),
            rows: vec![row("Nữ", &s.female, false), row("Nam", &s.male, false), row("Đảng viên", &s.party_members, false)],
        },
        StatisticsSection {
            title: "5. Dân tộc".into(),
            rows: s
                .ethnicity
                .iter()
                .map(|(group, share)| row(group.as_deref().unwrap_or(none), share, false))
                .chain([row("Dân tộc thiểu số", &s.ethnic_minority, true)])
                .collect(),
        },
        StatisticsSection {
            title: format!("6. Người đứng đầu đơn vị ({} người)", format_count(i64::from(s.heads))),
            rows: vec![
                row("Không phải người địa phương", &s.heads_not_local, true),
                row("Người địa phương", &s.heads_local, false),
                row(none, &s.heads_unknown, false),
            ],
        },
    ]
}

fn unit_row(index: usize, u: &UnitStatistics) -> StatisticsUnitRow {
    let s = &u.statistics;
    StatisticsUnitRow {
        ordinal: (index + 1).to_string(),
        name: u.unit_name.clone(),
        people: format_count(i64::from(s.people)),
        university: percent(&s.university_or_above),
        female: percent(&s.female),
        party: percent(&s.party_members),
        heads_not_local: format!("{}/{}", format_count(i64::from(s.heads_not_local.count)), format_count(i64::from(s.heads))),
    }
}

pub(super) fn build(office: &Office, session: &Session, unit_code: Option<&str>, as_of: Option<&str>, context: Context) -> Result<Built> {
    let day = day_asked(as_of, context.today)?;
    let stats = office.personnel_statistics(session, unit_code, Some(day))?;
    let code = stats.unit.unit_code.clone();
    let unit = office.store.read().unit_by_code(&code)?.ok_or_else(|| ServiceError::UnknownUnit { code: code.clone() })?;
    let (_, lines) = office.print_setup(session, Some(unit.meta.id))?;
    let format = context.format(HeaderFormat::Party);
    let view = StatisticsView {
        letterhead: letterhead::letterhead(&lines, format, Some("BC"), context.today),
        subject: format!("Thống kê đội ngũ cán bộ, công chức {}", letterhead::in_sentence(&unit.name)),
        as_of: format!("(Số liệu tính đến ngày {})", format_vn_date(stats.as_of)),
        summary: format!("Tổng số: {} người.", format_count(i64::from(stats.unit.statistics.people))),
        sections: sections(&stats.unit.statistics),
        below: stats.below.iter().enumerate().map(|(i, u)| unit_row(i, u)).collect(),
        signature: letterhead::issuer_signature(&lines, format),
    };
    Ok(Built {
        view: DocumentView::Statistics(view),
        file_name: format!("thong-ke-doi-ngu-{}-{}.pdf", code_part(&code), stats.as_of.format("%Y%m%d")),
    })
}
