//! Class/id patterns and cue phrases, grouped by purpose (after trafilatura's
//! `xpaths.py`: body, comments, discard, teasers). All matching is done on the
//! ASCII-lowercased `class` and `id` attribute values.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use marsad_model::FurnitureKind;

/// A named group of class/id patterns.
pub(crate) struct PatternGroup {
    /// Matches when the lowercased `class` or `id` contains one of these.
    pub contains: &'static [&'static str],
    /// Matches when a class token or the id starts with one of these.
    pub prefixes: &'static [&'static str],
    /// Matches when a class token or the id equals one of these.
    pub tokens: &'static [&'static str],
}

#[cfg(test)]
impl PatternGroup {
    /// `attrs` is the lowercased `class` and `id` joined by a space.
    pub fn matches(&self, attrs: &str) -> bool {
        if self.contains.iter().any(|p| attrs.contains(p)) {
            return true;
        }
        attrs.split_ascii_whitespace().any(|tok| {
            (!is_state_token(tok) && self.prefixes.iter().any(|p| tok.starts_with(p)))
                || self.tokens.contains(&tok)
        })
    }
}

/// Containers that name an article body.
pub(crate) const BODY: PatternGroup = PatternGroup {
    contains: &[
        "post-text",
        "post_text",
        "post-body",
        "post-entry",
        "postentry",
        "post-content",
        "post_content",
        "postcontent",
        "article-text",
        "articletext",
        "article_text",
        "entry-content",
        "article-content",
        "article_content",
        "article__content",
        "article-body",
        "article_body",
        "article__body",
        "articlebody",
        "story-body",
        "storybody",
        "story-content",
        "storycontent",
        "story_content",
        "content-body",
        "content__body",
        "body-text",
        "bodytext",
        "article__container",
        "art-content",
        "field-body",
        "fulltext",
        "text-content",
        "article-details",
        "details-body",
        "news-content",
        "news_content",
        "news-body",
        "newsbody",
        "article-main",
    ],
    prefixes: &[],
    tokens: &["post", "entry", "story", "articletext"],
};

/// Comment sections: always removed, whatever their size.
pub(crate) const COMMENTS: PatternGroup = PatternGroup {
    contains: &[
        "commentlist",
        "comment-list",
        "comments-list",
        "comments-content",
        "post-comments",
        "article-comments",
        "disqus",
        "dsq-comments",
        "comments-title",
        "nocomments",
        "reader-comments",
        "user-comments",
        "fb-comments",
        "comments-area",
        "comment-respond",
    ],
    prefixes: &["comment", "comol", "respond", "reply-"],
    tokens: &["comments"],
};

/// Share bars and social widgets.
pub(crate) const SHARE: PatternGroup = PatternGroup {
    contains: &[
        "share-",
        "sharing",
        "social",
        "sociable",
        "syndication",
        "addthis",
        "sharethis",
        "a2a_kit",
        "dpsp-content",
    ],
    prefixes: &["shar", "jp-", "share"],
    tokens: &["share", "print"],
};

/// "Related", "most read", teasers and recommendation widgets.
pub(crate) const RELATED: PatternGroup = PatternGroup {
    contains: &[
        "related",
        "viral",
        "most-popular",
        "mostpopular",
        "most_popular",
        "most-read",
        "mostread",
        "most_read",
        "popular-",
        "recommend",
        "outbrain",
        "taboola",
        "teaser",
        "side-stories",
        "more-stories",
        "read-more",
        "readmore",
        "read-also",
        "readalso",
        "see-also",
        "also-read",
        "next-article",
        "more-news",
        "trending",
        "suggest-links",
        "zergnet",
    ],
    prefixes: &["next-"],
    tokens: &["popular", "more"],
};

/// Navigation, menus, breadcrumbs, pagination.
pub(crate) const NAVIGATION: PatternGroup = PatternGroup {
    contains: &[
        "navigation",
        "navbar",
        "navbox",
        "subnav",
        "menu",
        "breadcrumb",
        "bread-crumb",
        "pagination",
        "skip-link",
        "skiplink",
    ],
    prefixes: &["nav", "post-nav"],
    tokens: &[],
};

/// Page and article footers.
pub(crate) const FOOTER: PatternGroup = PatternGroup {
    contains: &["footer"],
    prefixes: &[],
    tokens: &[],
};

/// Tag and keyword lists.
pub(crate) const TAGS: PatternGroup = PatternGroup {
    contains: &["tags", "tag-list", "taglist", "keywords", "topics-list"],
    prefixes: &[],
    tokens: &["tag"],
};

