//! The domain model shared by every pipeline stage: what comes in (`Page`) and
//! what extraction makes of it (`ExtractedPage`, `Article`, …).
//!
//! The serialized form of [`PageResult`] is marsad's public JSON contract
//! (`marsad extract --json`): fields may be added, never renamed or removed.
//! Optional fields are always written (as `null`) so that consumers can rely
//! on every key being present.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod clean;
pub mod cues;
pub mod outlets;
mod published;
mod url_key;
pub use clean::CleanArticle;
pub use outlets::{canonical_outlet, known_outlet, outlet_key};
pub use published::{ParsePublishedError, Published};
pub use url_key::{normalize_url, url_host, TRACKING_PARAMETERS};

/// How a page reached us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageFormat {
    /// A plain-text dump of a page's visible text, one block per line.
    Text,
    /// An HTML document.
    Html,
    /// An HTML payload of one WARC `response` record.
    Warc,
}

impl fmt::Display for PageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PageFormat::Text => "text",
            PageFormat::Html => "html",
            PageFormat::Warc => "warc",
        })
    }
}

/// One decoded input page, ready for extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The input as the user named it (`path`, `path#3` for a WARC record, `-` for stdin).
    pub source: String,
    pub format: PageFormat,
    /// Where the page was fetched from, when the input says so (WARC-Target-URI).
    pub url: Option<String>,
    /// When it was fetched (WARC-Date), as given.
    pub fetched: Option<String>,
    /// Decoded text (for `Text`) or markup (for `Html`/`Warc`).
    pub content: String,
}

/// Extraction output for one page: the public JSON object of `marsad extract --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedPage {
    pub source: String,
    pub format: PageFormat,
    pub url: Option<String>,
    pub fetched: Option<String>,
    pub lang: Option<String>,
    /// Writing direction, "rtl" or "ltr": as the page declares it (HTML
    /// `dir`), or as its script implies (text dumps).
    #[serde(default)]
    pub dir: Option<String>,
    pub articles: Vec<Article>,
    pub furniture: Vec<Furniture>,
}

/// A page that could not be read or parsed, in place of its `ExtractedPage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageError {
    pub source: String,
    pub error: String,
}

/// One line of `marsad extract --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PageResult {
    Extracted(ExtractedPage),
    Failed(PageError),
}

impl PageResult {
    pub fn source(&self) -> &str {
        match self {
            PageResult::Extracted(p) => &p.source,
            PageResult::Failed(e) => &e.source,
        }
    }

    pub fn is_error(&self) -> bool {
        matches!(self, PageResult::Failed(_))
    }
}

/// Whether an article is the page's own or one appended after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Main,
    Appended,
}

/// One news article found on a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub role: Role,
    pub title: Option<String>,
    /// 1-based line of the chosen title in a text dump.
    pub title_line: Option<u32>,
    pub subtitle: Option<String>,
    /// Local publication time as printed, never shifted to UTC.
    pub published: Option<Published>,
    /// Place/agency lead-in such as `عواصم "وكالات"`.
    pub dateline: Option<String>,
    pub byline: Option<String>,
    /// Who published this page (branding, site name).
    pub outlet: Option<String>,
    /// Whom the page republishes ("سي إن إن", "الجزيرة", an agency).
    pub original_source: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub captions: Vec<Caption>,
}

impl Article {
    pub fn new(role: Role) -> Self {
        Article {
            role,
            title: None,
            title_line: None,
            subtitle: None,
            published: None,
            dateline: None,
            byline: None,
            outlet: None,
            original_source: None,
            paragraphs: Vec::new(),
            captions: Vec::new(),
        }
    }

    /// Body text: paragraphs joined by blank lines.
    pub fn text(&self) -> String {
        self.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Body,
    Subheading,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    pub line: Option<u32>,
    pub kind: ParagraphKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    pub text: String,
    pub line: Option<u32>,
}

/// What a piece of page furniture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FurnitureKind {
    Navigation,
    Share,
    Related,
    Interstitial,
    Comments,
    Footer,
    Disclaimer,
    Tags,
    Branding,
    Other,
}

impl FurnitureKind {
    /// The kind named `name` (as [`FurnitureKind::as_str`] writes it); a name this build
    /// does not know (written by a later one) reads as `other`.
    pub fn from_name(name: &str) -> FurnitureKind {
        FurnitureKind::ALL
            .into_iter()
            .find(|k| k.as_str() == name)
            .unwrap_or(FurnitureKind::Other)
    }

    /// Every kind, in declaration order.
    pub const ALL: [FurnitureKind; 10] = [
        FurnitureKind::Navigation,
        FurnitureKind::Share,
        FurnitureKind::Related,
        FurnitureKind::Interstitial,
        FurnitureKind::Comments,
        FurnitureKind::Footer,
        FurnitureKind::Disclaimer,
        FurnitureKind::Tags,
        FurnitureKind::Branding,
        FurnitureKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FurnitureKind::Navigation => "navigation",
            FurnitureKind::Share => "share",
            FurnitureKind::Related => "related",
            FurnitureKind::Interstitial => "interstitial",
            FurnitureKind::Comments => "comments",
            FurnitureKind::Footer => "footer",
            FurnitureKind::Disclaimer => "disclaimer",
            FurnitureKind::Tags => "tags",
            FurnitureKind::Branding => "branding",
            FurnitureKind::Other => "other",
        }
    }
}

/// Page text that is not part of any article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Furniture {
    pub line: Option<u32>,
    pub kind: FurnitureKind,
    pub text: String,
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Published::from_str(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_result_serializes_to_source_and_error_only() {
        let r = PageResult::Failed(PageError {
            source: "x.txt".into(),
            error: "no such file".into(),
        });
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"source":"x.txt","error":"no such file"}"#
        );
    }

    #[test]
    fn extracted_page_writes_every_contract_key() {
        let mut a = Article::new(Role::Main);
        a.published = Some("2024-11-19T14:31".parse().unwrap());
        a.paragraphs.push(Paragraph {
            text: "نص".into(),
            line: Some(7),
            kind: ParagraphKind::Body,
        });
        let p = PageResult::Extracted(ExtractedPage {
            source: "a.txt".into(),
            format: PageFormat::Text,
            url: None,
            fetched: None,
            lang: Some("ar".into()),
            dir: Some("rtl".into()),
            articles: vec![a],
            furniture: vec![Furniture {
                line: Some(1),
                kind: FurnitureKind::Share,
                text: "شارك".into(),
            }],
        });
        let v: serde_json::Value = serde_json::to_value(&p).unwrap();
        for key in [
            "source",
            "format",
            "url",
            "fetched",
            "lang",
            "articles",
            "furniture",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        let art = &v["articles"][0];
        for key in [
            "role",
            "title",
            "title_line",
            "subtitle",
            "published",
            "dateline",
            "byline",
            "outlet",
            "original_source",
            "paragraphs",
            "captions",
        ] {
            assert!(art.get(key).is_some(), "missing article.{key}");
        }
        assert_eq!(art["published"], "2024-11-19T14:31");
        assert_eq!(art["role"], "main");
        assert_eq!(v["format"], "text");
        assert_eq!(v["furniture"][0]["kind"], "share");
        let back: PageResult = serde_json::from_value(v).unwrap();
        assert_eq!(back, p);
    }
}
