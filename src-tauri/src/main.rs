//! Thước Đo desktop: wires the window to the service crate. Commands live in `commands`, each a few lines.

// No console window behind the app on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;
mod viewer;

fn main() {
    let state = state::AppState::new(state::database_path());
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::set_language,
            commands::setup_office,
            commands::open_demo,
            commands::login,
            commands::logout,
            commands::office_summary,
            commands::units,
            commands::roster,
            commands::find_person_ids,
            commands::person_profile,
            commands::position_names,
            commands::add_person,
            commands::update_person,
            commands::preview_import,
            commands::import_roster,
            commands::task_groups,
            commands::target_years,
            commands::targets,
            commands::target_detail,
            commands::save_target,
            commands::report_progress,
            commands::save_evidence,
            commands::preview_sheet,
            commands::import_sheet,
            commands::export_targets,
            commands::export_progress,
            commands::comparison_groups,
            commands::comparison,
            commands::export_comparison,
            commands::products,
            commands::add_product,
            commands::product_from,
            commands::assess_product,
            commands::update_product,
            commands::product_plan_history,
            commands::accept_product,
            commands::attach_product_evidence,
            commands::product_list,
            commands::export_products,
            commands::copy_plan_forward,
            commands::breakthrough_tasks,
            commands::breakthrough_detail,
            commands::register_breakthrough,
            commands::breakthrough_step,
            commands::programmes,
            commands::create_programme,
            commands::set_action_item,
            commands::rule_sets,
            commands::import_rule_set,
            commands::product_kinds,
            commands::authority,
            commands::set_authority,
            commands::choose_rule_set,
            commands::classify,
            commands::attention_list,
            commands::periods,
            commands::open_period,
            commands::period_named,
            commands::close_period,
            commands::period_sheet,
            commands::self_assess,
            commands::superior_assess,
            commands::export_assessments,
            commands::year_facts,
            commands::save_year_facts,
            commands::give_feedback,
            commands::feedback_summary,
            commands::meetings,
            commands::meeting_detail,
            commands::open_meeting,
            commands::set_attendance,
            commands::record_vote,
            commands::propose,
            commands::decide,
            commands::lock_meeting,
            commands::print_document,
            commands::print_settings,
            commands::save_print_settings,
            commands::office_key,
            commands::save_public_key,
            commands::enrolled_keys,
            commands::enrol_key,
            commands::export_bundle,
            commands::preview_bundle,
            commands::import_bundle,
            commands::bundle_status,
            commands::bundle_completeness,
            commands::write_receipt,
            commands::import_receipt,
            commands::received_receipts,
            commands::approve_year,
            commands::approvals,
            commands::rotate_key,
            commands::revoke_key,
            commands::key_revocations,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("Thước Đo không khởi động được (could not start): {error}");
            std::process::exit(1);
        });
}
