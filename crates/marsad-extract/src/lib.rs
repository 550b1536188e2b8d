//! Extraction: pages in, articles out.
//!
//! [`extract`] dispatches on the page's format: text dumps go to
//! [`text::extract_text`], HTML and WARC payloads to `marsad_html`. Both
//! produce the same [`ExtractedPage`] model.

pub mod text;

use marsad_model::{ExtractedPage, Page, PageFormat};

pub use text::extract_text;

/// Extract the articles and furniture of one page.
pub fn extract(page: &Page) -> ExtractedPage {
    match page.format {
        PageFormat::Text => text::extract_text(page),
        PageFormat::Html | PageFormat::Warc => {
            let mut extracted = marsad_html::extract_html(page);
            extracted.articles.iter_mut().for_each(text::fill_dateline);
            extracted
        }
    }
}
