//! Page metadata, trusting structured data first: JSON-LD, then OpenGraph and
//! other `<meta>` tags, then `<time datetime>`, then visible text.

use serde_json::Value;
use thiserror::Error;

use crate::dom::{attr, Data, Dom, Tag};
use crate::settings::MAX_SITE_SUFFIX_WORDS;

/// Why one JSON-LD script was not used (logged at debug level, never fatal).
#[derive(Debug, Error)]
pub(crate) enum JsonLdError {
    #[error("JSON-LD script is not valid JSON: {0}")]
    Syntax(#[from] serde_json::Error),
}

/// One `Article`-like JSON-LD object.
#[derive(Debug, Clone, Default)]
pub(crate) struct LdArticle {
    pub headline: Option<String>,
    pub date_published: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub body: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub title_tag: Option<String>,
    pub og_title: Option<String>,
    pub twitter_title: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub ld_articles: Vec<LdArticle>,
    /// `datePublished` of a non-article JSON-LD object (WebPage…), a fallback.
    pub ld_page_date: Option<String>,
    pub ld_publisher: Option<String>,
}

/// JSON-LD `@type`s that describe one article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
];

/// `<meta>` names/properties that carry the publication time, best first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "date",
    // htmldate's list of original-publication names (core.py DATE_ATTRIBUTES), after ours.
    "article:published",
    "article:published_date",
    "article:post_date",
    "article:publicationdate",
    "article.created",
    "article_date_original",
    "og:article:published_time",
    "og:article:published",
    "og:datepublished",
    "og:pubdate",
    "og:publish_date",
    "citation_publication_date",
    "citation_date",
    "dc.date",
    "dc.created",
    "dc.date.created",
    "dc.date.publication",
    "dc:date",
    "dc:created",
    "dcterms.date",
    "dcterms.issued",
    "date_published",
    "date_created",
    "datecreated",
    "dateposted",
    "published_time",
    "published-date",
    "published_date",
    "publisheddate",
    "publication_date",
    "publish_time",
    "originalpublicationdate",
    "displaydate",
    "doc_date",
    "pdate",
    "ptime",
    "rbpubdate",
    "rnews:datepublished",
    "bt:pubdate",
    "shareaholic:article_published_time",
    "twt-published-at",
    "vr:published_time",
    "mediator_published_time",
    "cxenseparse:recs:publishtime",
    "analyticsattributes.articledate",
    "content_create_date",
    "created",
];

const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "dc.creator",
    "byl",
];

/// Reads `<html>`, `<title>`, `<meta>` and JSON-LD scripts.
pub(crate) fn read(dom: &Dom<'_>) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut published_rank = usize::MAX;
    for (i, node) in dom.nodes.iter().enumerate() {
        let Data::Element(e) = node.data else {
            continue;
        };
        match node.tag {
            Tag::Html => {
                meta.lang = non_empty(attr(e, "lang").or_else(|| attr(e, "xml:lang")));
                meta.dir = non_empty(attr(e, "dir"));
            }
            Tag::Title if meta.title_tag.is_none() => {
                meta.title_tag = non_empty(Some(&dom.text_of(i as u32)));
            }
            Tag::Meta => {
                let key = e
                    .attr("property")
                    .or_else(|| attr(e, "name"))
                    .or_else(|| attr(e, "itemprop"))
                    .or_else(|| attr(e, "http-equiv"));
                let (Some(key), Some(content)) = (key, attr(e, "content")) else {
                    continue;
                };
                let key = key.trim().to_ascii_lowercase();
                match key.as_str() {
                    "og:title" if meta.og_title.is_none() => {
                        meta.og_title = non_empty(Some(content))
                    }
                    "twitter:title" if meta.twitter_title.is_none() => {
                        meta.twitter_title = non_empty(Some(content))
                    }
                    "og:site_name" | "application-name" if meta.site_name.is_none() => {
                        meta.site_name = non_empty(Some(content))
                    }
                    "content-language" if meta.lang.is_none() => {
                        meta.lang = non_empty(content.split(',').next())
                    }
                    k => {
                        if let Some(rank) = PUBLISHED_META.iter().position(|m| *m == k) {
                            if rank < published_rank && !content.trim().is_empty() {
                                published_rank = rank;
                                meta.published = non_empty(Some(content));
                            }
                        } else if AUTHOR_META.contains(&k)
                            && meta.author.is_none()
                            && !content.contains("://")
                        {
                            meta.author = non_empty(Some(content));
                        }
                    }
                }
            }
            Tag::Script if attr(e, "type").is_some_and(|t| t.contains("ld+json")) => {
                let text = script_text(dom, i as u32);
                if let Err(err) = read_json_ld(&text, &mut meta) {
                    // Some sites put raw newlines inside strings; try once more.
                    let cleaned: String = text
                        .chars()
                        .map(|c| if c.is_control() { ' ' } else { c })
                        .collect();
                    if read_json_ld(&cleaned, &mut meta).is_err() {
                        let _ = err;
                    }
                }
            }
            _ => {}
        }
    }
    meta
}

fn script_text(dom: &Dom<'_>, idx: u32) -> String {
    let mut s = String::new();
    for n in &dom.nodes[idx as usize + 1..dom.nodes[idx as usize].end as usize] {
        if let Data::Text(t) = n.data {
            s.push_str(t);
        }
    }
    s
}

