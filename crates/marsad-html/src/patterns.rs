//! Class/id patterns and cue phrases, grouped by purpose (after trafilatura's
//! `xpaths.py`: body, comments, discard, teasers). All matching is done on the
//! ASCII-lowercased `class` and `id` attribute values.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use marsad_model::cues::{self, CueList};
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

/// The cue phrases of [`marsad_model::cues`] the HTML extractor asks about,
/// folded once per process. Blocks are matched in marsad-text's matching
/// form, like the text-dump extractor's lines.
pub(crate) struct Cues {
    read_also: CueList,
    related_headers: CueList,
    noise: CueList,
    source_labels: CueList,
    agencies: CueList,
    byline_prefixes: CueList,
}

/// How much of a block's start is folded to look for a leading cue.
const CUE_HEAD_CHARS: usize = 80;

pub(crate) static CUES: LazyLock<Cues> = LazyLock::new(|| {
    use cues::SourceKind::{Agency, Generic};
    let noise: Vec<&str> = [cues::DEBRIS_LINES, cues::SHARE_PREFIXES, cues::SHARE_WORDS].concat();
    Cues {
        read_also: CueList::new(cues::READ_ALSO_PREFIXES),
        related_headers: CueList::new(cues::RELATED_HEADERS),
        noise: CueList::new(&noise),
        source_labels: CueList::new(cues::SOURCE_LABELS),
        agencies: CueList::new(&cues::source_spellings(&[Agency, Generic])),
        byline_prefixes: CueList::new(cues::BYLINE_PREFIXES),
    }
});

/// The first [`CUE_HEAD_CHARS`] characters of `text`.
fn head(text: &str) -> &str {
    let end = text
        .char_indices()
        .nth(CUE_HEAD_CHARS)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

impl Cues {
    /// Whether a block opens a list of links to other stories: a read-also
    /// prefix ("اقرأ أيضا: …"), or a related-list header standing alone, before
    /// a colon, or as a heading ("More from CNN").
    pub fn opens_related(&self, text: &str, heading: bool) -> bool {
        let f = cues::fold(head(text));
        if self.read_also.prefix_of(&f).is_some() {
            return true;
        }
        self.related_headers.prefix_of(&f).is_some_and(|p| {
            let rest = f[p.len()..].trim_start();
            heading || rest.is_empty() || rest.starts_with([':', '|', '-', '–'])
        })
    }

    /// A block that is only a share label, a network's name or an ad label.
    pub fn is_noise(&self, text: &str) -> bool {
        let t =
            text.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c == ':');
        t.len() <= 4 * CUE_HEAD_CHARS && self.noise.is_exactly(&cues::fold(t))
    }

    /// `المصدر: الجزيرة + وكالات` → `الجزيرة + وكالات` (as printed).
    pub fn source_label_rest<'t>(&self, text: &'t str) -> Option<&'t str> {
        let t = text.trim();
        let folded = marsad_text::normalize_with_offsets(head(t));
        let label = self.source_labels.prefix_of(&folded.text)?;
        let rest = t[folded.original_range(0..label.len()).end..].trim_start();
        let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
        Some(rest.trim())
    }

    /// The name after a by-line prefix ("بقلم: سارة محمود", "By Jane Roe",
    /// "كتبت - ليلى حسن"), or the text as it is when it has none. The by-line
    /// element's class already says it is one, so no colon is needed.
    pub fn byline_rest<'t>(&self, text: &'t str) -> &'t str {
        let t = text.trim();
        let folded = marsad_text::normalize_with_offsets(head(t));
        let Some(prefix) = self.byline_prefixes.prefix_of(&folded.text) else {
            return t;
        };
        let rest = t[folded.original_range(0..prefix.len()).end..]
            .trim_start_matches([':', '：', '-', '–', '|', ' '])
            .trim();
        if rest.is_empty() {
            t
        } else {
            rest
        }
    }

    /// Whether a whole block names an agency ("رويترز", "أ.ف.ب", "AP").
    pub fn is_agency(&self, text: &str) -> bool {
        text.len() <= 4 * CUE_HEAD_CHARS && self.agencies.is_exactly(&cues::fold(text))
    }
}

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
    fn agencies_are_the_shared_list() {
        // Missing from the HTML extractor's own list before the vocabulary was one.
        for name in ["سبوتنيك", "تاس", "شينخوا", "بترا", "أ.ف.ب", "AP", "وكالات"]
        {
            assert!(CUES.is_agency(name), "{name}");
        }
        assert!(!CUES.is_agency("قناة"));
    }

    #[test]
    fn cues_are_matched_in_the_folded_form() {
        // Hamza, alef and tanween variants are not spelled out in the list.
        assert!(CUES.opens_related("إقرأ أيضاً: عنوان آخر", false));
        assert!(CUES.opens_related("اقرا ايضا عنوان آخر", false));
        assert!(CUES.opens_related("الاكثر قراءة", false));
        assert!(CUES.opens_related("More from CNN", true));
        assert!(!CUES.opens_related("المزيد من القذائف سقطت على المدينة", false));
        assert!(!CUES.opens_related("Related to the talks, officials said", false));
        assert!(CUES.is_noise("شارك الخبر"));
        assert!(CUES.is_noise("Share this article"));
        assert!(!CUES.is_noise("شارك آلاف المتظاهرين في المسيرة"));
        assert_eq!(
            CUES.source_label_rest("المصدر : الجزيرة + وكالات"),
            Some("الجزيرة + وكالات")
        );
        assert_eq!(CUES.source_label_rest("Source: Reuters"), Some("Reuters"));
        assert_eq!(CUES.byline_rest("بقلم: سارة محمود"), "سارة محمود");
        assert_eq!(CUES.byline_rest("By Jane Roe"), "Jane Roe");
        assert_eq!(CUES.byline_rest("كتبت - ليلى حسن"), "ليلى حسن");
        assert_eq!(
            CUES.byline_rest("إعداد: خالد عبد الرحمن"),
            "خالد عبد الرحمن"
        );
        // A name that starts like a prefix is not cut ("Byron"), nor a bare prefix.
        assert_eq!(CUES.byline_rest("Byron Tau"), "Byron Tau");
        assert_eq!(CUES.byline_rest("بقلم"), "بقلم");
        assert_eq!(CUES.source_label_rest("مصادر: لا"), None);
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
