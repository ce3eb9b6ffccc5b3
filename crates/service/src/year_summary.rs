//! The year at a glance as tables of figures (issue 17): declared once here and then printed as the year's summary
//! report, written as a workbook and shown by the CLI, so the three never disagree.

use crate::auth::Session;
use crate::error::Result;
use crate::figures::{row, total, write_workbook, Figure, FigureRow, FigureTable};
use crate::office::Office;
use crate::overview::{LevelCount, YearOverview};
use chrono::NaiveDate;
use domain::numbers::format_count;
use domain::statistics::{percent_hundredths, Share};
use domain::Lang;
use std::path::Path;

fn share(s: &Share) -> Figure {
    Figure::Percent(s.percent)
}

fn month_name(month: u8, year: i32, lang: Lang) -> String {
    format!("{} {month:02}/{year}", lang.pick("Tháng", "Month"))
}

/// The sentences a report opens with: the people, the targets, the products, the attention list and, when the units
/// below send bundles, who sent the last month.
pub fn summary_sentences(o: &YearOverview, lang: Lang) -> Vec<String> {
    let n = |v: u32| format_count(i64::from(v));
    let planned: u32 = o.products.iter().map(|m| m.planned).sum();
    let appraised: u32 = o.products.iter().map(|m| m.appraised).sum();
    let mut out = vec![match lang {
        Lang::Vi => format!(
            "Tổng số cán bộ: {} người. Chỉ tiêu đạt, vượt: {}/{} ({}). Sản phẩm đã thẩm định: {}/{} sản phẩm đã giao. \
             Số trường hợp cần chú ý: {}.",
            n(o.people),
            n(o.targets_done.count),
            n(o.targets_total),
            share(&o.targets_done).text(),
            n(appraised),
            n(planned),
            n(o.attention)
        ),
        Lang::En => format!(
            "People: {}. Targets met or exceeded: {}/{} ({}). Products appraised: {} of {} assigned. Needing attention: {}.",
            n(o.people),
            n(o.targets_done.count),
            n(o.targets_total),
            share(&o.targets_done).text(),
            n(appraised),
            n(planned),
            n(o.attention)
        ),
    }];
    if let Some(s) = &o.sending {
        let senders = s.sent + s.missing + s.late;
        out.push(match lang {
            Lang::Vi => format!(
                "Số liệu {}: {}/{} đơn vị đã gửi, {} chậm gửi, {} chưa gửi (chưa quá hạn).",
                month_name(s.month, o.year, lang).to_lowercase(),
                n(s.sent),
                n(senders),
                n(s.late),
                n(s.missing)
            ),
            Lang::En => format!(
                "{}: {}/{} units sent their data, {} late, {} not yet (not overdue).",
                month_name(s.month, o.year, lang),
                n(s.sent),
                n(senders),
                n(s.late),
                n(s.missing)
            ),
        });
    }
    out
}

fn level_table(title: String, sheet: &str, levels: &[LevelCount], lang: Lang) -> FigureTable {
    let proposed: u32 = levels.iter().map(|l| l.proposed).sum();
    let decided: u32 = levels.iter().map(|l| l.decided).sum();
    let mut rows: Vec<FigureRow> = levels
        .iter()
        .map(|l| {
            row(vec![
                Figure::Text(l.level.label(lang).to_string()),
                Figure::Count(l.proposed),
                Figure::Percent(percent_hundredths(l.proposed, proposed)),
                Figure::Count(l.decided),
            ])
        })
        .collect();
    rows.push(total(vec![
        Figure::Text(lang.pick("Cộng", "Total").into()),
        Figure::Count(proposed),
        Figure::Percent(percent_hundredths(proposed, proposed)),
        Figure::Count(decided),
    ]));
    FigureTable {
        title,
        sheet: sheet.into(),
        columns: vec![
            lang.pick("Mức xếp loại", "Level").into(),
            lang.pick("Đề xuất", "Proposed").into(),
            lang.pick("Tỷ lệ đề xuất", "Share proposed").into(),
            lang.pick("Đã quyết định", "Decided").into(),
        ],
        widths: vec![3.2, 1.2, 1.2, 1.2],
        rows,
        chart: Some(2),
        note: None,
    }
}