/// Everything else that is never article text: banners, cookie notices,
/// newsletters, sidebars, bylines and meta lines, ads, paywalls, modals.
pub(crate) const OTHER: PatternGroup = PatternGroup {
    contains: &[
        "cookie",
        "consent",
        "gdpr",
        "newsletter",
        "subscribe",
        "signup",
        "sign-up",
        "sidebar",
        "banner",
        "widget",
        "byline",
        "author",
        "timestamp",
        "dateline-",
        "rating",
        "user-info",
        "user-profile",
        "-ad-",
        "ad-slot",
        "adslot",
        "ad-container",
        "ad-wrapper",
        "adsbygoogle",
        "advert",
        "dfp-",
        "sponsor",
        "promo",
        "criteo",
        "paywall",
        "premium-",
        "paid-content",
        "paidcontent",
        "modal",
        "lightbox",
        "popup",
        "message-container",
        "article-infos",
        "infoline",
        "print-only",
        "noprint",
        "button",
        "toolbar",
        "meta",
        "slideshow",
        "carousel",
        "video-player",
    ],
    prefixes: &["ad-", "ads-", "hide-"],
    tokens: &[
        "ad",
        "ads",
        "adv",
        "advertisement",
        "aside",
        "tools",
        "date",
        "time",
    ],
};

/// Elements that are present but not shown.
pub(crate) const HIDDEN: PatternGroup = PatternGroup {
    contains: &[],
    prefixes: &[],
    tokens: &[
        "hidden",
        "hide",
        "d-none",
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "screen-reader-text",
        "screen-reader-only",
        "element-invisible",
        "offscreen",
        "is-hidden",
    ],
};

/// Image captions and credits.
pub(crate) const CAPTION: PatternGroup = PatternGroup {
    contains: &[
        "caption",
        "wp-caption",
        "img-desc",
        "image-desc",
        "photo-desc",
    ],
    prefixes: &[],
    tokens: &["credit", "photo-credit", "image-credit"],
};

/// Byline containers (read for metadata, not body text).
pub(crate) const BYLINE: PatternGroup = PatternGroup {
    contains: &[
        "byline",
        "author-name",
        "authorname",
        "author_name",
        "writer",
        "article-author",
    ],
    prefixes: &[],
    tokens: &["author"],
};

/// Standfirst/subtitle containers.
pub(crate) const SUBTITLE: PatternGroup = PatternGroup {
    contains: &[
        "subtitle",
        "sub-title",
        "standfirst",
        "article-summary",
        "sub-headline",
        "subheadline",
    ],
    prefixes: &[],
    tokens: &["lead", "excerpt"],
};

/// The pattern groups, as bits of a [`Groups`] set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    Body,
    Comments,
    Share,
    Related,
    Navigation,
    Footer,
    Tags,
    Other,
    Hidden,
    Caption,
    Byline,
    Subtitle,
}

const ALL_GROUPS: [(Group, &PatternGroup); 12] = [
    (Group::Body, &BODY),
    (Group::Comments, &COMMENTS),
    (Group::Share, &SHARE),
    (Group::Related, &RELATED),
    (Group::Navigation, &NAVIGATION),
    (Group::Footer, &FOOTER),
    (Group::Tags, &TAGS),
    (Group::Other, &OTHER),
    (Group::Hidden, &HIDDEN),
    (Group::Caption, &CAPTION),
    (Group::Byline, &BYLINE),
    (Group::Subtitle, &SUBTITLE),
];

/// Furniture groups in the order they are tried; the first match names the kind.
pub(crate) const DISCARD: &[(FurnitureKind, Group)] = &[
    (FurnitureKind::Comments, Group::Comments),
    (FurnitureKind::Share, Group::Share),
    (FurnitureKind::Related, Group::Related),
    (FurnitureKind::Navigation, Group::Navigation),
    (FurnitureKind::Footer, Group::Footer),
    (FurnitureKind::Tags, Group::Tags),
    (FurnitureKind::Other, Group::Other),
];

/// The set of groups a `class`/`id` string matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Groups(u16);

impl Groups {
    pub fn has(self, g: Group) -> bool {
        self.0 & (1 << g as u16) != 0
    }
}

