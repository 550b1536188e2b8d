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
    let mut extracted = match page.format {
        PageFormat::Text => text::extract_text(page),
        PageFormat::Html | PageFormat::Warc => {
            let mut extracted = marsad_html::extract_html(page);
            let site = page.url.as_deref().and_then(site_of_url);
            for article in &mut extracted.articles {
                text::fill_dateline(article);
                // A page that names no publisher was still published by the
                // site it was fetched from.
                if article.outlet.is_none() {
                    article.outlet = site.map(str::to_string);
                }
            }
            extracted
        }
    };
    // One name per outlet across formats and corpora (marsad-model's table).
    for article in &mut extracted.articles {
        article.outlet = article
            .outlet
            .as_deref()
            .and_then(marsad_model::canonical_outlet);
    }
    extracted
}

/// The site of a URL: its host without "www." ("https://www.aljazeera.net/news/1"
/// → "aljazeera.net").
fn site_of_url(url: &str) -> Option<&str> {
    let host = marsad_model::url_host(url)?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    host.contains('.').then_some(host)
}

#[cfg(test)]
mod tests {
    use super::site_of_url;

    #[test]
    fn site_of_a_url_is_its_host() {
        assert_eq!(
            site_of_url("https://www.aljazeera.net/news/1"),
            Some("aljazeera.net")
        );
        assert_eq!(
            site_of_url("http://aawsat.com:8080/x?y#z"),
            Some("aawsat.com")
        );
        assert_eq!(
            site_of_url("https://user@news.example.sd/a"),
            Some("news.example.sd")
        );
        assert_eq!(site_of_url("not a url"), None);
    }
}
