//! Rows ready to write: hashing and compression happen here, on whatever
//! thread builds them, so the single writer only writes.

use marsad_model::{
    Article, CleanArticle, ExtractedPage, Furniture, Page, Paragraph, ParagraphKind, Role,
};
use sha2::{Digest, Sha256};

/// zstd level for stored page content: fast, about 4–6× on HTML and Arabic text.
const ZSTD_LEVEL: i32 = 3;

/// SHA-256 of a page's content or of a corpus record.
pub type ContentHash = [u8; 32];

/// The content hash of a decoded page: what makes two inputs "the same page".
pub fn content_hash(content: &str) -> ContentHash {
    Sha256::digest(content.as_bytes()).into()
}

/// The hash of a corpus record: its url, title and text (a record has no
/// raw page). The prefix keeps it apart from any page's content hash.
fn clean_hash(url: Option<&str>, title: Option<&str>, text: &str) -> ContentHash {
    let mut h = Sha256::new();
    h.update(b"marsad corpus record\0");
    for part in [url.unwrap_or(""), title.unwrap_or(""), text] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().into()
}

/// Whether a `pages` row is a raw page or a corpus record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Page,
    Corpus,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Page => "page",
            Origin::Corpus => "corpus",
        }
    }
}

/// One `pages` row and everything under it, ready for [`crate::Store::insert_prepared`].
#[derive(Debug, Clone)]
pub struct NewPage {
    pub origin: Origin,
    pub source: String,
    pub format: String,
    pub url: Option<String>,
    /// The page's URL identity ([`marsad_model::normalize_url`]).
    pub url_key: Option<String>,
    pub fetched: Option<String>,
    pub lang: Option<String>,
    /// Writing direction (`rtl`, `ltr`).
    pub dir: Option<String>,
    pub content_hash: ContentHash,
    /// zstd-compressed content (raw pages only).
    pub content: Option<Vec<u8>>,
    pub content_bytes: Option<usize>,
    pub extractor_version: String,
    pub articles: Vec<NewArticle>,
    pub furniture: Vec<Furniture>,
}

/// One article with its joined text and the text's hash.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub article: Article,
    pub text: String,
    pub text_hash: ContentHash,
}

impl NewArticle {
    pub fn new(article: Article) -> Self {
        let text = article.text();
        let text_hash = Sha256::digest(text.as_bytes()).into();
        NewArticle {
            article,
            text,
            text_hash,
        }
    }
}

impl NewPage {
    /// A raw page and what the extractor made of it. The content is
    /// compressed so that `reextract` can run again without the input.
    pub fn from_extracted(page: &Page, extracted: ExtractedPage, extractor_version: &str) -> Self {
        Self::from_extracted_with_hash(
            page,
            content_hash(&page.content),
            extracted,
            extractor_version,
        )
    }

    /// As [`NewPage::from_extracted`], with the content hash already computed.
    pub fn from_extracted_with_hash(
        page: &Page,
        hash: ContentHash,
        extracted: ExtractedPage,
        extractor_version: &str,
    ) -> Self {
        let raw = page.content.as_bytes();
        // Compressing from memory into memory cannot fail but for allocation.
        let compressed = zstd::bulk::compress(raw, ZSTD_LEVEL).ok();
        let url = page.url.clone().or(extracted.url);
        NewPage {
            origin: Origin::Page,
            source: page.source.clone(),
            format: page.format.to_string(),
            url_key: url.as_deref().and_then(marsad_model::normalize_url),
            url,
            fetched: page.fetched.clone().or(extracted.fetched),
            lang: extracted.lang,
            dir: extracted.dir,
            content_hash: hash,
            content_bytes: compressed.as_ref().map(|_| raw.len()),
            content: compressed,
            extractor_version: extractor_version.to_string(),
            articles: extracted
                .articles
                .into_iter()
                .map(NewArticle::new)
                .collect(),
            furniture: extracted.furniture,
        }
    }

    /// A corpus record: one main article whose paragraphs are the text's.
    /// `importer_version` names the importer (`saudinewsnet 0.1.0`).
    pub fn from_clean(record: CleanArticle, importer_version: &str) -> Self {
        let mut article = Article::new(Role::Main);
        article.paragraphs = record
            .paragraphs()
            .map(|p| Paragraph {
                text: p.trim().to_string(),
                line: None,
                kind: ParagraphKind::Body,
            })
            .collect();
        let article = NewArticle::new(Article {
            title: record.title,
            subtitle: record.subtitle,
            published: record.published,
            byline: record.byline,
            outlet: record.outlet,
            ..article
        });
        let hash = clean_hash(
            record.url.as_deref(),
            article.article.title.as_deref(),
            &article.text,
        );
        let lang = guess_lang(&article.text);
        NewPage {
            origin: Origin::Corpus,
            source: record.source,
            format: record.corpus,
            url_key: record.url.as_deref().and_then(marsad_model::normalize_url),
            url: record.url,
            fetched: record.fetched,
            dir: lang
                .as_deref()
                .map(|l| if l == "ar" { "rtl" } else { "ltr" }.to_string()),
            lang,
            content_hash: hash,
            content: None,
            content_bytes: None,
            extractor_version: importer_version.to_string(),
            articles: vec![article],
            furniture: Vec::new(),
        }
    }
}

/// `ar` or `en` by which script has more letters, as the text extractor decides.
fn guess_lang(text: &str) -> Option<String> {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{0750}'..='\u{077F}')
        {
            arabic += 1;
        }
    }
    match (arabic, latin) {
        (0, 0) => None,
        (a, l) if a >= l => Some("ar".to_string()),
        _ => Some("en".to_string()),
    }
}