/// All groups compiled into one automaton (substrings) and two small tables
/// (tokens, prefixes), so an element is matched in one pass over its classes.
struct Matcher {
    contains: AhoCorasick,
    contains_groups: Vec<u16>,
    tokens: HashMap<&'static str, u16>,
    prefixes: Vec<(&'static str, u16)>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut patterns: Vec<&'static str> = Vec::new();
    let mut contains_groups = Vec::new();
    let mut tokens: HashMap<&'static str, u16> = HashMap::new();
    let mut prefixes: Vec<(&'static str, u16)> = Vec::new();
    for (g, group) in ALL_GROUPS {
        let bit = 1u16 << g as u16;
        for p in group.contains {
            patterns.push(p);
            contains_groups.push(bit);
        }
        for t in group.tokens {
            *tokens.entry(t).or_default() |= bit;
        }
        for p in group.prefixes {
            prefixes.push((p, bit));
        }
    }
    // The pattern list is static data: building the automaton cannot fail.
    let contains = AhoCorasick::new(&patterns).unwrap_or_else(|e| panic!("pattern table: {e}"));
    Matcher {
        contains,
        contains_groups,
        tokens,
        prefixes,
    }
});

/// The groups whose patterns the lowercased `class id` string matches.
/// Class tokens ending so say what state an element is in (comments are
/// switched on, a counter), not that it is a comment thread or a share bar.
const STATE_SUFFIXES: &[&str] = &[
    "-enabled",
    "-disabled",
    "-open",
    "-closed",
    "-allowed",
    "-count",
];

fn is_state_token(tok: &str) -> bool {
    STATE_SUFFIXES.iter().any(|s| tok.ends_with(s))
}

pub(crate) fn groups_of(attrs: &str) -> Groups {
    if attrs.is_empty() {
        return Groups(0);
    }
    let m = &*MATCHER;
    let mut bits = 0u16;
    for hit in m.contains.find_overlapping_iter(attrs) {
        bits |= m.contains_groups[hit.pattern().as_usize()];
    }
    for tok in attrs.split_ascii_whitespace() {
        if let Some(b) = m.tokens.get(tok) {
            bits |= b;
        }
        // `comments-enabled`, `share-count`: a state of the element, not its kind.
        if is_state_token(tok) {
            continue;
        }
        for (p, b) in &m.prefixes {
            if tok.starts_with(p) {
                bits |= b;
            }
        }
    }
    Groups(bits)
}

/// A block whose text starts with one of these opens a "related links" list.
pub(crate) const RELATED_CUES: &[&str] = &[
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "إقرأ أيضا",
    "إقرأ أيضاً",
    "اقرأ ايضا",
    "اقرأ ايضاً",
    "اقرا ايضا",
    "إقرأ ايضا",
    "اقرأ المزيد",
    "شاهد أيضا",
    "شاهد أيضاً",
    "شاهد ايضا",
    "شاهد ايضاً",
    "مواضيع ذات صلة",
    "موضوعات ذات صلة",
    "أخبار ذات صلة",
    "اخبار ذات صلة",
    "مقالات ذات صلة",
    "الأكثر قراءة",
    "الاكثر قراءة",
    "read more",
    "read also",
    "see also",
    "related:",
    "related articles",
    "related stories",
    "more from",
    "most read",
    "most popular",
];

/// Class, id or attribute-name fragments of the kicker (the short label a
/// headline element starts with: topic, "Meinung", "LIVE"): German
/// `Dachzeile`/`Spitzmarke`, English overline, eyebrow, kicker.
pub(crate) const KICKER_MARKERS: &[&str] = &[
    "kicker",
    "overline",
    "topline",
    "roofline",
    "dachzeile",
    "spitzmarke",
    "eyebrow",
    "supertitle",
    "pretitle",
];

/// A block that is exactly one of these is page furniture (share labels, ads).
pub(crate) const NOISE_LINES: &[&str] = &[
    "advertisement",
    "advertisements",
    "sponsored",
    "إعلان",
    "اعلان",
    "شارك",
    "شارك الخبر",
    "مشاركة",
    "share",
    "share this",
    "share this article",
    "tweet",
    "print",
    "email",
];

/// Lines naming where a story comes from: `المصدر: وكالات`.
pub(crate) const SOURCE_CUES: &[&str] = &["المصدر", "المصدر :", "source", "sources"];

/// News agencies credited at the start or end of a story.
pub(crate) const AGENCIES: &[&str] = &[
    "وكالات",
    "رويترز",
    "فرانس برس",
    "أ ف ب",
    "أ.ف.ب",
    "الأناضول",
    "الاناضول",
    "أسوشيتد برس",
    "د ب أ",
    "وام",
    "واس",
    "سانا",
    "قنا",
    "كونا",
    "بنا",
    "Reuters",
    "AFP",
    "Associated Press",
    "AP",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_match_tokens_prefixes_and_substrings() {
        assert!(RELATED.matches("box related-posts"));
        assert!(SHARE.matches("sharebar x"));
        assert!(!SHARE.matches("marshal"));
        assert!(HIDDEN.matches("foo hidden"));
        assert!(!HIDDEN.matches("hidden-xs"));
        assert!(BODY.matches("article-body clearfix"));
        assert!(COMMENTS.matches("comments"));
        assert!(!COMMENTS.matches("article comments-enabled"));
    }

    #[test]
    fn automaton_agrees_with_the_groups() {
        for s in [
            "box related-posts",
            "sharebar x",
            "marshal",
            "foo hidden",
            "hidden-xs",
            "article-body clearfix",
            "comments",
            "comments-enabled",
            "site-footer",
            "menu-item nav-main",
            "wp-caption",
            "byline author",
            "entry",
        ] {
            let g = groups_of(s);
            for (group, pg) in ALL_GROUPS {
                assert_eq!(g.has(group), pg.matches(s), "{s:?} {group:?}");
            }
        }
    }
}
