//! Thresholds of text-dump extraction, in one place (as trafilatura's `settings.py`).
//! Lengths are in characters, counts in whitespace-separated words.

/// A line is body-like when it ends a sentence and has at least this many words…
pub const PARAGRAPH_MIN_WORDS: usize = 6;
/// …and at least this many characters.
pub const PARAGRAPH_MIN_CHARS: usize = 40;
/// Without closing punctuation a line must be this long to be body-like
/// (headlines, even long ones, stay below it).
pub const UNPUNCTUATED_PARAGRAPH_MIN_WORDS: usize = 20;
pub const UNPUNCTUATED_PARAGRAPH_MIN_CHARS: usize = 120;

/// Pages that do not punctuate: among lines of at least this many words…
pub const UNPUNCTUATED_PAGE_PROBE_WORDS: usize = 12;
/// …(and at least this many of them)…
pub const UNPUNCTUATED_PAGE_MIN_LINES: usize = 3;
/// …fewer than this share end a sentence. There, unpunctuated lines of
/// this many words and characters are prose.
pub const UNPUNCTUATED_PAGE_MAX_SHARE: f64 = 0.3;
pub const UNPUNCTUATED_PAGE_PARAGRAPH_MIN_WORDS: usize = 12;
pub const UNPUNCTUATED_PAGE_PARAGRAPH_MIN_CHARS: usize = 70;

/// A "read also" marker inside a body may head this many link titles.
pub const MAX_LINKS_AFTER_READ_ALSO: usize = 6;

/// A run of body lines survives this many unpunctuated short lines between
/// two paragraphs (a subheading); more means the article has ended.
pub const MAX_SHORT_LINES_IN_GAP: usize = 1;

/// An article absorbs a following smaller run of prose across at most this
/// many short lines (a list, a heading pair), when nothing ends it between.
pub const MAX_SHORT_LINES_IN_ABSORBED_GAP: usize = 4;

/// A run is an article with this many paragraphs and characters…
pub const ARTICLE_MIN_PARAGRAPHS: usize = 3;
pub const ARTICLE_MIN_CHARS: usize = 400;
/// …or with this many characters whatever its paragraph count.
pub const ARTICLE_MIN_CHARS_ANY: usize = 800;
/// The main article is the first article-sized run with at least this share
/// of the largest run's characters; smaller ones before it are furniture.
pub const MAIN_MIN_SHARE_OF_LARGEST: f64 = 0.4;
/// A run is a list of other stories, not an article, when more than this
/// share of its paragraphs sit right under their own headline…
pub const STORY_LIST_MIN_HEADED_SHARE: f64 = 0.7;
/// …or more than this share are teasers cut off with an ellipsis.
pub const STORY_LIST_MIN_TEASER_SHARE: f64 = 0.5;
/// When no run is an article, the longest run this long is taken as the main one.
pub const FALLBACK_ARTICLE_MIN_CHARS: usize = 200;

/// Title candidates: word range and longest length.
pub const TITLE_MIN_WORDS: usize = 3;
pub const TITLE_MAX_WORDS: usize = 35;
pub const TITLE_MAX_CHARS: usize = 250;
/// A line that ends like a sentence ("!", "؟", ".") may still be the
/// headline above a body when it has at most this many words.
pub const PUNCTUATED_TITLE_MAX_WORDS: usize = 20;
/// How many non-blank lines above the body the title may be.
pub const TITLE_LOOKBACK_LINES: usize = 20;
/// A subtitle (deck) between title and body has at least this many words.
pub const SUBTITLE_MIN_WORDS: usize = 5;
/// How many non-blank lines above the title a date line may sit.
pub const DATE_LOOKBACK_ABOVE_TITLE: usize = 3;

/// A line at least this covered by a date (and its labels) is a date line.
pub const DATE_LINE_MIN_COVERAGE: f32 = 0.6;
pub const DATE_LINE_MAX_CHARS: usize = 120;
/// When the header has no date line, a shorter line of it may carry the
/// date beside a name or label ("di Carla Massi 20 Novembre 2024").
pub const HEADER_DATE_LINE_MAX_CHARS: usize = 160;
/// …then the nearest date line up to this many non-blank lines higher…
pub const DATE_HEADER_LOOKBACK_LINES: usize = 16;
/// …and failing all, a date line among this many first lines of the body.
pub const BODY_DATE_LOOKAHEAD_LINES: usize = 12;

