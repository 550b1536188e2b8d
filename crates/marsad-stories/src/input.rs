//! What the stage is given for one article.

use marsad_model::Published;
use serde::{Deserialize, Serialize};

/// Whether the article is the page's main article or one appended after it ("إقرأ أيضاً"
/// followed by a whole other article).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ArticleRole {
    /// The page's own article (and every article of a clean corpus).
    #[default]
    Main,
    /// An unrelated article appended on the same page: it never joins the story of an
    /// article of its page.
    Appended,
}

/// One article, as the engine hands it to the stage.
#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    /// The store's id: stable, unique.
    pub id: i64,
    /// Headline.
    pub title: Option<String>,
    /// Body paragraphs joined by blank lines.
    pub text: String,
    /// The outlet's display name.
    pub outlet: Option<String>,
    /// Publication date in the page's local time.
    pub published: Option<Published>,
    /// When the page was crawled (any format `marsad_dates::parse_machine_date` reads). Used
    /// when `published` is missing (SaudiNewsNet has only crawl dates).
    pub fetched: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// The page the article came from (its source name): two articles of one page never share
    /// a story.
    pub page: Option<String>,
    /// Main or appended.
    pub role: ArticleRole,
    /// Author line.
    pub byline: Option<String>,
    /// The outlet the page credits as its source (the extractor's `original_source`).
    pub original_source: Option<String>,
    /// Canonical entity keys from the entity stage; empty until it runs, in which case name
    /// keys are derived from the text (see [`crate::features`]).
    pub entities: Vec<String>,
}

/// The entity keys of an article as the stage takes them, from the entity stage's keys: people,
/// places and organisations (`MISC:` keys are mostly noise: nationalities, events, works),
/// each once, sorted.
pub fn entity_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut keys: Vec<String> = keys
        .into_iter()
        .filter(|key| !key.is_empty() && !key.starts_with("MISC:"))
        .map(str::to_string)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

impl ArticleInput {
    /// The minute (since 1970-01-01, local time) the article is dated at: `published`, else
    /// `fetched`; a date without a time of day counts as noon.
    pub fn minutes(&self) -> Option<i64> {
        self.published
            .or_else(|| {
                self.fetched
                    .as_deref()
                    .and_then(marsad_dates::parse_machine_date)
            })
            .map(minutes_of)
    }
}

/// Minutes since 1970-01-01 of a local date (noon when it has no time).
pub fn minutes_of(p: Published) -> i64 {
    let (h, m) = p.time.unwrap_or((12, 0));
    p.days_from_epoch() * 1440 + i64::from(h) * 60 + i64::from(m)
}

impl ArticleInput {
    /// An extracted article (`marsad extract`) of the page `page` (its source name), with the
    /// page's URL and fetch time.
    pub fn from_article(
        id: i64,
        article: &marsad_model::Article,
        page: &str,
        url: Option<&str>,
        fetched: Option<&str>,
    ) -> ArticleInput {
        ArticleInput {
            id,
            title: article.title.clone(),
            text: article.text(),
            outlet: article.outlet.clone(),
            published: article.published,
            fetched: fetched.map(str::to_string),
            url: url.map(str::to_string),
            page: Some(page.to_string()),
            role: match article.role {
                marsad_model::Role::Main => ArticleRole::Main,
                marsad_model::Role::Appended => ArticleRole::Appended,
            },
            byline: article.byline.clone(),
            original_source: article.original_source.clone(),
            entities: Vec::new(),
        }
    }

    /// An article of a clean corpus (SaudiNewsNet, ANT, JSON Lines); each is its own page.
    pub fn from_clean(id: i64, article: &marsad_model::CleanArticle) -> ArticleInput {
        ArticleInput {
            id,
            title: article.title.clone(),
            text: article.text.clone(),
            outlet: article.outlet.clone(),
            published: article.published,
            fetched: article.fetched.clone(),
            url: article.url.clone(),
            page: Some(article.source.clone()),
            role: ArticleRole::Main,
            byline: article.byline.clone(),
            original_source: None,
            entities: Vec::new(),
        }
    }
}
