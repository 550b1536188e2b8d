//! Every numeric threshold of the extractor, in one place, with a name.

/// A text block shorter than this (in characters) is "short": a label, a
/// date, a credit line. It neither proves nor disproves a container.
pub const MIN_PARAGRAPH_CHARS: usize = 25;

/// Above this share of link text a block is a link list, not prose.
pub const MAX_LINK_DENSITY: f32 = 0.5;

/// How much a short, link-free block counts against a container, per character.
pub const SHORT_BLOCK_PENALTY: f32 = 0.25;

/// How much a link-heavy block counts against a container, per character.
pub const LINK_BLOCK_PENALTY: f32 = 1.0;

/// Extra weight for a container whose class/id names an article body
/// (`article-body`, `entry-content`, `itemprop=articleBody`…).
pub const BODY_MARKER_BONUS: f32 = 1.15;

/// An article-body-named element inside the best container wins when it has
/// at least this share of the container's vote.
pub const MARKER_MIN_SHARE: f32 = 0.25;

/// Other article-body-named elements with this share of the strongest one's
/// vote are parts of the same body (split by an ad): their common ancestor wins.
pub const MARKER_SIBLING_SHARE: f32 = 0.2;

/// A pruning rule (class `sidebar`, `footer`, …) is ignored on an element that
/// holds at least this share of the page's visible text: it is a wrapper.
pub const WRAPPER_GUARD_SHARE: f32 = 0.6;

/// Same guard, measured on prose paragraphs: an element holding this share of
/// the page's prose `<p>` text is the article's wrapper, whatever its class.
pub const PROSE_GUARD_SHARE: f32 = 0.5;

/// A caption class on an element with more text than this is a layout
/// accident (a wrapper), not a caption.
pub const MAX_CAPTION_CHARS: usize = 600;

/// A body-marker element (`entry-content`…) with at least this much text
/// protects its ancestors from pruning rules (a `penci_sidebar` wrapper).
pub const MIN_BODY_MARKER_CHARS: usize = 500;

/// The main container needs at least this much prose (characters) to count as
/// an article; a section front of links has less.
pub const MIN_ARTICLE_CHARS: usize = 200;

/// Each of several `<article>` elements must carry this much prose to be
/// reported as a separate (appended) article.
pub const MIN_APPENDED_ARTICLE_CHARS: usize = 400;

/// Furniture text is cut to this many characters.
pub const MAX_FURNITURE_CHARS: usize = 300;

/// At most this many furniture entries per page.
pub const MAX_FURNITURE_ITEMS: usize = 40;

/// Bylines, sources and datelines longer than this are not what we think.
pub const MAX_BYLINE_CHARS: usize = 100;

/// A title suffix after `" | "` with at most this many words is a site name.
pub const MAX_SITE_SUFFIX_WORDS: usize = 4;

/// How many blocks from the top of an article are searched for a visible date.
pub const DATE_SEARCH_BLOCKS: usize = 12;

/// How many blocks above the headline are searched for its date (some
/// pages print the date line over the title).
pub const DATE_BLOCKS_ABOVE_HEADLINE: usize = 2;

/// A UTC timestamp from this hour on may be the next local day (UTC+4
/// and less: the Gulf, the Levant, Europe).
pub const UTC_HOUR_NEXT_LOCAL_DAY: u8 = 20;
/// A UTC timestamp before this hour may be the previous local day (UTC−5
/// and more: the Americas' east).
pub const UTC_HOUR_PREVIOUS_LOCAL_DAY: u8 = 5;

/// How many elements above a short block's first text are checked for a
/// date class (`<div class="date"><span><a>…`).
pub const DATE_CLASS_LEVELS: usize = 4;

/// Start tags nested deeper than this are dropped before parsing (their text
/// is kept): the HTML tree builder is quadratic in the nesting depth.
pub const MAX_NESTING_DEPTH: usize = 1_000;

/// Attributes of one tag beyond this many are dropped before parsing: the
/// tokenizer checks each new attribute against the tag's others, so a
/// million of them never finish.
pub const MAX_ATTRIBUTES: usize = 1_000;

/// When the DOM body has less than this share of the JSON-LD `articleBody`'s
/// characters, the JSON-LD body replaces it.
pub const LD_BODY_FALLBACK_SHARE: f32 = 0.3;

/// How many blocks at the top of a body are checked for a headline or a
/// date printed as plain text.
pub const LEADING_BLOCKS_CHECKED: usize = 3;
/// A block this short that is mostly a date is a date line, not body text.
pub const MAX_DATE_BLOCK_CHARS: usize = 120;
pub const MIN_DATE_BLOCK_COVERAGE: f32 = 0.6;
