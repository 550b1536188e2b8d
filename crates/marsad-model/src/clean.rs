use crate::Published;

/// An article from an already-clean corpus (JSON Lines, SaudiNewsNet, ANT):
/// there is no raw page to extract, the corpus gives the fields directly.
///
/// Not part of the `marsad extract --json` contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanArticle {
    /// Where the record came from: `file#record` (`2015-07-22.zip#17`,
    /// `ant.tar.gz#BBC/sport/BB-sport-1-20180301.txt`, `news.jsonl#3`).
    pub source: String,
    /// Which importer read it (`jsonl`, `saudinewsnet`, `ant`).
    pub corpus: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// A standfirst or abstract that is not simply the start of the text.
    pub subtitle: Option<String>,
    /// Body text: paragraphs joined by blank lines (`\n\n`), none empty.
    pub text: String,
    /// Publication date as the corpus gives it, in local time; `None` when
    /// the corpus has no publication date.
    pub published: Option<Published>,
    /// When the record was crawled, as the corpus writes it.
    pub fetched: Option<String>,
    /// The outlet's display name.
    pub outlet: Option<String>,
    pub byline: Option<String>,
}

impl CleanArticle {
    /// The body's paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text.split("\n\n").filter(|p| !p.trim().is_empty())
    }
}
