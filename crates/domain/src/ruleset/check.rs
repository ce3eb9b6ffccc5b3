//! Checking a rule-set file before it is used: one an administrator imports, or one the office above sends in a
//! signed bundle (not trusted input). Every problem is named with its key, in Vietnamese and English, so the
//! person fixing the file sees all of them at once rather than one per attempt.
//!
//! The file's shape is checked against the shipped default set itself (serialised back to TOML): a key the
//! program does not know is a typo, a key of the wrong kind is named, and a missing key is reported only when the
//! program has no default for it.

use super::RuleSet;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use toml::{Table, Value};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

/// A rule set is a page of numbers; anything larger is not one.
pub const MAX_FILE_BYTES: usize = 64 * 1024;
/// Longest text value (a name, a document title).
const MAX_TEXT_CHARS: usize = 500;

/// One thing wrong with a rule-set file, at a key ("evaluation.good_from", "criteria[2].max", or "" for the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleSetProblem {
    pub key: String,
    pub message: String,
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule set {source_name}: {}", .problems.iter().map(|p| format!("{} {}", p.key, p.message_en)).collect::<Vec<_>>().join("; "))]
pub struct RuleSetProblems {
    pub source_name: String,
    pub problems: Vec<RuleSetProblem>,
}

fn problem(key: impl Into<String>, message: impl Into<String>, message_en: impl Into<String>) -> RuleSetProblem {
    RuleSetProblem { key: key.into(), message: message.into(), message_en: message_en.into() }
}

pub(super) fn parse(text: &str) -> Result<RuleSet, Vec<RuleSetProblem>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![problem(
            "",
            format!("Tệp quá lớn ({} KB) để là một bộ quy tắc (tối đa {} KB).", text.len() / 1024, MAX_FILE_BYTES / 1024),
            format!("The file is too large ({} KB) to be a rule set (at most {} KB).", text.len() / 1024, MAX_FILE_BYTES / 1024),
        )]);
    }
    let text: String = text.nfc().collect();
    let table: Table = toml::from_str(&text).map_err(|e| vec![syntax_problem(&text, &e)])?;
    let mut problems = Vec::new();
    let reference = reference_table();
    check_shape(&table, &reference, &reference, &mut Vec::new(), &mut problems);
    check_text_values(&Value::Table(table.clone()), "", &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let set: RuleSet = Value::Table(table).try_into().map_err(|e: toml::de::Error| {
        vec![problem("", format!("Giá trị không hợp lệ: {}", e.message()), format!("Invalid value: {}", e.message()))]
    })?;
    check_numbers(&set, &mut problems);
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(problems)
    }
}

fn syntax_problem(text: &str, e: &toml::de::Error) -> RuleSetProblem {
    let line = e.span().map(|s| text.get(..s.start).unwrap_or(text).matches('\n').count() + 1);
    let at = line.map(|l| format!("Dòng {l}: ")).unwrap_or_default();
    let at_en = line.map(|l| format!("Line {l}: ")).unwrap_or_default();
    let message = e.message().trim();
    problem(
        "",
        format!("{at}tệp không đúng cú pháp TOML ({message}). Mở tệp bằng Notepad, sửa dòng này rồi nhập lại."),
        format!("{at_en}the file is not valid TOML ({message})."),
    )
}

/// Every key a rule set may have, with a value of the kind expected: the default set, with the optional parts it
/// leaves out (level names) filled in.
fn reference_table() -> Table {
    // Read without this check (which needs this table): the embedded file is checked by the tests below.
    let mut set: RuleSet = match toml::from_str(super::BUILT_IN[0]) {
        Ok(set) => set,
        Err(e) => unreachable!("{e}"),
    };
    set.level_names = Some(super::LevelNames { excellent: "A".into(), good: "B".into(), completed: "C".into(), not_completed: "D".into() });
    if set.sources.is_empty() {
        set.sources.push(super::SourceDocument { title: "-".into(), issued: "-".into() });
    }
    match Table::try_from(&set) {
        Ok(table) => table,
        // The default set is embedded and serialises in the tests below.
        Err(e) => unreachable!("{e}"),
    }
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn key_name(path: &[Step]) -> String {
    let mut name = String::new();
    for step in path {
        match step {
            Step::Key(k) if name.is_empty() => name.push_str(k),
            Step::Key(k) => {
                name.push('.');
                name.push_str(k);
            }
            Step::Index(i) => name.push_str(&format!("[{}]", i + 1)),
        }
    }
    name
}

fn kind_vi(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "chữ (trong ngoặc kép)",
        Value::Integer(_) => "số nguyên",
        Value::Float(_) => "số thập phân",
        Value::Boolean(_) => "true hoặc false",
        Value::Datetime(_) => "ngày giờ",
        Value::Array(_) => "danh sách [ … ]",
        Value::Table(_) => "mục [ … ]",
    }
}

