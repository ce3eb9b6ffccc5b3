use crate::views::DocumentView;

pub(crate) enum Block {}

pub(crate) fn blocks(_view: &DocumentView) -> Vec<Block> {
    Vec::new()
}

pub(crate) fn title(_view: &DocumentView) -> String {
    String::new()
}