fn read_json_ld(text: &str, meta: &mut PageMeta) -> Result<(), JsonLdError> {
    // Some pages put several objects one after another in one script: read
    // them all, up to the first that does not parse.
    let mut values: Vec<Value> = Vec::new();
    for value in serde_json::Deserializer::from_str(text.trim()).into_iter::<Value>() {
        match value {
            Ok(v) => values.push(v),
            Err(e) if values.is_empty() => return Err(e.into()),
            Err(_) => break,
        }
    }
    // Explicit stack: top-level arrays and `@graph`s nest arbitrarily.
    let mut stack: Vec<&Value> = values.iter().rev().collect();
    let mut found: Vec<LdArticle> = Vec::new();
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(obj) => {
                if let Some(graph) = obj.get("@graph") {
                    stack.push(graph);
                }
                if has_type(obj.get("@type"), ARTICLE_TYPES) {
                    found.push(ld_article(obj));
                } else {
                    if meta.ld_page_date.is_none() {
                        meta.ld_page_date = obj
                            .get("datePublished")
                            .and_then(Value::as_str)
                            .and_then(|s| non_empty(Some(s)));
                    }
                    if meta.ld_publisher.is_none()
                        && has_type(
                            obj.get("@type"),
                            &["Organization", "NewsMediaOrganization", "WebSite"],
                        )
                    {
                        meta.ld_publisher = obj
                            .get("name")
                            .and_then(Value::as_str)
                            .and_then(|s| non_empty(Some(s)));
                    }
                    if let Some(main) = obj.get("mainEntity") {
                        stack.push(main);
                    }
                }
            }
            _ => {}
        }
    }
    meta.ld_articles.extend(found);
    Ok(())
}

fn has_type(t: Option<&Value>, wanted: &[&str]) -> bool {
    let one = |s: &str| {
        let s = s.rsplit('/').next().unwrap_or(s);
        wanted.contains(&s)
    };
    match t {
        Some(Value::String(s)) => one(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(one),
        _ => false,
    }
}

fn ld_article(obj: &serde_json::Map<String, Value>) -> LdArticle {
    let string = |key: &str| {
        obj.get(key)
            .and_then(Value::as_str)
            .and_then(|s| non_empty(Some(s)))
    };
    let mut authors = Vec::new();
    if let Some(a) = obj.get("author").or_else(|| obj.get("creator")) {
        collect_names(a, &mut authors);
    }
    let publisher = match obj.get("publisher") {
        Some(Value::Object(p)) => p
            .get("name")
            .and_then(Value::as_str)
            .and_then(|s| non_empty(Some(s))),
        Some(Value::String(s)) => non_empty(Some(s)),
        Some(Value::Array(a)) => a
            .iter()
            .find_map(|p| p.get("name").and_then(Value::as_str))
            .and_then(|s| non_empty(Some(s))),
        _ => None,
    };
    LdArticle {
        headline: string("headline").or_else(|| string("name")),
        date_published: string("datePublished").or_else(|| string("dateCreated")),
        authors,
        publisher,
        body: string("articleBody"),
    }
}

fn collect_names(v: &Value, out: &mut Vec<String>) {
    let mut push = |s: &str| {
        let s = collapse(s);
        if !s.is_empty() && !s.contains("://") && !out.contains(&s) {
            out.push(s);
        }
    };
    match v {
        Value::String(s) => push(s),
        Value::Object(o) => {
            if let Some(s) = o.get("name").and_then(Value::as_str) {
                push(s);
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::String(s) => push(s),
                    Value::Object(o) => {
                        if let Some(s) = o.get("name").and_then(Value::as_str) {
                            push(s);
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Whitespace-collapsed, trimmed copy; `None` when empty.
pub(crate) fn non_empty(s: Option<&str>) -> Option<String> {
    let s = collapse(s?);
    (!s.is_empty()).then_some(s)
}

pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    crate::dom::push_collapsed(&mut out, s, &mut pending);
    out
}

/// Separators between a headline and a site name in `<title>`/`og:title`.
pub(crate) const TITLE_SEPARATORS: &[&str] =
    &[" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " ｜ "];

/// Removes a site-name prefix or suffix: one that names the outlet, or a
/// short one after `" | "`.
pub(crate) fn clean_title(title: &str, outlet: Option<&str>) -> String {
    let title = collapse(title);
    let names_outlet = |part: &str| {
        let part = part.trim().to_lowercase();
        outlet.is_some_and(|o| {
            let o = o.trim().to_lowercase();
            !o.is_empty() && (part == o || part.contains(&o) || o.contains(&part))
        })
    };
    for sep in TITLE_SEPARATORS {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            let short = tail.split_whitespace().count() <= MAX_SITE_SUFFIX_WORDS;
            if !head.trim().is_empty()
                && (names_outlet(tail)
                    || (*sep == " | " && short && head.chars().count() > tail.chars().count()))
            {
                return head.trim().to_string();
            }
        }
        if let Some(pos) = title.find(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            if !tail.trim().is_empty() && names_outlet(head) {
                return tail.trim().to_string();
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_names() {
        assert_eq!(clean_title("عنوان الخبر | الجزيرة نت", None), "عنوان الخبر");
        assert_eq!(
            clean_title("Big news today - Site Name", Some("Site Name")),
            "Big news today"
        );
        assert_eq!(
            clean_title("Site Name - Big news today", Some("Site Name")),
            "Big news today"
        );
        assert_eq!(
            clean_title("Spider-Man - a review", None),
            "Spider-Man - a review"
        );
    }
}