fn kind_en(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "text (in quotes)",
        Value::Integer(_) => "a whole number",
        Value::Float(_) => "a decimal number",
        Value::Boolean(_) => "true or false",
        Value::Datetime(_) => "a date-time",
        Value::Array(_) => "a list [ … ]",
        Value::Table(_) => "a section [ … ]",
    }
}

fn same_kind(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Unknown keys, keys of the wrong kind and missing required keys, at every depth.
fn check_shape(table: &Table, reference: &Table, root: &Table, path: &mut Vec<Step>, problems: &mut Vec<RuleSetProblem>) {
    for (key, value) in table {
        path.push(Step::Key(key.clone()));
        match reference.get(key) {
            None => problems.push(problem(
                key_name(path),
                format!("Khóa \"{}\" không có trong bộ quy tắc (viết sai tên?).", key_name(path)),
                format!("\"{}\" is not a rule-set key (misspelt?).", key_name(path)),
            )),
            Some(expected) => check_value(value, expected, root, path, problems),
        }
        path.pop();
    }
    for key in reference.keys().filter(|k| !table.contains_key(*k)) {
        path.push(Step::Key(key.clone()));
        if !optional(root, path) {
            problems.push(problem(key_name(path), format!("Thiếu \"{}\".", key_name(path)), format!("\"{}\" is missing.", key_name(path))));
        }
        path.pop();
    }
}

fn check_value(value: &Value, expected: &Value, root: &Table, path: &mut Vec<Step>, problems: &mut Vec<RuleSetProblem>) {
    if !same_kind(value, expected) {
        problems.push(problem(
            key_name(path),
            format!("\"{}\" phải là {}, tệp ghi {}.", key_name(path), kind_vi(expected), kind_vi(value)),
            format!("\"{}\" must be {}, the file has {}.", key_name(path), kind_en(expected), kind_en(value)),
        ));
        return;
    }
    match (value, expected) {
        (Value::Table(inner), Value::Table(reference)) => check_shape(inner, reference, root, path, problems),
        (Value::Array(items), Value::Array(reference)) => {
            // A list's items are all of the kind of the default's first item (a list the default leaves empty
            // holds text: the `unconfirmed` lists).
            let fallback = Value::String(String::new());
            let expected_item = reference.first().unwrap_or(&fallback);
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                check_value(item, expected_item, root, path, problems);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Whether the program has a default for the key at `path`: the default set still reads without it.
fn optional(root: &Table, path: &[Step]) -> bool {
    let mut trial = root.clone();
    if remove_at(&mut trial, path) {
        RuleSet::deserialize(Value::Table(trial)).is_ok()
    } else {
        false
    }
}

fn remove_at(table: &mut Table, path: &[Step]) -> bool {
    // Inside a list, the default's first item stands for the item being checked.
    let steps: Vec<Step> = path.iter().map(|s| if let Step::Index(_) = s { Step::Index(0) } else { s.clone() }).collect();
    let Some((Step::Key(last), parents)) = steps.split_last() else { return false };
    let mut value: &mut Value = match parents.first() {
        None => return table.remove(last).is_some(),
        Some(Step::Key(k)) => match table.get_mut(k) {
            Some(v) => v,
            None => return false,
        },
        Some(Step::Index(_)) => return false,
    };
    for step in &parents[1..] {
        value = match (step, value) {
            (Step::Key(k), Value::Table(t)) => match t.get_mut(k) {
                Some(v) => v,
                None => return false,
            },
            (Step::Index(i), Value::Array(a)) => match a.get_mut(*i) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    match value {
        Value::Table(t) => t.remove(last).is_some(),
        _ => false,
    }
}

/// No control or direction-override characters, no overlong text: a rule set's names are printed in minutes.
fn check_text_values(value: &Value, key: &str, problems: &mut Vec<RuleSetProblem>) {
    match value {
        Value::String(text) => {
            if text.chars().any(crate::text::is_unsafe_char) {
                problems.push(problem(
                    key,
                    format!("\"{key}\" chứa ký tự điều khiển hoặc ký tự đảo chiều văn bản."),
                    format!("\"{key}\" holds control or text-direction characters."),
                ));
            }
            if text.chars().count() > MAX_TEXT_CHARS {
                problems.push(problem(
                    key,
                    format!("\"{key}\" dài quá {MAX_TEXT_CHARS} ký tự."),
                    format!("\"{key}\" is longer than {MAX_TEXT_CHARS} characters."),
                ));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_text_values(item, &format!("{key}[{}]", i + 1), problems);
            }
        }
        Value::Table(table) => {
            for (k, v) in table {
                let inner = if key.is_empty() { k.clone() } else { format!("{key}.{k}") };
                check_text_values(v, &inner, problems);
            }
        }
        _ => {}
    }
}

/// Numbers that make sense together: weights, percentages, bands that rise, points that add up to 100.
fn check_numbers(set: &RuleSet, problems: &mut Vec<RuleSetProblem>) {
    let mut say = |ok: bool, key: &str, vi: String, en: String| {
        if !ok {
            problems.push(problem(key, vi, en));
        }
    };
    let percent = |v: i64| (0..=100).contains(&v);

    let code_ok = !set.code.is_empty()
        && set.code.len() <= 64
        && set.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    say(
        code_ok,
        "code",
        "Mã bộ quy tắc gồm chữ thường không dấu, chữ số và dấu gạch (tối đa 64 ký tự), ví dụ \"hanoi-qd3814-2018\".".into(),
        "The code is lowercase ASCII letters, digits and dashes (at most 64), e.g. \"hanoi-qd3814-2018\".".into(),
    );
    say(set.version >= 1, "version", "Phiên bản là số nguyên từ 1 trở lên.".into(), "The version is 1 or more.".into());
    say(!set.name.trim().is_empty(), "name", "Bộ quy tắc cần có tên.".into(), "The rule set needs a name.".into());
    say(
        chrono::NaiveDate::parse_from_str(&set.valid_from, "%Y-%m-%d").is_ok(),
        "valid_from",
        format!("\"valid_from\" là ngày theo dạng năm-tháng-ngày, ví dụ \"2026-01-01\" (tệp ghi \"{}\").", set.valid_from),
        format!("\"valid_from\" is a date as year-month-day, e.g. \"2026-01-01\" (the file has \"{}\").", set.valid_from),
    );
    say(
        set.sources.iter().any(|s| !s.title.trim().is_empty()),
        "sources",
        "Ghi ít nhất một văn bản làm căn cứ ([[sources]] với title = \"…\").".into(),
        "Name at least one document it comes from ([[sources]] with title = \"…\").".into(),
    );

    let p = &set.products;
    say(
        [p.quantity_weight, p.quality_weight, p.progress_weight].iter().all(|w| *w >= 0)
            && p.quantity_weight + p.quality_weight + p.progress_weight > 0,
        "products.quantity_weight",
        "Trọng số số lượng, chất lượng, tiến độ không âm và không cùng bằng 0.".into(),
        "Product weights are non-negative and not all zero.".into(),
    );
    for (key, value) in [
        ("products.major_error_penalty_percent", p.major_error_penalty_percent),
        ("products.delay_penalty_percent", p.delay_penalty_percent),
        ("products.leader_unit_share_percent", p.leader_unit_share_percent),
        ("products.leader_unit_all_completed_percent", p.leader_unit_all_completed_percent),
        ("products.leader_unit_some_not_completed_percent", p.leader_unit_some_not_completed_percent),
        ("evaluation.excellent_min_exceeding_percent", set.evaluation.excellent_min_exceeding_percent),
        ("evaluation.completed_max_late_percent", set.evaluation.completed_max_late_percent),
        ("evaluation.leader_min_unit_completion_percent", set.evaluation.leader_min_unit_completion_percent),
        ("evaluation.leader_max_subunits_not_completed_percent", set.evaluation.leader_max_subunits_not_completed_percent),
        ("evaluation.max_low_confidence_percent", set.evaluation.max_low_confidence_percent),
        ("evaluation.nonleader_max_not_completed_percent", set.evaluation.nonleader_max_not_completed_percent),
        ("quota.percent", set.quota.percent),
        ("quota.outstanding_unit_percent", set.quota.outstanding_unit_percent),
        ("feedback.general_share_percent", set.feedback.general_share_percent),
    ] {
        say(
            percent(value),
            key,
            format!("\"{key}\" là tỷ lệ phần trăm từ 0 đến 100 (tệp ghi {value})."),
            format!("\"{key}\" is a percentage from 0 to 100 (the file has {value})."),
        );
    }
    say(
        set.targets.completion_cap_percent >= 100 && set.targets.completion_cap_percent <= 1000,
        "targets.completion_cap_percent",
        "Trần tỷ lệ hoàn thành từ 100 đến 1000 (%).".into(),
        "The completion cap is from 100 to 1000 (%).".into(),
    );
    say(
        set.targets.default_weight > 0,
        "targets.default_weight",
        "Trọng số mặc định lớn hơn 0.".into(),
        "The default weight is above 0.".into(),
    );

    let e = &set.evaluation;
    say(
        p.task_result_points == e.task_points,
        "products.task_result_points",
        format!("\"products.task_result_points\" ({}) phải bằng \"evaluation.task_points\" ({}).", p.task_result_points, e.task_points),
        format!("\"products.task_result_points\" ({}) must equal \"evaluation.task_points\" ({}).", p.task_result_points, e.task_points),
    );
    say(
        e.general_points >= 0 && e.task_points >= 0 && e.bonus_points >= 0 && e.general_points + e.task_points + e.bonus_points == 100,
        "evaluation.general_points",
        format!(
            "Điểm tiêu chí chung ({}), kết quả nhiệm vụ ({}) và điểm thưởng ({}) cộng lại phải bằng 100.",
            e.general_points, e.task_points, e.bonus_points
        ),
        format!("General ({}), task ({}) and bonus ({}) points must add up to 100.", e.general_points, e.task_points, e.bonus_points),
    );
    say(
        0 < e.completed_from && e.completed_from < e.good_from && e.good_from < e.excellent_from && e.excellent_from <= 100,
        "evaluation.excellent_from",
        format!(
            "Khung điểm phải tăng dần: 0 < Hoàn thành ({}) < Tốt ({}) < Xuất sắc ({}) ≤ 100.",
            e.completed_from, e.good_from, e.excellent_from
        ),
        format!("Bands must rise: 0 < completed ({}) < good ({}) < excellent ({}) ≤ 100.", e.completed_from, e.good_from, e.excellent_from),
    );
    say(
        e.period == "month" || e.period == "quarter",
        "evaluation.period",
        format!("Kỳ đánh giá là \"month\" (tháng) hoặc \"quarter\" (quý), tệp ghi \"{}\".", e.period),
        format!("The period is \"month\" or \"quarter\", the file has \"{}\".", e.period),
    );
    say(
        e.min_months_worked <= 12 && e.absence_cap_from_months <= 12,
        "evaluation.min_months_worked",
        "Số tháng công tác tối thiểu và số tháng nghỉ không quá 12.".into(),
        "Months worked and months of absence are at most 12.".into(),
    );

    let general: i64 = set.criteria.iter().filter(|c| !c.bonus).map(|c| c.max).sum();
    let bonus: i64 = set.criteria.iter().filter(|c| c.bonus).map(|c| c.max).sum();
    say(
        general == e.general_points,
        "criteria",
        format!(
            "Điểm tối đa của các tiêu chí chung cộng lại là {general}, phải bằng \"evaluation.general_points\" ({}).",
            e.general_points
        ),
        format!("The general criteria's maxima add up to {general}, not \"evaluation.general_points\" ({}).", e.general_points),
    );
    say(
        bonus == e.bonus_points,
        "criteria",
        format!("Điểm tối đa của các mục điểm thưởng cộng lại là {bonus}, phải bằng \"evaluation.bonus_points\" ({}).", e.bonus_points),
        format!("The bonus items' maxima add up to {bonus}, not \"evaluation.bonus_points\" ({}).", e.bonus_points),
    );
    let mut codes = HashSet::new();
    for (i, c) in set.criteria.iter().enumerate() {
        let key = format!("criteria[{}]", i + 1);
        say(
            !c.code.trim().is_empty() && codes.insert(c.code.clone()),
            &key,
            format!("Tiêu chí thứ {} cần một mã riêng (tệp ghi \"{}\").", i + 1, c.code),
            format!("Criterion {} needs a code of its own (the file has \"{}\").", i + 1, c.code),
        );
        say(
            c.max > 0 && !c.name.trim().is_empty(),
            &key,
            format!("Tiêu chí \"{}\" cần tên và điểm tối đa lớn hơn 0.", c.code),
            format!("Criterion \"{}\" needs a name and a maximum above 0.", c.code),
        );
    }
    say(
        !set.criteria.iter().all(|c| c.bonus),
        "criteria",
        "Cần ít nhất một tiêu chí chung ([[criteria]]).".into(),
        "At least one general criterion ([[criteria]]) is needed.".into(),
    );

    let mut groups = HashSet::new();
    for (i, g) in set.feedback.groups.iter().enumerate() {
        say(
            g.weight >= 0 && !g.code.trim().is_empty() && groups.insert(g.code.clone()),
            &format!("feedback.groups[{}]", i + 1),
            format!("Nhóm lấy ý kiến thứ {} cần mã riêng và trọng số không âm.", i + 1),
            format!("Feedback group {} needs a code of its own and a non-negative weight.", i + 1),
        );
    }
    say(
        set.feedback.general_share_percent == 0 || set.feedback.groups.iter().any(|g| g.weight > 0),
        "feedback.groups",
        "Ý kiến nhiều chiều được tính điểm thì cần ít nhất một nhóm có trọng số.".into(),
        "Feedback counted in the points needs a group with a weight.".into(),
    );
    say(
        set.quota.small_group_places <= set.quota.small_group_below,
        "quota.small_group_places",
        "Số suất Xuất sắc của nhóm nhỏ không vượt quá cỡ nhóm nhỏ.".into(),
        "A small group's places are not more than its size.".into(),
    );

    let reference = reference_table();
    let sections: [(&str, &[String]); 4] = [
        ("targets", &set.targets.unconfirmed),
        ("products", &set.products.unconfirmed),
        ("evaluation", &set.evaluation.unconfirmed),
        ("quota", &set.quota.unconfirmed),
    ];
    for (section, items) in sections {
        let known = reference.get(section).and_then(Value::as_table);
        for item in items {
            say(
                item == "criteria" || known.is_some_and(|t| t.contains_key(item)),
                &format!("{section}.unconfirmed"),
                format!("\"{section}.unconfirmed\" ghi \"{item}\", không phải một khóa của mục [{section}]."),
                format!("\"{section}.unconfirmed\" names \"{item}\", which is not a key of [{section}]."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(result: Result<RuleSet, Vec<RuleSetProblem>>) -> Vec<String> {
        result.err().unwrap_or_default().into_iter().map(|p| p.key).collect()
    }

    const DEFAULT: &str = super::super::BUILT_IN[0];

    #[test]
    fn every_problem_is_named_not_only_the_first() {
        let text = DEFAULT
            .replace("excellent_from = 90", "excelent_from = 90")
            .replace("good_from = 70", "good_from = \"70\"")
            .replace("completed_max_late_percent = 20\n", "");
        let found = keys(parse(&text));
        assert!(found.contains(&"evaluation.excelent_from".to_string()), "{found:?}");
        assert!(found.contains(&"evaluation.excellent_from".to_string()), "missing key named: {found:?}");
        assert!(found.contains(&"evaluation.good_from".to_string()), "wrong kind named: {found:?}");
        assert!(found.contains(&"evaluation.completed_max_late_percent".to_string()), "{found:?}");
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn keys_with_a_default_may_be_left_out() {
        let text = DEFAULT.replace("excellent_requires_tasks = true\n", "").replace("unit_completion = \"count\"\n", "");
        assert!(parse(&text).is_ok(), "{:?}", parse(&text).err());
    }

    #[test]
    fn numbers_that_do_not_fit_together_are_each_named() {
        let text = DEFAULT
            .replace("delay_penalty_percent = 25", "delay_penalty_percent = 250")
            .replace("good_from = 70", "good_from = 95")
            .replace("period = \"month\"", "period = \"week\"");
        let found = keys(parse(&text));
        for key in ["products.delay_penalty_percent", "evaluation.excellent_from", "evaluation.period"] {
            assert!(found.contains(&key.to_string()), "{key} in {found:?}");
        }
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let text = DEFAULT.replacen("\nversion = ", "\nversion = = ", 1);
        let line = text.lines().position(|l| l.starts_with("version")).unwrap() + 1;
        let problems = parse(&text).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with(&format!("Dòng {line}:")), "{}", problems[0].message);
    }

    #[test]
    fn hostile_text_is_refused() {
        let text = DEFAULT.replacen("name = \"", "name = \"\u{202E}", 1);
        assert_eq!(keys(parse(&text)), vec!["name".to_string()]);
        let huge = format!("{DEFAULT}\n# {}", "x".repeat(MAX_FILE_BYTES));
        assert_eq!(parse(&huge).unwrap_err().len(), 1);
        let long = DEFAULT.replacen("name = \"", &format!("name = \"{}", "a".repeat(600)), 1);
        assert_eq!(keys(parse(&long)), vec!["name".to_string()]);
    }

    #[test]
    fn an_unconfirmed_item_must_name_a_key_of_its_section() {
        let text = DEFAULT.replacen("unconfirmed = [\"completion_cap_percent\"]", "unconfirmed = [\"completion_cap\"]", 1);
        assert_eq!(keys(parse(&text)), vec!["targets.unconfirmed".to_string()]);
    }

    #[test]
    fn a_rule_set_names_its_sources() {
        let set = parse(DEFAULT).unwrap();
        assert!(set.sources.iter().any(|s| s.title.contains("366")), "{:?}", set.sources);
    }
}
