//! The single error type of this crate.

use crate::keys::KeyId;

/// Everything that can go wrong with keys, signatures and bundles.
///
/// `Display` is English (logs, the English interface); [`ExchangeError::message_vi`] is the
/// Vietnamese text for the operator. Both say what happened and, for bundles, what to do.
/// [`ExchangeError::code`] is stable and never changes once released.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeError {
    /// The password does not open the wrapped secret key.
    #[error("wrong password for this secret key")]
    WrongPassword,
    /// A typed recovery code is not 32 characters of the code's alphabet.
    #[error("not a recovery code (32 letters and digits, in groups of four)")]
    BadRecoveryCode,
    /// A well-formed recovery code that is not this office's (or an older one, replaced by a newer sheet).
    #[error("this recovery code does not open this office")]
    WrongRecoveryCode,
    /// A public key or wrapped secret key could not be read.
    #[error("malformed key: {0}")]
    MalformedKey(&'static str),
    /// A `.minisig` file could not be read.
    #[error("malformed signature file: {0}")]
    MalformedSignature(&'static str),
    /// The signature uses an algorithm other than minisign's `Ed` / `ED`.
    #[error("unsupported signature algorithm")]
    UnsupportedAlgorithm,
    /// The signature was made by a different key than the one it is checked against.
    #[error("signature was made with key {found}, expected key {expected}")]
    KeyIdMismatch { expected: KeyId, found: KeyId },
    /// The data or the trusted comment does not match the signature.
    #[error("signature verification failed")]
    BadSignature,
    /// A comment would not survive the line-based minisign format.
    #[error("comment must be a single line of at most {max} bytes without NUL")]
    InvalidComment { max: usize },
    /// A failure that valid input cannot cause (e.g. a password longer than 4 GiB).
    #[error("internal cryptographic error: {0}")]
    Internal(&'static str),

    // --- Bundles (see `crate::bundle`). Each message says what happened and what to do. ---
    /// The file is not a zip archive at all (or is cut short).
    #[error("the file is not a data bundle (not a readable zip archive: {0}); ask the sending office for the .tdb file again")]
    BundleNotZip(String),
    /// A zip archive, but not a Thước Đo bundle (no manifest, or another format name).
    #[error("the file is a zip archive but not a Thước Đo data bundle ({0}); check that the right file was chosen")]
    BundleNotABundle(String),
    /// The zip container differs from what this program writes: damaged in transit or altered.
    #[error("the bundle is damaged or was altered after it was written ({0}); ask the sending office to send it again")]
    BundleDamaged(String),
    /// The file, one entry or all entries together exceed a size limit.
    #[error("the bundle is too large ({what} exceeds {limit} bytes); nothing was unpacked. Ask the sending office to split the data")]
    BundleTooLarge { what: String, limit: u64 },
    /// More entries than the limit.
    #[error("the bundle holds {count} files, more than the limit of {limit}; nothing was unpacked")]
    BundleTooManyFiles { count: u64, limit: u64 },
    /// An entry expands far more than real data does: a decompression bomb.
    #[error(
        "entry {path} expands more than {ratio} times its packed size (a decompression bomb); nothing was unpacked. Do not use this file"
    )]
    BundleBomb { path: String, ratio: u64 },
    /// An absolute path, `..`, a backslash, a drive letter or a control character in an entry name.
    #[error("the bundle contains an unsafe path {path:?}; nothing was unpacked. Do not use this file")]
    BundleUnsafePath { path: String },
    /// A symbolic link or another entry that is not a plain file.
    #[error("the bundle contains a link or special file {path:?}; nothing was unpacked. Do not use this file")]
    BundleLink { path: String },
    /// An entry name that a bundle of this format version never contains.
    #[error("the bundle contains an unexpected entry {path:?}; nothing was unpacked. Ask the sending office to export the bundle again")]
    BundleUnknownEntry { path: String },
    /// Encryption or a compression method other than stored/deflate.
    #[error("entry {path} uses an unsupported zip feature ({what}); ask the sending office to export the bundle again with Thước Đo")]
    BundleUnsupported { path: String, what: &'static str },
    /// Written by a newer program with a format version this one does not know.
    #[error("the bundle has format version {found} but this program reads up to version {supported}; update Thước Đo, then import the file again")]
    BundleNewerVersion { found: u64, supported: u32 },
    /// The manifest is not valid JSON of this format, or breaks a rule of the format.
    #[error("the bundle's manifest is invalid ({0}); ask the sending office to export the bundle again")]
    BundleBadManifest(String),
    /// The signature over the manifest does not verify (or the signature file is unreadable).
    #[error("the bundle's signature is not valid: the file was altered or damaged after signing; nothing was imported. Ask the sending office to send it again")]
    BundleBadSignature,
    /// Signed with another key than the one pinned for the claimed source unit.
    #[error("the bundle was signed with key {found}, not with key {expected} enrolled for its source unit; nothing was imported. Confirm the key fingerprint with the sending office by phone")]
    BundleWrongKey { expected: String, found: String },
    /// The signed trusted comment does not describe this manifest.
    #[error(
        "the bundle's signed comment does not match its manifest; nothing was imported. Ask the sending office to export the bundle again"
    )]
    BundleCommentMismatch,
    /// A file's size or SHA-256 differs from the manifest.
    #[error("the content of {path} does not match the signed manifest (altered or damaged); nothing was imported. Ask the sending office to send the bundle again")]
    BundleHashMismatch { path: String },
    /// A file the manifest lists is not in the archive.
    #[error("{path}, listed in the signed manifest, is missing from the bundle; nothing was imported. Ask the sending office to send the complete file")]
    BundleMissingFile { path: String },
    /// The archive holds a file the manifest does not list.
    #[error("{path} is in the bundle but not in its signed manifest (added after signing); nothing was imported. Do not use this file")]
    BundleExtraFile { path: String },
    /// A payload line is not one JSON value.
    #[error(
        "line {line} of {path} is not a valid record ({reason}); nothing was imported. Ask the sending office to export the bundle again"
    )]
    BundleBadRecord { path: String, line: u64, reason: String },
    /// The bundle is addressed to another unit.
    #[error("the bundle is addressed to unit {found}, not to this office ({expected}); nothing was imported. Give the file to the office it is meant for")]
    BundleWrongDestination { expected: String, found: String },
    /// The program asked the writer for an impossible bundle (a bad record kind, unit code, sequence…).
    #[error("the bundle cannot be written: {0}")]
    BundleInvalid(String),
    /// No key is enrolled for the bundle's claimed source unit.
    #[error("no key is enrolled for unit {unit}, the bundle's sender; nothing was imported. Enrol that office's public key first (thuocdo keys enrol), confirming its fingerprint by phone")]
    BundleUnknownSource { unit: String },
    /// A bundle older than the last one accepted from its source, or the same number with other content.
    #[error("bundle {sequence} from {source_unit} was already passed: bundle {last} is the last one accepted from that office; nothing was imported (an old or replayed file)")]
    BundleReplay { source_unit: String, sequence: u64, last: u64 },
    /// Bundles are missing between the last accepted one and this one.
    #[error("bundles {} from {source_unit} have not been imported yet (missing: {count}); nothing was imported. Import the missing bundles first, in order", list_numbers(.missing, *.count))]
    BundleGap { source_unit: String, missing: Vec<u64>, count: u64 },
    /// The bundle has the right number but does not follow the last accepted one.
    #[error("bundle {sequence} from {source_unit} does not follow the last bundle accepted from that office (its chain hash differs); nothing was imported. Ask the sending office which file it sent before this one")]
    BundleBrokenChain { source_unit: String, sequence: u64 },
    /// A record whose owner is not the sending unit nor a unit below it.
    #[error("a {kind} record ({id}) belongs to {owner}, which the sending office {source_unit} may not write for; nothing was imported. Do not use this file")]
    BundleForeignOwner { source_unit: String, kind: String, id: String, owner: String },
    /// The typed fingerprint is not the key's.
    #[error("the fingerprint typed ({typed}) is not the fingerprint of this key ({actual}); the key was not enrolled. Read the fingerprint again with the other office by phone")]
    FingerprintMismatch { typed: String, actual: String },
    /// Another key is already enrolled for the unit (rotation is announced by a bundle, not enrolled by hand).
    #[error("unit {unit} already has key {enrolled} enrolled, not {offered}; nothing was changed. A new key must be announced in a bundle signed with the old one")]
    KeyAlreadyEnrolled { unit: String, enrolled: String, offered: String },
    /// Keys are enrolled only for units below this office or for its superior.
    #[error("unit {unit} is neither below this office nor its superior, so its key cannot be enrolled here")]
    NotEnrollable { unit: String },
    /// Bundles go to the superior office or to an enrolled unit below.
    #[error("this office sends bundles only to its superior or to an enrolled unit below it, not to {unit}")]
    NoRoute { unit: String },

    // --- Receipts and keys over time. ---
    /// The file is not a receipt of this format.
    #[error(
        "the file is not a valid receipt ({0}); check that the .tdr receipt file was chosen, or ask the receiving office for it again"
    )]
    ReceiptInvalid(String),
    /// The receipt's signature does not verify, or its signed comment does not describe it.
    #[error("the receipt's signature is not valid: it was altered or damaged after signing; nothing was recorded. Ask the receiving office for it again")]
    ReceiptBadSignature,
    /// The receipt acknowledges a bundle this office never sent (or sent with other content).
    #[error("the receipt acknowledges bundle {sequence} from {source_unit} to {destination_unit}, which this office did not send (or sent with other content); nothing was recorded")]
    ReceiptUnknownBundle { source_unit: String, destination_unit: String, sequence: u64 },
    /// The key pinned for a unit was revoked by the superior.
    #[error("the key of unit {unit} was revoked on {revoked_on} ({reason}); nothing was imported. That office must make a new key and have it enrolled again, its fingerprint confirmed by phone")]
    KeyRevoked { unit: String, revoked_on: String, reason: String },
    /// This office's own key was revoked by its superior: it may not sign with it any more.
    #[error("this office's key was revoked by the superior on {revoked_on} ({reason}); nothing was written. Make a new key (thuocdo keys rotate) and have the superior enrol it, confirming its fingerprint by phone")]
    OwnKeyRevoked { revoked_on: String, reason: String },
}

