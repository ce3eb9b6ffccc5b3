//! Every action the code writes into the audit trail has its words in both languages of the shared catalogue
//! (assets/i18n), so neither the accounts page nor the printed "Nhật ký thay đổi" ever shows a code like
//! "keys.reenrol". Found by reading the code itself: a new `w.audit(…, "x.y", …)` without words fails here.

use thuocdo_service as service;

use domain::Lang;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The second argument of each `.audit(` call outside test modules, as written.
fn audited_actions(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let mut found = Vec::new();
    for (at, _) in code.match_indices(".audit(") {
        let rest = &code[at + ".audit(".len()..];
        let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
        let (mut argument, mut index) = (String::new(), 0);
        for c in rest.chars() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
            } else {
                match c {
                    '"' => in_string = true,
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' if depth == 0 => break,
                    ')' | ']' | '}' => depth -= 1,
                    ',' if depth == 0 => {
                        index += 1;
                        if index == 2 {
                            break;
                        }
                        continue;
                    }
                    _ => {}
                }
            }
            if index == 1 {
                argument.push(c);
            }
        }
        found.push(argument.trim().to_string());
    }
    found
}

#[test]
fn every_audited_action_has_words_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("../store/src"), &mut files);
    let mut literal = 0;
    let mut missing = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("source file");
        for argument in audited_actions(&text) {
            // A literal, or a choice between literals (`if superior { "evaluation.superior" } else { … }`).
            let actions: Vec<&str> = argument.split('"').skip(1).step_by(2).collect();
            if actions.is_empty() {
                // The unit changes name their action through UnitChangeKind::action, checked by its own test.
                assert!(
                    argument.starts_with("UnitChangeKind::") && argument.ends_with(".action()"),
                    "an audit action the scan cannot read in {}: {argument}",
                    file.display()
                );
            }
            for action in actions {
                literal += 1;
                for lang in [Lang::Vi, Lang::En] {
                    if service::words::word(lang, &format!("audit.{action}")).is_none() {
                        missing.push(format!("{action} ({lang:?}) in {}", file.display()));
                    }
                }
            }
        }
    }
    assert!(literal > 40, "the scan found only {literal} audited actions: it no longer reads the calls");
    assert!(missing.is_empty(), "audited actions without words:\n{}", missing.join("\n"));
}

#[test]
fn the_scan_reads_an_action_across_lines_and_past_nested_calls() {
    let text = "w.audit(\n    &session.username,\n    \"keys.reenrol\",\n    &format!(\"{a}, {b}\", x(1, 2)),\n)?;";
    assert_eq!(audited_actions(text), vec!["\"keys.reenrol\"".to_string()]);
    let text = "w.audit(&name(a, b), UnitChangeKind::Moved.action(), &d)?;";
    assert_eq!(audited_actions(text), vec!["UnitChangeKind::Moved.action()".to_string()]);
}
