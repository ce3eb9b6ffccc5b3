//! Chương trình hành động: a cadre's commitments, each with its five "rõ" and where it stands.

use super::common::{slug, Built, Context};
use super::letterhead;
use crate::auth::Session;
use crate::error::{Result, ServiceError};
use crate::office::Office;
use crate::work::ProgrammeOccasion;
use documents::{DocumentView, HeaderFormat, ProgrammeItem, ProgrammeView, Signature};
use domain::dates::format_vn_date;
use domain::Lang;
use uuid::Uuid;

pub(super) fn build(office: &Office, session: &Session, programme_id: Uuid, context: Context) -> Result<Built> {
    let programme = office
        .programmes(session, None, context.today, Lang::Vi)?
        .into_iter()
        .find(|p| p.id == programme_id)
        .ok_or(ServiceError::UnknownProgramme)?;
    let (_, lines) = office.print_setup(session, None)?;
    let format = context.format(HeaderFormat::Party);
    let occasion = match programme.occasion {
        ProgrammeOccasion::Nomination => "khi được giới thiệu ứng cử",
        ProgrammeOccasion::Appointment => "khi được bổ nhiệm",
        ProgrammeOccasion::Reappointment => "khi được bổ nhiệm lại",
    };
    let items = programme
        .items
        .iter()
        .map(|item| ProgrammeItem {
            ordinal: item.ordinal.to_string(),
            work: item.five.work.clone(),
            person: item.five.person.clone(),
            deadline: format_vn_date(item.five.deadline),
            expected_result: item.five.expected_result.clone(),
            responsibility: item.five.responsibility.clone(),
            state: if item.overdue { "Quá hạn".into() } else { item.state_label.clone() },
        })
        .collect();
    let view = ProgrammeView {
        letterhead: letterhead::letterhead(&lines, format, None, context.today),
        person: programme.person_name.clone(),
        title: format!("Chương trình hành động {occasion} chức danh {}", programme.position_title),
        presented_on: format_vn_date(programme.presented_on),
        summary: programme.summary.clone(),
        items,
        signature: Signature { on_behalf: String::new(), title: "NGƯỜI TRÌNH BÀY".into(), name: programme.person_name.clone() },
    };
    Ok(Built {
        view: DocumentView::Programme(view),
        file_name: format!("chuong-trinh-hanh-dong-{}-{}.pdf", slug(&programme.person_name), programme.presented_on.format("%Y-%m-%d")),
    })
}