/// "4, 5, 6" (and "…" when more are missing than listed).
fn list_numbers(missing: &[u64], count: u64) -> String {
    let mut text = missing.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
    if (missing.len() as u64) < count {
        text.push_str(", …");
    }
    text
}

impl ExchangeError {
    /// Stable identifier for translation and for tests; never reworded.
    pub fn code(&self) -> &'static str {
        match self {
            Self::WrongPassword => "exchange.wrong_password",
            Self::BadRecoveryCode => "exchange.bad_recovery_code",
            Self::WrongRecoveryCode => "exchange.wrong_recovery_code",
            Self::MalformedKey(_) => "exchange.malformed_key",
            Self::MalformedSignature(_) => "exchange.malformed_signature",
            Self::UnsupportedAlgorithm => "exchange.unsupported_algorithm",
            Self::KeyIdMismatch { .. } => "exchange.key_id_mismatch",
            Self::BadSignature => "exchange.bad_signature",
            Self::InvalidComment { .. } => "exchange.invalid_comment",
            Self::Internal(_) => "exchange.internal",
            Self::BundleNotZip(_) => "exchange.bundle_not_zip",
            Self::BundleNotABundle(_) => "exchange.bundle_not_a_bundle",
            Self::BundleDamaged(_) => "exchange.bundle_damaged",
            Self::BundleTooLarge { .. } => "exchange.bundle_too_large",
            Self::BundleTooManyFiles { .. } => "exchange.bundle_too_many_files",
            Self::BundleBomb { .. } => "exchange.bundle_bomb",
            Self::BundleUnsafePath { .. } => "exchange.bundle_unsafe_path",
            Self::BundleLink { .. } => "exchange.bundle_link",
            Self::BundleUnknownEntry { .. } => "exchange.bundle_unknown_entry",
            Self::BundleUnsupported { .. } => "exchange.bundle_unsupported",
            Self::BundleNewerVersion { .. } => "exchange.bundle_newer_version",
            Self::BundleBadManifest(_) => "exchange.bundle_bad_manifest",
            Self::BundleBadSignature => "exchange.bundle_bad_signature",
            Self::BundleWrongKey { .. } => "exchange.bundle_wrong_key",
            Self::BundleCommentMismatch => "exchange.bundle_comment_mismatch",
            Self::BundleHashMismatch { .. } => "exchange.bundle_hash_mismatch",
            Self::BundleMissingFile { .. } => "exchange.bundle_missing_file",
            Self::BundleExtraFile { .. } => "exchange.bundle_extra_file",
            Self::BundleBadRecord { .. } => "exchange.bundle_bad_record",
            Self::BundleWrongDestination { .. } => "exchange.bundle_wrong_destination",
            Self::BundleInvalid(_) => "exchange.bundle_invalid",
            Self::BundleUnknownSource { .. } => "exchange.bundle_unknown_source",
            Self::BundleReplay { .. } => "exchange.bundle_replay",
            Self::BundleGap { .. } => "exchange.bundle_gap",
            Self::BundleBrokenChain { .. } => "exchange.bundle_broken_chain",
            Self::BundleForeignOwner { .. } => "exchange.bundle_foreign_owner",
            Self::FingerprintMismatch { .. } => "exchange.fingerprint_mismatch",
            Self::KeyAlreadyEnrolled { .. } => "exchange.key_already_enrolled",
            Self::NotEnrollable { .. } => "exchange.not_enrollable",
            Self::NoRoute { .. } => "exchange.no_route",
            Self::ReceiptInvalid(_) => "exchange.receipt_invalid",
            Self::ReceiptBadSignature => "exchange.receipt_bad_signature",
            Self::ReceiptUnknownBundle { .. } => "exchange.receipt_unknown_bundle",
            Self::KeyRevoked { .. } => "exchange.key_revoked",
            Self::OwnKeyRevoked { .. } => "exchange.own_key_revoked",
        }
    }

    /// What a person reads, in Vietnamese: what happened and what to do. (The `Display`
    /// text is the English counterpart.) Technical details stay in English in parentheses,
    /// as the operator may read them out to support.
    pub fn message_vi(&self) -> String {
        match self {
            Self::WrongPassword => "Sai mật khẩu: không mở được khoá ký của văn phòng.".into(),
            Self::BadRecoveryCode => "Mã khôi phục không đúng dạng: mã gồm 32 chữ cái và chữ số, chia 8 nhóm 4 ký tự, như in trên phiếu khôi phục. Hãy gõ lại.".into(),
            Self::WrongRecoveryCode => "Mã khôi phục không mở được văn phòng này (sai mã, hoặc là mã của phiếu cũ đã được thay). Hãy dùng phiếu khôi phục mới nhất của văn phòng.".into(),
            Self::MalformedKey(why) => format!("Khoá không đọc được ({why}). Hãy kiểm tra lại tệp khoá hoặc liên hệ quản trị viên."),
            Self::MalformedSignature(why) => format!("Tệp chữ ký không đọc được ({why}). Hãy xin đơn vị gửi lại tệp."),
            Self::UnsupportedAlgorithm => "Chữ ký dùng thuật toán không được hỗ trợ. Hãy xin đơn vị gửi ký lại bằng Thước Đo.".into(),
            Self::KeyIdMismatch { expected, found } => format!(
                "Chữ ký được tạo bằng khoá {found}, không phải khoá {expected} đã đăng ký. Hãy đối chiếu mã nhận dạng khoá với đơn vị gửi qua điện thoại."
            ),
            Self::BadSignature => "Chữ ký không hợp lệ: dữ liệu đã bị sửa hoặc hỏng sau khi ký.".into(),
            Self::InvalidComment { max } => format!("Chú thích của chữ ký phải là một dòng, không quá {max} byte."),
            Self::Internal(why) => format!("Lỗi nội bộ của chương trình ({why}). Hãy báo cho bộ phận hỗ trợ."),
            Self::BundleNotZip(why) => format!(
                "Tệp này không phải gói dữ liệu (không đọc được như tệp zip; chi tiết kỹ thuật: {why}). Có thể tệp bị chép thiếu hoặc chọn nhầm tệp. Hãy xin đơn vị gửi chép lại tệp .tdb."
            ),
            Self::BundleNotABundle(why) => {
                format!("Tệp này là tệp zip nhưng không phải gói dữ liệu Thước Đo (chi tiết kỹ thuật: {why}). Hãy kiểm tra đã chọn đúng tệp .tdb chưa.")
            }
            Self::BundleDamaged(why) => format!(
                "Gói dữ liệu bị hỏng hoặc đã bị sửa sau khi tạo (chi tiết kỹ thuật: {why}). Chưa nhập gì. Hãy xin đơn vị gửi gửi lại tệp."
            ),
            Self::BundleTooLarge { what, limit } => format!(
                "Gói dữ liệu quá lớn ({what} vượt giới hạn {limit} byte). Chưa giải nén gì. Hãy đề nghị đơn vị gửi chia dữ liệu thành nhiều gói."
            ),
            Self::BundleTooManyFiles { count, limit } => {
                format!("Gói dữ liệu chứa {count} tệp, nhiều hơn giới hạn {limit}. Chưa giải nén gì. Hãy đề nghị đơn vị gửi chia dữ liệu thành nhiều gói.")
            }
            Self::BundleBomb { path, ratio } => format!(
                "Mục {path} khi giải nén lớn hơn {ratio} lần kích thước nén (dấu hiệu tệp độc hại). Chưa giải nén gì. Không dùng tệp này; hãy báo cho đơn vị gửi."
            ),
            Self::BundleUnsafePath { path } => format!(
                "Gói dữ liệu có đường dẫn không an toàn «{}» (đường dẫn tuyệt đối, «..», dấu «\\» hoặc ổ đĩa). Chưa giải nén gì. Không dùng tệp này; hãy báo cho đơn vị gửi.",
                path.escape_debug()
            ),
            Self::BundleLink { path } => format!(
                "Gói dữ liệu có liên kết hoặc tệp đặc biệt «{}». Chưa giải nén gì. Không dùng tệp này; hãy báo cho đơn vị gửi.",
                path.escape_debug()
            ),
            Self::BundleUnknownEntry { path } => format!(
                "Gói dữ liệu có mục lạ «{}» mà định dạng này không có. Chưa giải nén gì. Hãy xin đơn vị gửi xuất lại gói bằng Thước Đo.",
                path.escape_debug()
            ),
            Self::BundleUnsupported { path, what } => format!(
                "Mục {path} dùng tính năng zip không được hỗ trợ ({what}). Hãy xin đơn vị gửi xuất lại gói bằng Thước Đo."
            ),
            Self::BundleNewerVersion { found, supported } => format!(
                "Gói dữ liệu được tạo bằng phiên bản Thước Đo mới hơn (định dạng {found}, phiên bản này đọc được đến {supported}). Hãy cập nhật Thước Đo rồi nhập lại tệp; chưa nhập gì."
            ),
            Self::BundleBadManifest(why) => format!(
                "Bản kê (manifest) của gói dữ liệu không hợp lệ (chi tiết kỹ thuật: {why}). Chưa nhập gì. Hãy xin đơn vị gửi xuất lại gói."
            ),
            Self::BundleBadSignature => "Chữ ký của gói dữ liệu không hợp lệ: tệp đã bị sửa hoặc hỏng sau khi ký. Chưa nhập gì. Hãy xin đơn vị gửi gửi lại tệp.".into(),
            Self::BundleWrongKey { expected, found } => format!(
                "Gói dữ liệu được ký bằng khoá {found}, không phải khoá {expected} đã đăng ký cho đơn vị gửi. Chưa nhập gì. Hãy gọi điện đối chiếu mã nhận dạng khoá với đơn vị gửi."
            ),
            Self::BundleCommentMismatch => "Chú thích đã ký không khớp với bản kê của gói dữ liệu. Chưa nhập gì. Hãy xin đơn vị gửi xuất lại gói.".into(),
            Self::BundleHashMismatch { path } => format!(
                "Nội dung của {path} không khớp với bản kê đã ký (bị sửa hoặc hỏng). Chưa nhập gì. Hãy xin đơn vị gửi gửi lại tệp."
            ),
            Self::BundleMissingFile { path } => format!(
                "Thiếu {path} trong gói dữ liệu dù bản kê đã ký có liệt kê. Chưa nhập gì. Hãy xin đơn vị gửi gửi lại tệp đầy đủ."
            ),
            Self::BundleExtraFile { path } => format!(
                "Gói dữ liệu có thêm {path} không có trong bản kê đã ký (bị thêm vào sau khi ký). Chưa nhập gì. Không dùng tệp này; hãy báo cho đơn vị gửi."
            ),
            Self::BundleBadRecord { path, line, reason } => format!(
                "Dòng {line} của {path} không phải bản ghi hợp lệ ({reason}). Chưa nhập gì. Hãy xin đơn vị gửi xuất lại gói."
            ),
            Self::BundleWrongDestination { expected, found } => format!(
                "Gói dữ liệu gửi cho đơn vị {found}, không phải văn phòng này ({expected}). Chưa nhập gì. Hãy chuyển tệp cho đúng đơn vị nhận."
            ),
            Self::BundleInvalid(why) => format!("Không tạo được gói dữ liệu: {why}. Hãy báo cho bộ phận hỗ trợ."),
            Self::BundleUnknownSource { unit } => format!(
                "Chưa đăng ký khoá của đơn vị {unit} (đơn vị gửi gói này). Chưa nhập gì. Hãy đăng ký khoá công khai của văn phòng đó trước (thuocdo keys enrol), đối chiếu mã nhận dạng khoá qua điện thoại."
            ),
            Self::BundleReplay { source_unit, sequence, last } => format!(
                "Gói số {sequence} của đơn vị {source_unit} đã cũ: gói số {last} là gói mới nhất đã nhận từ đơn vị này. Chưa nhập gì (tệp cũ hoặc bị gửi lại)."
            ),
            Self::BundleGap { source_unit, missing, count } => format!(
                "Còn thiếu {count} gói của đơn vị {source_unit} chưa nhập (số {}). Chưa nhập gì. Hãy nhập các gói còn thiếu trước, theo đúng thứ tự.",
                list_numbers(missing, *count)
            ),
            Self::BundleBrokenChain { source_unit, sequence } => format!(
                "Gói số {sequence} của đơn vị {source_unit} không nối tiếp gói đã nhận trước đó (mã băm chuỗi khác). Chưa nhập gì. Hãy hỏi đơn vị gửi đã gửi tệp nào trước tệp này."
            ),
            Self::BundleForeignOwner { source_unit, kind, id, owner } => format!(
                "Gói dữ liệu có bản ghi {kind} ({id}) thuộc đơn vị {owner}, mà đơn vị gửi {source_unit} không có quyền ghi. Chưa nhập gì. Không dùng tệp này; hãy báo cho đơn vị gửi."
            ),
            Self::FingerprintMismatch { typed, actual } => format!(
                "Dấu vân tay đã nhập ({typed}) không khớp với khoá này ({actual}). Chưa ghi nhận khoá. Hãy đọc lại dấu vân tay với đơn vị kia qua điện thoại."
            ),
            Self::KeyAlreadyEnrolled { unit, enrolled, offered } => format!(
                "Đơn vị {unit} đã đăng ký khoá {enrolled}, không phải khoá {offered}. Không thay đổi gì. Khoá mới phải được thông báo trong gói dữ liệu ký bằng khoá cũ."
            ),
            Self::NotEnrollable { unit } => format!(
                "Đơn vị {unit} không trực thuộc văn phòng này và cũng không phải cấp trên, nên không đăng ký khoá ở đây được."
            ),
            Self::NoRoute { unit } => format!(
                "Văn phòng này chỉ gửi gói dữ liệu cho cấp trên hoặc cho đơn vị trực thuộc đã đăng ký khoá, không gửi cho {unit}."
            ),
            Self::ReceiptInvalid(why) => format!(
                "Tệp này không phải biên nhận hợp lệ (chi tiết kỹ thuật: {why}). Hãy kiểm tra đã chọn đúng tệp biên nhận .tdr chưa, hoặc xin đơn vị nhận gửi lại."
            ),
            Self::ReceiptBadSignature => {
                "Chữ ký của biên nhận không hợp lệ: tệp đã bị sửa hoặc hỏng sau khi ký. Chưa ghi nhận gì. Hãy xin đơn vị nhận gửi lại biên nhận.".into()
            }
            Self::ReceiptUnknownBundle { source_unit, destination_unit, sequence } => format!(
                "Biên nhận xác nhận gói số {sequence} từ {source_unit} gửi {destination_unit}, nhưng văn phòng này không gửi gói đó (hoặc đã gửi với nội dung khác). Chưa ghi nhận gì."
            ),
            Self::KeyRevoked { unit, revoked_on, reason } => format!(
                "Khoá của đơn vị {unit} đã bị thu hồi ngày {revoked_on} ({reason}). Chưa nhập gì. Văn phòng đó phải tạo khoá mới và đăng ký lại, đối chiếu dấu vân tay qua điện thoại."
            ),
            Self::OwnKeyRevoked { revoked_on, reason } => format!(
                "Khoá của văn phòng này đã bị cấp trên thu hồi ngày {revoked_on} ({reason}). Chưa ghi gì. Hãy tạo khoá mới (thuocdo keys rotate) và đề nghị cấp trên đăng ký lại, đối chiếu dấu vân tay qua điện thoại."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_namespaced() {
        let all = [
            ExchangeError::WrongPassword,
            ExchangeError::MalformedKey("x"),
            ExchangeError::BadRecoveryCode,
            ExchangeError::WrongRecoveryCode,
            ExchangeError::MalformedSignature("x"),
            ExchangeError::UnsupportedAlgorithm,
            ExchangeError::KeyIdMismatch { expected: KeyId([0; 8]), found: KeyId([1; 8]) },
            ExchangeError::BadSignature,
            ExchangeError::InvalidComment { max: 1 },
            ExchangeError::Internal("x"),
            ExchangeError::BundleNotZip("x".into()),
            ExchangeError::BundleNotABundle("x".into()),
            ExchangeError::BundleDamaged("x".into()),
            ExchangeError::BundleTooLarge { what: "x".into(), limit: 1 },
            ExchangeError::BundleTooManyFiles { count: 2, limit: 1 },
            ExchangeError::BundleBomb { path: "x".into(), ratio: 1 },
            ExchangeError::BundleUnsafePath { path: "x".into() },
            ExchangeError::BundleLink { path: "x".into() },
            ExchangeError::BundleUnknownEntry { path: "x".into() },
            ExchangeError::BundleUnsupported { path: "x".into(), what: "x" },
            ExchangeError::BundleNewerVersion { found: 2, supported: 1 },
            ExchangeError::BundleBadManifest("x".into()),
            ExchangeError::BundleBadSignature,
            ExchangeError::BundleWrongKey { expected: "A".into(), found: "B".into() },
            ExchangeError::BundleCommentMismatch,
            ExchangeError::BundleHashMismatch { path: "x".into() },
            ExchangeError::BundleMissingFile { path: "x".into() },
            ExchangeError::BundleExtraFile { path: "x".into() },
            ExchangeError::BundleBadRecord { path: "x".into(), line: 1, reason: "x".into() },
            ExchangeError::BundleWrongDestination { expected: "A".into(), found: "B".into() },
            ExchangeError::BundleInvalid("x".into()),
            ExchangeError::BundleUnknownSource { unit: "A".into() },
            ExchangeError::BundleReplay { source_unit: "A".into(), sequence: 1, last: 2 },
            ExchangeError::BundleGap { source_unit: "A".into(), missing: vec![2, 3], count: 5 },
            ExchangeError::BundleBrokenChain { source_unit: "A".into(), sequence: 2 },
            ExchangeError::BundleForeignOwner { source_unit: "A".into(), kind: "x".into(), id: "1".into(), owner: "B".into() },
            ExchangeError::FingerprintMismatch { typed: "x".into(), actual: "y".into() },
            ExchangeError::KeyAlreadyEnrolled { unit: "A".into(), enrolled: "1".into(), offered: "2".into() },
            ExchangeError::NotEnrollable { unit: "A".into() },
            ExchangeError::NoRoute { unit: "A".into() },
            ExchangeError::ReceiptInvalid("x".into()),
            ExchangeError::ReceiptBadSignature,
            ExchangeError::ReceiptUnknownBundle { source_unit: "A".into(), destination_unit: "B".into(), sequence: 1 },
            ExchangeError::KeyRevoked { unit: "A".into(), revoked_on: "01/01/2026".into(), reason: "x".into() },
            ExchangeError::OwnKeyRevoked { revoked_on: "01/01/2026".into(), reason: "x".into() },
        ];
        for e in &all {
            assert!(!e.message_vi().is_empty() && !e.to_string().is_empty(), "{e:?}");
        }
        let mut codes: Vec<_> = all.iter().map(ExchangeError::code).collect();
        assert!(codes.iter().all(|c| c.starts_with("exchange.")));
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }

    #[test]
    fn missing_bundles_are_named() {
        let gap = ExchangeError::BundleGap { source_unit: "XA".into(), missing: vec![2, 3], count: 2 };
        assert!(gap.to_string().contains("2, 3") && gap.message_vi().contains("số 2, 3)"), "{gap}");
        let long = ExchangeError::BundleGap { source_unit: "XA".into(), missing: vec![2, 3], count: 9 };
        assert!(long.message_vi().contains("2, 3, …"));
    }
}