/// A short line inside a body that repeats the opening of a paragraph with
/// at least this many words is a caption.
pub const CAPTION_REPEAT_MIN_WORDS: usize = 5;
/// Captions with a trailing credit stay below this length.
pub const CAPTION_MAX_CHARS: usize = 320;
/// Interstitial links ("شاهد أيضاً: …") stay below this length.
pub const INTERSTITIAL_MAX_CHARS: usize = 300;
/// Headers of related, comment and footer blocks are short.
pub const BLOCK_HEADER_MAX_WORDS: usize = 6;
pub const FOOTER_LINE_MAX_WORDS: usize = 14;
/// A line of any length naming this many footer links is a footer.
pub const FOOTER_MIN_CUES_ANY_LENGTH: usize = 3;
/// A "©" line longer than this, with no other footer cue, is a photo credit.
pub const COPYRIGHT_FOOTER_MAX_WORDS: usize = 8;
pub const BYLINE_MAX_WORDS: usize = 8;
pub const SHARE_LINE_MAX_WORDS: usize = 6;

/// A breadcrumb's items ("الرئيسية > أخبار > العالم") have at most this many words.
pub const BREADCRUMB_PART_MAX_WORDS: usize = 4;

/// Menus run together by the scraper show as one "word" this long.
pub const RUN_TOGETHER_MIN_LETTERS: usize = 24;

/// Merged headings: the heading part has at most this many words, and the
/// paragraph after it at least this many.
pub const MERGED_HEADING_MAX_WORDS: usize = 10;
pub const MERGED_HEADING_MIN_REST_WORDS: usize = 6;

/// A site name atop the page has at most this many words.
pub const MASTHEAD_MAX_WORDS: usize = 3;

/// A line naming a known source ("سي إن إن", "(CNN)") has at most this many words.
pub const KNOWN_SOURCE_MAX_WORDS: usize = 4;

/// "تابعونا على موقع X" names the outlet on a furniture line of at most this
/// many words; in a paragraph "على موقع X" is any site the story mentions.
pub const SITE_MENTION_MAX_WORDS: usize = 8;

/// A byline or source credit belonging to an article stands within this many
/// non-blank lines after its body, before any footer or menu.
pub const CREDIT_LOOKAHEAD_LINES: usize = 4;

/// The title choice (`title.rs`) weighs every headline-sized line of an
/// article's header. A line gains when a deck (a longer summary, then more
/// header) follows it…
pub const TITLE_DECK_BELOW_BONUS: i32 = 2;
/// …when a by-line or dateline follows it…
pub const TITLE_META_BELOW_BONUS: i32 = 1;
/// …and when the page prints it again (a `<title>` copy, a breadcrumb).
pub const TITLE_REPEATED_BONUS: i32 = 1;
/// It loses when it reads as a credit (a name, "NAME - CITY", "By X", a
/// photo credit, a date or a clock time) or ends with a colon…
pub const TITLE_CREDIT_PENALTY: i32 = 3;
/// …when it is a menu item or section name (a list bullet; a short line
/// that repeats or sits among short lines)…
pub const TITLE_MENU_PENALTY: i32 = 2;
/// …when it ends with a full stop, as captions do…
pub const TITLE_FULL_STOP_PENALTY: i32 = 1;
/// …when it is longer than headlines usually are…
pub const TITLE_LONG_PENALTY: i32 = 1;
pub const TITLE_USUAL_MAX_WORDS: usize = 20;
/// …and when it stands below the by-line (headlines stand above it; a
/// dateline may stand above or below).
pub const TITLE_BELOW_BYLINE_PENALTY: i32 = 1;
/// A deck has at least this many more words than its headline, and this
/// many words at least.
pub const DECK_MIN_EXTRA_WORDS: usize = 2;
pub const DECK_MIN_WORDS: usize = 8;
/// Section names and menu items have at most this many words.
pub const SECTION_NAME_MAX_WORDS: usize = 4;
/// Credit lines ("Von Robin Amberg, Volontär (Sport)") have at most this many words…
pub const CREDIT_LINE_MAX_WORDS: usize = 8;
/// …"By" and at most this many words of any case…
pub const CREDIT_NAME_MAX_WORDS: usize = 3;
/// …and "NAME - CITY" at most this many on each side of the dash.
pub const NAME_CITY_PART_MAX_WORDS: usize = 3;
/// A line at least this covered by a date is a credit or dateline, not a headline.
pub const TITLE_MAX_DATE_COVERAGE: f32 = 0.25;