/// The tables of the year at a glance, numbered as the report numbers them.
pub fn summary_tables(o: &YearOverview, lang: Lang) -> Vec<FigureTable> {
    let mut tables = Vec::new();
    let numbered = |tables: &Vec<FigureTable>, title: &str| format!("{}. {title}", tables.len() + 1);

    // Targets by task group and status.
    let statuses: Vec<String> =
        o.targets.first().map(|g| g.by_status.iter().map(|(s, _)| s.label(lang).to_string()).collect()).unwrap_or_default();
    let mut columns = vec![lang.pick("Nhóm nhiệm vụ", "Task group").to_string()];
    columns.extend(statuses.iter().cloned());
    columns.push(lang.pick("Cộng", "Total").into());
    columns.push(lang.pick("Đạt, vượt", "Met or exceeded").into());
    let done = |by_status: &[(domain::targets::TargetStatus, u32)]| -> u32 {
        by_status.iter().filter(|(s, _)| crate::overview::done(*s)).map(|(_, c)| c).sum()
    };
    let mut rows: Vec<FigureRow> = o
        .targets
        .iter()
        .map(|g| {
            let mut cells = vec![Figure::Text(g.group_name.clone())];
            cells.extend(g.by_status.iter().map(|(_, c)| Figure::Count(*c)));
            cells.push(Figure::Count(g.total));
            cells.push(Figure::Percent(percent_hundredths(done(&g.by_status), g.total)));
            row(cells)
        })
        .collect();
    let mut sums = vec![Figure::Text(lang.pick("Cộng", "Total").into())];
    for at in 0..statuses.len() {
        sums.push(Figure::Count(o.targets.iter().map(|g| g.by_status.get(at).map_or(0, |(_, c)| *c)).sum()));
    }
    sums.push(Figure::Count(o.targets_total));
    sums.push(share(&o.targets_done));
    rows.push(total(sums));
    let last = columns.len() - 1;
    // The group's name, a narrow column per status and the total, then room for "100,00 %" on one line.
    let mut widths = vec![2.4];
    widths.extend(std::iter::repeat_n(0.85, columns.len() - 2));
    widths.push(1.3);
    tables.push(FigureTable {
        title: numbered(&tables, lang.pick("Chỉ tiêu theo nhóm nhiệm vụ và tình trạng", "Targets by task group and status")),
        sheet: lang.pick("Chỉ tiêu", "Targets").into(),
        columns,
        widths,
        rows,
        chart: Some(last),
        note: None,
    });

    // Levels of people, against the quota.
    let mut people = level_table(
        numbered(&tables, lang.pick("Xếp loại cá nhân", "Levels of people")),
        lang.pick("Xếp loại cá nhân", "People"),
        &o.people_levels,
        lang,
    );
    let base = if o.quota.of_all_rated {
        lang.pick("số được xếp loại", "of those rated")
    } else {
        lang.pick("số được đề xuất Hoàn thành tốt nhiệm vụ trở lên", "of those proposed Good or better")
    };
    people.note = Some(match lang {
        Lang::Vi => format!(
            "Tỷ lệ đề xuất Hoàn thành xuất sắc nhiệm vụ: {} {base} (quy định không quá {} %).",
            Figure::Percent(o.quota.proposed).text(),
            o.quota.percent
        ),
        Lang::En => {
            format!("Proposed Excellent: {} {base} (the quota: at most {} %).", Figure::Percent(o.quota.proposed).text(), o.quota.percent)
        }
    });
    tables.push(people);
    let collectives = level_table(
        numbered(&tables, lang.pick("Xếp loại tập thể", "Levels of collectives")),
        lang.pick("Xếp loại tập thể", "Collectives"),
        &o.collective_levels,
        lang,
    );
    tables.push(collectives);

    // Products month by month.
    let mut rows: Vec<FigureRow> = o
        .products
        .iter()
        .map(|m| {
            row(vec![
                Figure::Text(format!("{} {}", lang.pick("Tháng", "Month"), m.month)),
                Figure::Count(m.planned),
                Figure::Count(m.appraised),
                Figure::Percent(percent_hundredths(m.appraised, m.planned)),
            ])
        })
        .collect();
    let planned: u32 = o.products.iter().map(|m| m.planned).sum();
    let appraised: u32 = o.products.iter().map(|m| m.appraised).sum();
    rows.push(total(vec![
        Figure::Text(lang.pick("Cả năm", "The year").into()),
        Figure::Count(planned),
        Figure::Count(appraised),
        Figure::Percent(percent_hundredths(appraised, planned)),
    ]));
    tables.push(FigureTable {
        title: numbered(&tables, lang.pick("Sản phẩm theo tháng", "Products by month")),
        sheet: lang.pick("Sản phẩm", "Products").into(),
        columns: vec![
            lang.pick("Tháng", "Month").into(),
            lang.pick("Đã giao", "Assigned").into(),
            lang.pick("Đã thẩm định", "Appraised").into(),
            lang.pick("Tỷ lệ thẩm định", "Share appraised").into(),
        ],
        widths: vec![2.0, 1.2, 1.2, 1.2],
        rows,
        chart: Some(2),
        note: None,
    });

    // The mean points of each period.
    if !o.points.is_empty() {
        tables.push(FigureTable {
            title: numbered(&tables, lang.pick("Điểm bình quân theo kỳ đánh giá", "Mean points by period")),
            sheet: lang.pick("Điểm theo kỳ", "Points").into(),
            columns: vec![
                lang.pick("Kỳ đánh giá", "Period").into(),
                lang.pick("Số người được chấm", "People scored").into(),
                lang.pick("Điểm bình quân", "Mean points").into(),
            ],
            widths: vec![2.4, 1.4, 1.4],
            rows: o
                .points
                .iter()
                .map(|p| row(vec![Figure::Text(p.label.clone()), Figure::Count(p.scored), Figure::Points(p.mean)]))
                .collect(),
            chart: Some(2),
            note: None,
        });
    }

    // The units directly below, side by side.
    if !o.below.is_empty() {
        let proposed = |u: &crate::overview::UnitAtAGlance, level: domain::evaluation::Level| {
            u.proposed.iter().find(|(l, _)| *l == level).map_or(0, |(_, c)| *c)
        };
        let mut columns: Vec<String> = vec![
            lang.pick("Đơn vị", "Unit").into(),
            lang.pick("Số người", "People").into(),
            lang.pick("Chỉ tiêu", "Targets").into(),
            lang.pick("Đạt, vượt", "Met or exceeded").into(),
            lang.pick("Sản phẩm đã thẩm định", "Products appraised").into(),
            lang.pick("Đề xuất HTXS", "Proposed Excellent").into(),
            lang.pick("Tỷ lệ HTXS", "Excellent share").into(),
            lang.pick("Đề xuất không hoàn thành", "Proposed Not completed").into(),
        ];
        if let Some(s) = &o.sending {
            columns.push(format!("{} {}", lang.pick("Số liệu", "Data of"), month_name(s.month, o.year, lang).to_lowercase()));
        }
        let state = |state: Option<&str>| state.map_or_else(|| "—".to_string(), |s| crate::words::sending_state(lang, s));
        let rows = o
            .below
            .iter()
            .map(|u| {
                let mut cells = vec![
                    Figure::Text(u.unit_name.clone()),
                    Figure::Count(u.people),
                    Figure::Count(u.targets),
                    share(&u.targets_done),
                    Figure::Count(u.products_appraised),
                    Figure::Count(proposed(u, domain::evaluation::Level::Excellent)),
                    Figure::Percent(u.excellent_share),
                    Figure::Count(proposed(u, domain::evaluation::Level::NotCompleted)),
                ];
                if o.sending.is_some() {
                    cells.push(Figure::Text(state(u.sending.as_deref())));
                }
                row(cells)
            })
            .collect();
        // Room for "100,00 %" on one line in the share columns, narrow count columns.
        let mut widths = vec![2.6, 0.8, 0.8, 1.3, 0.95, 0.85, 1.3, 0.95];
        if o.sending.is_some() {
            widths.push(1.1);
        }
        tables.push(FigureTable {
            title: numbered(&tables, lang.pick("Các đơn vị trực thuộc", "Units below")),
            sheet: lang.pick("Đơn vị trực thuộc", "Units below").into(),
            columns,
            widths,
            rows,
            chart: None,
            note: None,
        });
    }
    tables
}

impl Office {
    /// The year at a glance as a workbook: a sheet per table of the summary report (numbers as numbers, shares as
    /// percentages). Returns how many sheets were written.
    pub fn export_year_overview(
        &self,
        session: &Session,
        year: i32,
        unit_code: Option<&str>,
        as_of: Option<NaiveDate>,
        path: &Path,
        lang: Lang,
    ) -> Result<usize> {
        let overview = self.year_overview(session, year, unit_code, as_of)?;
        write_workbook(path, &summary_tables(&overview, lang))
    }
}
