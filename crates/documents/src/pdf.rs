use crate::settings::RenderOptions;
use crate::templates::Block;
use crate::{DocumentError, Rendered, Result};

pub(crate) fn write(_title: &str, _blocks: &[Block], _options: &RenderOptions) -> Result<Rendered> {
    Err(DocumentError::Pdf("not yet".into()))
}
