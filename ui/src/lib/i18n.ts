// Every string of the window, Vietnamese first, English as the switch. Components read `$t('key', {params})`.
// Messages that come from the shell (errors) are already in the language set by `set_language`.

import { derived, get, writable } from 'svelte/store';
import type { Gender, Lang, PoliticalTheory, PreviewAction, Qualification } from './types';

const vi = {
  'app.name': 'Thước Đo',
  'app.tagline': 'Đánh giá cán bộ bằng sản phẩm',
  'lang.group': 'Ngôn ngữ',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'common.loading': 'Đang tải…',
  'common.cancel': 'Huỷ',
  'common.close': 'Đóng',
  'common.yes': 'Có',
  'common.no': 'Không',
  'common.none': '—',
  'common.optional': 'không bắt buộc',
  'common.retry': 'Thử lại',

  'level.province': 'Tỉnh, thành phố',
  'level.commune': 'Xã',
  'level.ward': 'Phường',
  'level.special_zone': 'Đặc khu',
  'level.district': 'Huyện (cấp cũ)',
  'level.agency': 'Cơ quan',

  'setup.title': 'Thiết lập văn phòng',
  'setup.intro': 'Máy này chưa có dữ liệu của văn phòng. Nhập đơn vị của văn phòng và tài khoản quản trị.',
  'setup.unit_name': 'Tên đơn vị',
  'setup.unit_name_hint': 'Ví dụ: Đảng ủy xã Tân Lập',
  'setup.unit_code': 'Mã đơn vị',
  'setup.unit_code_hint': 'Chữ không dấu, chữ số và dấu gạch ngang, ví dụ XA-TANLAP',
  'setup.level': 'Cấp',
  'setup.level_choose': '— Chọn —',
  'setup.parent_code': 'Mã đơn vị cấp trên (không bắt buộc)',
  'setup.admin': 'Tên đăng nhập quản trị',
  'setup.admin_hint': '3–32 ký tự: chữ không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới',
  'setup.password': 'Mật khẩu',
  'setup.password_hint': 'Ít nhất 8 ký tự. Mật khẩu này cũng bảo vệ khoá ký của văn phòng.',
  'setup.password2': 'Nhập lại mật khẩu',
  'setup.mismatch': 'Hai lần nhập mật khẩu không khớp. Hãy nhập lại.',
  'setup.missing': 'Cần nhập: {fields}.',
  'setup.submit': 'Thiết lập văn phòng',
  'setup.working': 'Đang thiết lập văn phòng và tạo khoá ký…',
  'setup.or': 'hoặc',

  'key.title': 'Khoá ký của văn phòng',
  'key.done': 'Đã thiết lập văn phòng {unit} ({code}).',
  'key.id': 'Mã khoá',
  'key.fingerprint': 'Dấu vân tay',
  'key.note': 'Ghi lại dấu vân tay này để cấp trên xác nhận khoá của văn phòng khi nhận báo cáo.',
  'key.continue': 'Tiếp tục',

  'demo.title': 'Dùng thử với dữ liệu mẫu',
  'demo.intro': 'Dữ liệu mẫu là dữ liệu bịa ra để làm quen với phần mềm, không dùng cho công việc thật.',
  'demo.scale': 'Quy mô dữ liệu mẫu',
  'demo.commune': 'Một xã (vài chục người)',
  'demo.province': 'Cả tỉnh (khoảng 10.000 người, mất ít phút trên máy cũ)',
  'demo.open': 'Mở dữ liệu mẫu',
  'demo.running': 'Đang tạo dữ liệu mẫu…',
  'demo.done': 'Đã tạo dữ liệu mẫu: {units} đơn vị, {people} người. Hãy đăng nhập.',

  'login.title': 'Đăng nhập',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.working': 'Đang đăng nhập…',
  'login.demo_hint': 'Dữ liệu mẫu: tên đăng nhập {user}, mật khẩu {password}',
  'login.database': 'Tệp dữ liệu: {path}',
  'login.missing': 'Hãy nhập tên đăng nhập và mật khẩu.',

  'header.user': 'Người dùng',
  'header.logout': 'Đăng xuất',
  'tabs.label': 'Chức năng',
  'tabs.roster': 'Danh sách cán bộ',
  'tabs.org': 'Tổ chức',
  'tabs.import': 'Nhập danh sách',
  'main.loading': 'Đang tải danh sách cán bộ…',
  'status.session_ended': 'Phiên làm việc đã kết thúc. Hãy đăng nhập lại.',
  'status.logged_out': 'Đã đăng xuất.',

  'roster.search': 'Tìm theo tên (không cần dấu)',
  'roster.search_placeholder': 'ví dụ: nguyen van an',
  'roster.filter_unit': 'Đơn vị',
  'roster.filter_position': 'Chức vụ',
  'roster.filter_qualification': 'Trình độ',
  'roster.all': 'Tất cả',
  'roster.no_position': '(chưa có chức vụ)',
  'roster.clear': 'Bỏ lọc',
  'roster.count': 'Hiển thị {shown} / {total} người',
  'roster.add': 'Thêm cán bộ',
  'roster.table': 'Danh sách cán bộ',
  'roster.keys': '↑ ↓ chọn, Enter mở hồ sơ, Esc đóng hồ sơ',
  'roster.empty': 'Không có ai khớp với điều kiện tìm.',
  'roster.empty_all': 'Danh sách còn trống. Hãy thêm cán bộ hoặc nhập danh sách từ tệp.',

  'col.full_name': 'Họ và tên',
  'col.birth_date': 'Ngày sinh',
  'col.gender': 'Giới tính',
  'col.position': 'Chức vụ',
  'col.unit': 'Đơn vị',
  'col.party_member': 'Đảng viên',

  'gender.male': 'Nam',
  'gender.female': 'Nữ',
  'qualification.doctorate': 'Tiến sĩ',
  'qualification.master': 'Thạc sĩ',
  'qualification.university': 'Đại học',
  'qualification.college': 'Cao đẳng',
  'qualification.intermediate': 'Trung cấp',
  'qualification.elementary': 'Sơ cấp',
  'theory.advanced': 'Cao cấp',
  'theory.intermediate': 'Trung cấp',
  'theory.elementary': 'Sơ cấp',
  'kind.appointment': 'Bổ nhiệm',
  'kind.recruitment': 'Tuyển dụng',
  'kind.election': 'Bầu',
  'reason.rotation': 'Luân chuyển',
  'reason.transfer': 'Điều động',
  'reason.retirement': 'Nghỉ hưu',

  'profile.title': 'Hồ sơ cán bộ',
  'profile.loading': 'Đang mở hồ sơ…',
  'profile.close': 'Đóng hồ sơ (Esc)',
  'profile.edit': 'Sửa',
  'field.full_name': 'Họ và tên',
  'field.birth_date': 'Ngày sinh',
  'field.gender': 'Giới tính',
  'field.hometown': 'Quê quán',
  'field.is_local': 'Người địa phương',
  'field.party_member': 'Đảng viên',
  'field.qualification': 'Trình độ chuyên môn',
  'field.political_theory': 'Lý luận chính trị',
  'field.unit_code': 'Đơn vị',
  'field.position': 'Chức vụ',
  'field.position_group': 'Mã nhóm chức vụ',
  'field.appointment_date': 'Ngày bổ nhiệm',
  'field.reappointment_due': 'Hạn bổ nhiệm lại',
  'field.revision': 'Số phiên bản bản ghi',
  'history.title': 'Quá trình công tác',
  'history.period': 'Thời gian',
  'history.position': 'Chức vụ',
  'history.unit': 'Đơn vị',
  'history.position_unit': 'Chức vụ, đơn vị',
  'history.kind': 'Hình thức',
  'history.due': 'Hạn bổ nhiệm lại',
  'history.end': 'Lý do kết thúc',
  'history.now': 'nay',
  'history.empty': 'Chưa có quá trình công tác.',

  'form.add_title': 'Thêm cán bộ',
  'form.edit_title': 'Sửa hồ sơ',
  'form.date_placeholder': 'dd/mm/yyyy',
  'form.date_hint': 'Ngày/tháng/năm, ví dụ 05/09/1980',
  'form.qualification_hint': 'Ví dụ: Đại học Luật, Thạc sĩ Kinh tế',
  'form.choose': '— Chọn —',
  'form.save': 'Lưu',
  'form.saving': 'Đang lưu…',
  'form.cancel': 'Huỷ',
  'form.saved': 'Đã lưu hồ sơ của {name}.',
  'form.added': 'Đã thêm {name} vào danh sách.',

  'org.title': 'Cơ cấu tổ chức',
  'org.filter': 'Lọc theo tên hoặc mã đơn vị',
  'org.expand_all': 'Mở hết',
  'org.collapse_all': 'Thu gọn',
  'org.count': '{n} đơn vị',
  'org.expand': 'Mở {name}',
  'org.collapse': 'Thu gọn {name}',
  'org.empty': 'Không có đơn vị nào khớp.',
  'org.parent': 'cấp trên {code}',

  'import.title': 'Nhập danh sách từ tệp',
  'import.intro': 'Tệp Excel (.xlsx, .xls) hoặc CSV UTF-8 (tệp LibreOffice .ods: lưu lại thành .xlsx). Xem trước rồi mới nhập; khi tệp còn lỗi thì không ghi gì.',
  'import.choose': 'Chọn tệp…',
  'import.filter_name': 'Bảng tính',
  'import.path': 'Đường dẫn tệp',
  'import.create_units': 'Tạo đơn vị chưa có',
  'import.preview': 'Xem trước',
  'import.apply': 'Nhập',
  'import.previewing': 'Đang đọc tệp…',
  'import.importing': 'Đang nhập, xin chờ…',
  'import.need_path': 'Hãy chọn tệp hoặc gõ đường dẫn tệp.',
  'import.summary': 'Tệp {file}: {rows} dòng',
  'import.new': 'Mới',
  'import.changed': 'Thay đổi',
  'import.unchanged': 'Không đổi',
  'import.people': 'người',
  'import.units_to_create': 'Đơn vị sẽ được tạo',
  'import.missing_units': 'Đơn vị chưa có',
  'import.missing_hint': 'Đánh dấu “Tạo đơn vị chưa có” rồi xem trước lại, hoặc thêm các đơn vị này trước.',
  'import.new_positions': 'Chức vụ mới',
  'import.errors': 'Lỗi trong tệp ({n})',
  'import.errors_hint': 'Sửa các dòng này trong tệp rồi bấm Xem trước lại. Khi còn lỗi thì chưa nhập được.',
  'import.no_errors': 'Không có lỗi. Bấm “Nhập” để ghi vào danh sách.',
  'import.nothing': 'Tệp không có gì khác với danh sách hiện có.',
  'import.rows_title': 'Các dòng trong tệp',
  'import.col_row': 'Dòng',
  'import.col_column': 'Cột',
  'import.col_message': 'Lỗi',
  'import.col_name': 'Họ và tên',
  'import.col_action': 'Thao tác',
  'import.col_changes': 'Cột thay đổi',
  'import.done': 'Đã nhập {file}: {new} người mới, {changed} thay đổi, {unchanged} không đổi.',
  'import.done_units': 'Đã tạo {n} đơn vị.',
  'import.assignments': 'Quá trình công tác: {new} mới, {ended} kết thúc, {updated} cập nhật.',
  'import.code': 'mã',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  'app.name': 'Thước Đo',
  'app.tagline': 'Evaluating cadres by their results',
  'lang.group': 'Language',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'common.loading': 'Loading…',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.none': '—',
  'common.optional': 'optional',
  'common.retry': 'Try again',

  'level.province': 'Province',
  'level.commune': 'Commune',
  'level.ward': 'Ward',
  'level.special_zone': 'Special zone',
  'level.district': 'District (former)',
  'level.agency': 'Agency',

  'setup.title': 'Set up the office',
  'setup.intro': 'This computer holds no office data yet. Enter the office’s unit and the administrator account.',
  'setup.unit_name': 'Unit name',
  'setup.unit_name_hint': 'For example: Đảng ủy xã Tân Lập',
  'setup.unit_code': 'Unit code',
  'setup.unit_code_hint': 'Unaccented letters, digits and hyphens, for example XA-TANLAP',
  'setup.level': 'Level',
  'setup.level_choose': '— Choose —',
  'setup.parent_code': 'Superior unit code (optional)',
  'setup.admin': 'Administrator user name',
  'setup.admin_hint': '3–32 characters: unaccented letters, digits, dot, hyphen, underscore',
  'setup.password': 'Password',
  'setup.password_hint': 'At least 8 characters. This password also guards the office signing key.',
  'setup.password2': 'Repeat the password',
  'setup.mismatch': 'The two passwords differ. Please type them again.',
  'setup.missing': 'Please fill in: {fields}.',
  'setup.submit': 'Set up the office',
  'setup.working': 'Setting up the office and creating its signing key…',
  'setup.or': 'or',

  'key.title': 'The office signing key',
  'key.done': 'The office {unit} ({code}) is set up.',
  'key.id': 'Key id',
  'key.fingerprint': 'Fingerprint',
  'key.note': 'Write this fingerprint down so the superior office can confirm your key when it receives reports.',
  'key.continue': 'Continue',

  'demo.title': 'Try it with demo data',
  'demo.intro': 'Demo data is invented, for getting to know the program; not for real work.',
  'demo.scale': 'Size of the demo data',
  'demo.commune': 'One commune (a few dozen people)',
  'demo.province': 'A whole province (about 10,000 people; takes minutes on an old PC)',
  'demo.open': 'Open demo data',
  'demo.running': 'Creating the demo data…',
  'demo.done': 'Demo data created: {units} units, {people} people. Please log in.',

  'login.title': 'Log in',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.working': 'Logging in…',
  'login.demo_hint': 'Demo data: user name {user}, password {password}',
  'login.database': 'Data file: {path}',
  'login.missing': 'Please enter the user name and the password.',

  'header.user': 'User',
  'header.logout': 'Log out',
  'tabs.label': 'Sections',
  'tabs.roster': 'Roster',
  'tabs.org': 'Organisation',
  'tabs.import': 'Import',
  'main.loading': 'Loading the roster…',
  'status.session_ended': 'The session has ended. Please log in again.',
  'status.logged_out': 'Logged out.',

  'roster.search': 'Search by name (accents optional)',
  'roster.search_placeholder': 'e.g. nguyen van an',
  'roster.filter_unit': 'Unit',
  'roster.filter_position': 'Position',
  'roster.filter_qualification': 'Qualification',
  'roster.all': 'All',
  'roster.no_position': '(no position)',
  'roster.clear': 'Clear filters',
  'roster.count': 'Showing {shown} / {total} people',
  'roster.add': 'Add a cadre',
  'roster.table': 'Roster',
  'roster.keys': '↑ ↓ select, Enter opens the profile, Esc closes it',
  'roster.empty': 'Nobody matches the search.',
  'roster.empty_all': 'The roster is empty. Add a cadre or import a roster file.',

  'col.full_name': 'Full name',
  'col.birth_date': 'Birth date',
  'col.gender': 'Gender',
  'col.position': 'Position',
  'col.unit': 'Unit',
  'col.party_member': 'Party member',

  'gender.male': 'Male',
  'gender.female': 'Female',
  'qualification.doctorate': 'Doctorate',
  'qualification.master': 'Master',
  'qualification.university': 'University',
  'qualification.college': 'College',
  'qualification.intermediate': 'Intermediate',
  'qualification.elementary': 'Elementary',
  'theory.advanced': 'Advanced',
  'theory.intermediate': 'Intermediate',
  'theory.elementary': 'Elementary',
  'kind.appointment': 'Appointment',
  'kind.recruitment': 'Recruitment',
  'kind.election': 'Election',
  'reason.rotation': 'Rotation',
  'reason.transfer': 'Transfer',
  'reason.retirement': 'Retirement',

  'profile.title': 'Cadre profile',
  'profile.loading': 'Opening the profile…',
  'profile.close': 'Close the profile (Esc)',
  'profile.edit': 'Edit',
  'field.full_name': 'Full name',
  'field.birth_date': 'Birth date',
  'field.gender': 'Gender',
  'field.hometown': 'Home town',
  'field.is_local': 'Local resident',
  'field.party_member': 'Party member',
  'field.qualification': 'Professional qualification',
  'field.political_theory': 'Political theory',
  'field.unit_code': 'Unit',
  'field.position': 'Position',
  'field.position_group': 'Position group code',
  'field.appointment_date': 'Appointment date',
  'field.reappointment_due': 'Re-appointment due',
  'field.revision': 'Record revision',
  'history.title': 'Career history',
  'history.period': 'Period',
  'history.position': 'Position',
  'history.unit': 'Unit',
  'history.position_unit': 'Position, unit',
  'history.kind': 'How',
  'history.due': 'Re-appointment due',
  'history.end': 'Reason it ended',
  'history.now': 'now',
  'history.empty': 'No career history yet.',

  'form.add_title': 'Add a cadre',
  'form.edit_title': 'Edit the profile',
  'form.date_placeholder': 'dd/mm/yyyy',
  'form.date_hint': 'Day/month/year, for example 05/09/1980',
  'form.qualification_hint': 'In Vietnamese, for example: Đại học Luật, Thạc sĩ Kinh tế',
  'form.choose': '— Choose —',
  'form.save': 'Save',
  'form.saving': 'Saving…',
  'form.cancel': 'Cancel',
  'form.saved': 'Saved the profile of {name}.',
  'form.added': 'Added {name} to the roster.',

  'org.title': 'Organisation',
  'org.filter': 'Filter by unit name or code',
  'org.expand_all': 'Expand all',
  'org.collapse_all': 'Collapse',
  'org.count': '{n} units',
  'org.expand': 'Expand {name}',
  'org.collapse': 'Collapse {name}',
  'org.empty': 'No unit matches.',
  'org.parent': 'superior {code}',

  'import.title': 'Import a roster file',
  'import.intro': 'Excel (.xlsx, .xls) or UTF-8 CSV (LibreOffice .ods files: save them as .xlsx). Preview first, then import; nothing is written while the file has errors.',
  'import.choose': 'Choose a file…',
  'import.filter_name': 'Spreadsheets',
  'import.path': 'File path',
  'import.create_units': 'Create missing units',
  'import.preview': 'Preview',
  'import.apply': 'Import',
  'import.previewing': 'Reading the file…',
  'import.importing': 'Importing, please wait…',
  'import.need_path': 'Choose a file or type its path.',
  'import.summary': 'File {file}: {rows} rows',
  'import.new': 'New',
  'import.changed': 'Changed',
  'import.unchanged': 'Unchanged',
  'import.people': 'people',
  'import.units_to_create': 'Units to be created',
  'import.missing_units': 'Units not found',
  'import.missing_hint': 'Tick “Create missing units” and preview again, or add these units first.',
  'import.new_positions': 'New positions',
  'import.errors': 'Errors in the file ({n})',
  'import.errors_hint': 'Fix these rows in the file and preview again. Nothing can be imported while there are errors.',
  'import.no_errors': 'No errors. Press “Import” to write them into the roster.',
  'import.nothing': 'The file holds nothing different from the current roster.',
  'import.rows_title': 'Rows in the file',
  'import.col_row': 'Row',
  'import.col_column': 'Column',
  'import.col_message': 'Problem',
  'import.col_name': 'Full name',
  'import.col_action': 'Action',
  'import.col_changes': 'Changed columns',
  'import.done': 'Imported {file}: {new} new, {changed} changed, {unchanged} unchanged.',
  'import.done_units': 'Created {n} units.',
  'import.assignments': 'Career history: {new} new, {ended} ended, {updated} updated.',
  'import.code': 'code',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

export type Params = Record<string, string | number>;

export const lang = writable<Lang>('vi');

function translate(language: Lang, key: MessageKey, params?: Params): string {
  const text = dictionaries[language][key] ?? vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `$t('roster.count', { shown, total })` in components. */
export const t = derived(lang, (language) => (key: MessageKey, params?: Params) => translate(language, key, params));

/** For code outside components (status messages set from event handlers). */
export function tr(key: MessageKey, params?: Params): string {
  return translate(get(lang), key, params);
}

/** Keeps <html lang> in step with the window language, for screen readers and hyphenation. */
lang.subscribe((language) => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});

export function genderLabel(language: Lang, gender: Gender): string {
  return translate(language, `gender.${gender}`);
}

export function qualificationLabel(language: Lang, q: Qualification): string {
  return translate(language, `qualification.${q}`);
}

export function theoryLabel(language: Lang, p: PoliticalTheory): string {
  return translate(language, `theory.${p}`);
}

export function actionLabel(language: Lang, action: PreviewAction): string {
  return translate(language, `import.${action}`);
}

/** "appointment" → "Bổ nhiệm"; an unknown code is shown as it is. */
export function startKindLabel(language: Lang, kind: string): string {
  const key = `kind.${kind}`;
  return key in vi ? translate(language, key as MessageKey) : kind;
}

export function endReasonLabel(language: Lang, reason: string): string {
  const key = `reason.${reason}`;
  return key in vi ? translate(language, key as MessageKey) : reason;
}

/** The Vietnamese words the person form sends, whatever the window language: the shell parses Vietnamese. */
export const VI_GENDER: Record<Gender, string> = { male: vi['gender.male'], female: vi['gender.female'] };
export const VI_QUALIFICATION: Record<Qualification, string> = {
  doctorate: vi['qualification.doctorate'],
  master: vi['qualification.master'],
  university: vi['qualification.university'],
  college: vi['qualification.college'],
  intermediate: vi['qualification.intermediate'],
  elementary: vi['qualification.elementary'],
};
export const VI_THEORY: Record<PoliticalTheory, string> = {
  advanced: vi['theory.advanced'],
  intermediate: vi['theory.intermediate'],
  elementary: vi['theory.elementary'],
};
