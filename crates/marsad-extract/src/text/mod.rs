//! Articles from plain-text dumps of news pages.
//!
//! The approach follows jusText and trafilatura, adapted to dumps that have
//! lost their markup: every line is first classified on its own
//! ([`line::LineKind`]: body-like prose, short text, or a kind of furniture
//! recognised by named cue phrases); then body-like lines are grouped into
//! runs that survive captions, planted links and one subheading between two
//! paragraphs (context smoothing); runs long enough become articles, split
//! apart where a block boundary (tags, footer, related list, "read also"
//! marker, a source credit) stands between them; finally each article gets
//! its title, subtitle, date, byline and sources from the lines around it.

use marsad_model::cues;
mod line;
mod merged_heading;
pub mod settings;
mod title;

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use marsad_model::{
    Article, Caption, ExtractedPage, Furniture, FurnitureKind, Page, Paragraph, ParagraphKind, Role,
};

use line::{Cues, Line, LineKind};
use merged_heading::{split_merged_heading, Vocabulary};
use settings::*;

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(Cues::new)
}

/// Extract the articles of a text dump.
pub fn extract_text(page: &Page) -> ExtractedPage {
    let cues = cues();
    let mut lines: Vec<Line> = line::split_lines(&page.content)
        .into_iter()
        .map(|(n, t)| Line::new(n, t, cues))
        .collect();
    let arabic: usize = lines.iter().map(|l| l.arabic_letters).sum();
    let latin: usize = lines.iter().map(|l| l.latin_letters).sum();
    let arabic_page = arabic >= latin;
    let (lang, dir) = match (arabic, latin) {
        (0, 0) => (None, None),
        (a, l) if a >= l => (Some("ar".to_string()), Some("rtl".to_string())),
        _ => (Some("en".to_string()), Some("ltr".to_string())),
    };
    promote_unpunctuated_prose(&mut lines);
    demote_repeated_lines(&mut lines);
    resolve_read_also_markers(&mut lines);
    demote_branding_inside_prose(&mut lines);
    mark_masthead(&mut lines, arabic_page);

    let modes = block_modes(&lines);
    let runs = find_runs(&lines, &modes);
    let repeats = title::page_repeats(&lines);
    let titles = title::TitleContext {
        lines: &lines,
        cues,
        repeats: &repeats,
        arabic_page,
    };
    let spans = choose_articles(&lines, &runs, &modes, &titles);

    let mut in_article = vec![false; lines.len()];
    let vocab = Vocabulary::new(lines.iter().map(|l| l.folded.as_str()));
    let page_outlet = find_outlet(&lines);
    // "منذ ساعتين", "vor 3 Stunden": relative datelines resolve against the
    // fetch time when the crawl recorded one.
    let anchor = page
        .fetched
        .as_deref()
        .and_then(marsad_dates::parse_machine_date);
    let mut articles = Vec::with_capacity(spans.len());
    let mut furniture = Vec::new();
    for (k, span) in spans.iter().enumerate() {
        let next_start = spans.get(k + 1).map_or(lines.len(), |s| s.start);
        let mut article = build_article(
            &lines,
            span,
            next_start,
            anchor,
            &vocab,
            &mut in_article,
            &mut furniture,
        );
        article.role = if k == 0 { Role::Main } else { Role::Appended };
        article.outlet = page_outlet.clone();
        articles.push(article);
    }
    for (i, l) in lines.iter().enumerate() {
        if in_article[i] || l.kind == LineKind::Blank {
            continue;
        }
        furniture.push(Furniture {
            line: Some(l.number),
            kind: furniture_kind(l, modes[i]),
            text: l.text.to_string(),
        });
    }
    furniture.sort_by_key(|f| f.line);

    ExtractedPage {
        source: page.source.clone(),
        format: page.format,
        url: page.url.clone(),
        fetched: page.fetched.clone(),
        lang,
        dir,
        articles,
        furniture,
    }
}

/// Which block a line sits in, from the headers above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    Related,
    Comments,
}

fn block_modes(lines: &[Line]) -> Vec<Mode> {
    let mut mode = Mode::Normal;
    lines
        .iter()
        .map(|l| {
            match l.kind {
                LineKind::RelatedHeader if mode == Mode::Normal => mode = Mode::Related,
                LineKind::CommentsHeader => mode = Mode::Comments,
                _ => {}
            }
            mode
        })
        .collect()
}

/// Some outlets end no paragraph with a full stop. On such a page (few long
/// lines end a sentence) shorter unpunctuated lines count as prose too.
fn promote_unpunctuated_prose(lines: &mut [Line]) {
    let long: Vec<&Line> = lines
        .iter()
        .filter(|l| l.words >= UNPUNCTUATED_PAGE_PROBE_WORDS)
        .collect();
    let punctuated = long.iter().filter(|l| l.ends_sentence).count();
    if long.len() < UNPUNCTUATED_PAGE_MIN_LINES
        || punctuated as f64 >= UNPUNCTUATED_PAGE_MAX_SHARE * long.len() as f64
    {
        return;
    }
    for l in lines.iter_mut() {
        if l.kind == LineKind::Short
            && l.words >= UNPUNCTUATED_PAGE_PARAGRAPH_MIN_WORDS
            && l.chars >= UNPUNCTUATED_PAGE_PARAGRAPH_MIN_CHARS
        {
            l.kind = LineKind::Paragraph;
        }
    }
}

/// An unpunctuated line printed twice on a page is a headline, teaser or
/// caption, not prose. (Sentences may repeat: a page can print its body twice.)
fn demote_repeated_lines(lines: &mut [Line]) {
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    for l in lines.iter() {
        if l.kind == LineKind::Paragraph && !l.ends_sentence {
            *counts.entry(l.folded.as_str()).or_insert(0) += 1;
        }
    }
    let repeated: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.kind == LineKind::Paragraph
                && !l.ends_sentence
                && counts.get(l.folded.as_str()).is_some_and(|&c| c > 1)
        })
        .map(|(i, _)| i)
        .collect();
    for i in repeated {
        lines[i].kind = LineKind::Short;
    }
}

/// A logo's alt text ("شعار X", "X logo") sits in a page's header or
/// footer, never between two paragraphs of prose: there "شعار" is a slogan
/// ("شعار الحملة الجديد", a subheading), and the line is text, not the outlet.
fn demote_branding_inside_prose(lines: &mut [Line]) {
    let non_blank: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind != LineKind::Blank)
        .collect();
    for (k, &i) in non_blank.iter().enumerate() {
        if !matches!(lines[i].kind, LineKind::Branding(_)) || k == 0 {
            continue;
        }
        let before = lines[non_blank[k - 1]].kind == LineKind::Paragraph;
        let after = non_blank
            .get(k + 1)
            .is_some_and(|&a| lines[a].kind == LineKind::Paragraph);
        if before && after {
            lines[i].kind = LineKind::Short;
        }
    }
}

/// "إقرأ أيضاً:" alone on a line, then one or more headlines: inside a body,
/// with the body going on after them, they are planted links; after
/// furniture, or when what follows opens with its own dateline ("الرياض (أ ف
/// ب) -"), the marker introduces an appended article.
fn resolve_read_also_markers(lines: &mut [Line]) {
    let non_blank: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind != LineKind::Blank)
        .collect();
    for (k, &marker) in non_blank.iter().enumerate() {
        if lines[marker].kind != LineKind::ReadAlsoMarker
            || k == 0
            || lines[non_blank[k - 1]].kind != LineKind::Paragraph
        {
            continue;
        }
        let links: Vec<usize> = non_blank[k + 1..]
            .iter()
            .copied()
            .take_while(|&i| matches!(lines[i].kind, LineKind::Short | LineKind::Interstitial))
            .take(MAX_LINKS_AFTER_READ_ALSO + 1)
            .collect();
        let after = non_blank.get(k + 1 + links.len()).copied();
        let body_goes_on = after.is_some_and(|a| {
            lines[a].kind == LineKind::Paragraph && dateline_of(lines[a].text).is_none()
        });
        if !links.is_empty() && links.len() <= MAX_LINKS_AFTER_READ_ALSO && body_goes_on {
            lines[marker].kind = LineKind::Interstitial;
            for i in links {
                lines[i].kind = LineKind::Interstitial;
            }
        }
    }
}

/// The site's name atop the page becomes a branding line: a lone Latin
/// word over an Arabic page ("Qsarpress"), or a first line of a few words
/// that the page confirms, by a menu right under it or by naming it again
/// lower down (in a footer, a credit), or that the outlet table knows.
fn mark_masthead(lines: &mut [Line], arabic_page: bool) {
    let mut non_blank = (0..lines.len()).filter(|&i| lines[i].kind != LineKind::Blank);
    let Some(first) = non_blank.next() else {
        return;
    };
    let l = &lines[first];
    // The outlet table knows the name, whatever its length ("سي إن إن بالعربية").
    let known = marsad_model::known_outlet(l.text).is_some();
    if !matches!(l.kind, LineKind::Short | LineKind::SourceCredit(_))
        || (l.words > MASTHEAD_MAX_WORDS && !known)
    {
        return;
    }
    let latin_name = arabic_page && l.words <= 2 && l.arabic_letters == 0 && l.latin_letters >= 3;
    let menu_below = non_blank
        .next()
        .is_some_and(|i| lines[i].kind == LineKind::Furniture(FurnitureKind::Navigation));
    // Named again by a footer or a credit, not by a word of the prose
    // ("الرئيسية" atop the page, "العملات الرئيسية" in the body).
    let named_again = lines[first + 1..].iter().any(|o| {
        !matches!(o.kind, LineKind::Short | LineKind::Paragraph)
            && o.folded.contains(l.folded.as_str())
    });
    if latin_name || menu_below || named_again || known {
        lines[first].kind = LineKind::Branding(l.text.to_string());
    }
}

#[derive(Debug, Clone)]
struct Run {
    first: usize,
    last: usize,
    paragraphs: usize,
    chars: usize,
    /// Paragraphs right under a short unpunctuated line (a heading).
    headed: usize,
    /// Paragraphs cut off with an ellipsis, as teasers are.
    teasers: usize,
}

impl Run {
    fn new(i: usize, l: &Line, headed: bool) -> Self {
        Run {
            first: i,
            last: i,
            paragraphs: 1,
            chars: l.chars,
            headed: usize::from(headed),
            teasers: usize::from(is_teaser(l)),
        }
    }

    fn extend(&mut self, other: &Run) {
        self.last = other.last;
        self.paragraphs += other.paragraphs;
        self.chars += other.chars;
        self.headed += other.headed;
        self.teasers += other.teasers;
    }

    fn is_article(&self) -> bool {
        ((self.paragraphs >= ARTICLE_MIN_PARAGRAPHS && self.chars >= ARTICLE_MIN_CHARS)
            || self.chars >= ARTICLE_MIN_CHARS_ANY)
            && !self.is_story_list()
    }

    /// Headline, teaser, headline, teaser…: a list of other stories, not an
    /// article, even when its teasers run together like paragraphs.
    fn is_story_list(&self) -> bool {
        self.paragraphs >= 2
            && (self.headed as f64 > STORY_LIST_MIN_HEADED_SHARE * self.paragraphs as f64
                || self.teasers as f64 > STORY_LIST_MIN_TEASER_SHARE * self.paragraphs as f64)
    }
}

fn is_teaser(l: &Line) -> bool {
    let t = l.text.trim_end();
    t.ends_with("...") || t.ends_with('…')
}

/// Group body-like lines into runs, bridging captions, planted links and
/// short gaps, and stopping at block boundaries.
fn find_runs(lines: &[Line], modes: &[Mode]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut current: Option<Run> = None;
    let mut gap_short = 0;
    let mut gap_blocked = false;
    // Whether the last non-blank line was a short unpunctuated one.
    let mut under_heading = false;
    for (i, l) in lines.iter().enumerate() {
        match &l.kind {
            LineKind::Paragraph => {
                let continues = !gap_blocked
                    && gap_short <= MAX_SHORT_LINES_IN_GAP
                    && current.as_ref().is_some_and(|r| modes[r.last] == modes[i]);
                let this = Run::new(i, l, under_heading);
                match current.as_mut() {
                    Some(run) if continues => run.extend(&this),
                    _ => {
                        runs.extend(current.take());
                        current = Some(this);
                    }
                }
                gap_short = 0;
                gap_blocked = false;
            }
            LineKind::Blank
            | LineKind::Caption
            | LineKind::Interstitial
            | LineKind::Furniture(FurnitureKind::Other) => {}
            LineKind::Short if l.ends_sentence => {}
            LineKind::Short => gap_short += 1,
            _ => gap_blocked = true,
        }
        if l.kind != LineKind::Blank {
            under_heading = l.kind == LineKind::Short && !l.ends_sentence;
        }
    }
    runs.extend(current);
    runs
}

/// Where one article's lines are.
#[derive(Debug, Clone)]
struct Span {
    /// First line of the article (its title, or its first paragraph).
    start: usize,
    title: Option<usize>,
    body_first: usize,
    body_last: usize,
}

fn choose_articles(
    lines: &[Line],
    runs: &[Run],
    modes: &[Mode],
    titles: &title::TitleContext,
) -> Vec<Span> {
    let mut chosen: Vec<Run> = Vec::new();
    for run in runs
        .iter()
        .filter(|r| r.is_article() && modes[r.first] != Mode::Comments)
    {
        match chosen.last_mut() {
            // Two article-sized runs with nothing between them that ends an
            // article are one article whose gap was longer than usual.
            Some(prev)
                if !lines[prev.last + 1..run.first]
                    .iter()
                    .any(|l| l.kind.is_boundary()) =>
            {
                prev.last = run.last;
                prev.paragraphs += run.paragraphs;
                prev.chars += run.chars;
            }
            _ => chosen.push(run.clone()),
        }
    }
    // The main article is the first one of a size comparable to the largest:
    // a language picker run into one long line, or a photo gallery's
    // captions, can come first and still be article-sized.
    let largest = chosen.iter().map(|r| r.chars).max().unwrap_or(0);
    if let Some(main) = chosen
        .iter()
        .position(|r| r.chars as f64 >= MAIN_MIN_SHARE_OF_LARGEST * largest as f64)
    {
        chosen.drain(..main);
    }
    if chosen.is_empty() {
        if let Some(best) = runs
            .iter()
            .filter(|r| {
                r.chars >= FALLBACK_ARTICLE_MIN_CHARS
                    && modes[r.first] != Mode::Comments
                    && !r.is_story_list()
            })
            .max_by_key(|r| r.chars)
        {
            chosen.push(best.clone());
        }
    }
    let starts: Vec<usize> = chosen.iter().map(|r| r.first).collect();
    let mut previous_end = 0;
    for (k, run) in chosen.iter_mut().enumerate() {
        let next_article = starts.get(k + 1).copied().unwrap_or(usize::MAX);
        absorb_following_runs(lines, runs, modes, run, next_article);
        absorb_preceding_runs(lines, runs, modes, run, previous_end);
        previous_end = run.last + 1;
    }
    let mut spans: Vec<Span> = Vec::new();
    for run in chosen {
        let floor = spans.last().map_or(0, |s| s.body_last + 1);
        let title = titles.find_title(run.first, floor, modes[run.first] == Mode::Related);
        // In a related-stories block only a headed article is an article.
        if !spans.is_empty() && title.is_none() && modes[run.first] == Mode::Related {
            continue;
        }
        spans.push(Span {
            start: title.unwrap_or(run.first),
            title,
            body_first: run.first,
            body_last: run.last,
        });
    }
    spans
}

/// An article goes on past a longer gap (a list, two headings in a row)
/// when smaller runs of prose follow with nothing between that ends an
/// article. (Backwards the rule is stricter: see `absorb_preceding_runs`.)
fn absorb_following_runs(
    lines: &[Line],
    runs: &[Run],
    modes: &[Mode],
    article: &mut Run,
    next_article: usize,
) {
    let after = article.last;
    for run in runs
        .iter()
        .filter(|r| r.first > after && r.first < next_article)
    {
        if !absorbable_gap(&lines[article.last + 1..run.first])
            || modes[run.first] != modes[article.first]
        {
            break;
        }
        article.extend(run);
    }
}

/// The opening paragraphs of an article can stand apart from the rest, cut
/// off by links planted after them; a run of at least two paragraphs just
/// above, with nothing between that ends an article, is the article's
/// beginning. (A single line above is more often a deck or tagline.)
fn absorb_preceding_runs(
    lines: &[Line],
    runs: &[Run],
    modes: &[Mode],
    article: &mut Run,
    floor: usize,
) {
    let before = article.first;
    for run in runs
        .iter()
        .rev()
        .filter(|r| r.last < before && r.first >= floor)
    {
        if run.paragraphs < 2
            || run.is_story_list()
            || !absorbable_gap(&lines[run.last + 1..article.first])
            || modes[run.first] != modes[article.first]
        {
            break;
        }
        let mut joined = run.clone();
        joined.extend(article);
        *article = joined;
    }
}

/// Whether a gap between two runs of prose may lie inside one article: only
/// blank lines, short lines (a few at most), captions and planted links.
fn absorbable_gap(gap: &[Line]) -> bool {
    let shorts = gap
        .iter()
        .filter(|l| l.kind == LineKind::Short && !l.ends_sentence)
        .count();
    shorts <= MAX_SHORT_LINES_IN_ABSORBED_GAP
        && gap.iter().all(|l| {
            matches!(
                l.kind,
                LineKind::Blank
                    | LineKind::Short
                    | LineKind::Caption
                    | LineKind::Interstitial
                    | LineKind::Furniture(FurnitureKind::Other)
            )
        })
}

fn build_article(
    lines: &[Line],
    span: &Span,
    next_start: usize,
    anchor: Option<marsad_model::Published>,
    vocab: &Vocabulary,
    in_article: &mut [bool],
    furniture: &mut Vec<Furniture>,
) -> Article {
    let mut article = Article::new(Role::Main);
    let title_text = span.title.map(|t| lines[t].folded.as_str());
    if let Some(t) = span.title {
        article.title = Some(lines[t].text.to_string());
        article.title_line = Some(lines[t].number);
        in_article[t] = true;
    }

    // Header zone: between the title and the body.
    for i in span.start + 1..span.body_first {
        let l = &lines[i];
        match &l.kind {
            LineKind::Blank => {}
            LineKind::Short if Some(l.folded.as_str()) == title_text => in_article[i] = true,
            LineKind::Short | LineKind::Paragraph
                if article.subtitle.is_none() && l.words >= SUBTITLE_MIN_WORDS =>
            {
                article.subtitle = Some(l.text.to_string());
                in_article[i] = true;
            }
            LineKind::Caption => {
                push_caption(&mut article, l);
                in_article[i] = true;
            }
            LineKind::Short if l.words < SUBTITLE_MIN_WORDS && l.arabic_letters > 0 => {
                push_caption(&mut article, l);
                in_article[i] = true;
            }
            LineKind::Byline(name) if article.byline.is_none() => {
                article.byline = Some(name.clone());
                in_article[i] = true;
            }
            LineKind::AgencyCredit(agency) => {
                article
                    .original_source
                    .get_or_insert_with(|| agency.clone());
                in_article[i] = true;
            }
            _ => {}
        }
    }

    // Body.
    for i in span.body_first..=span.body_last {
        let l = &lines[i];
        match &l.kind {
            LineKind::Paragraph => {
                if let Some((heading, rest)) = split_merged_heading(l.text, vocab) {
                    push_paragraph(&mut article, heading, l.number, ParagraphKind::Subheading);
                    push_paragraph(&mut article, rest, l.number, ParagraphKind::Body);
                } else {
                    push_paragraph(&mut article, l.text, l.number, ParagraphKind::Body);
                }
                in_article[i] = true;
            }
            LineKind::Short if l.ends_sentence => {
                push_paragraph(&mut article, l.text, l.number, ParagraphKind::Body);
                in_article[i] = true;
            }
            LineKind::Short if repeats_body_text(lines, i, span) => {
                // A photo caption that quotes the body, credit or not.
                push_caption(&mut article, l);
                in_article[i] = true;
            }
            LineKind::Short if next_is_paragraph(lines, i, span.body_last) => {
                push_paragraph(&mut article, l.text, l.number, ParagraphKind::Subheading);
                in_article[i] = true;
            }
            LineKind::Caption => {
                push_caption(&mut article, l);
                in_article[i] = true;
            }
            LineKind::Interstitial => {
                furniture.push(Furniture {
                    line: Some(l.number),
                    kind: FurnitureKind::Interstitial,
                    text: l.text.to_string(),
                });
                in_article[i] = true;
            }
            _ => {}
        }
    }

    if let Some((i, date)) = find_published(lines, span, next_start, anchor) {
        article.published = Some(date);
        in_article[i] = true;
    }
    fill_dateline(&mut article);
    // Bylines and source credits just after the body belong to this article;
    // past the footer or a menu, a credit is the site's, not the story's.
    let after_body = lines[span.body_last + 1..next_start]
        .iter()
        .filter(|l| l.kind != LineKind::Blank)
        .take_while(|l| {
            !matches!(
                l.kind,
                LineKind::Furniture(FurnitureKind::Footer | FurnitureKind::Navigation)
            )
        })
        .take(CREDIT_LOOKAHEAD_LINES);
    for l in after_body {
        match &l.kind {
            LineKind::Byline(name) if article.byline.is_none() => {
                article.byline = Some(name.clone())
            }
            LineKind::SourceCredit(name) => {
                article.original_source = Some(name.clone());
                break;
            }
            _ => {}
        }
    }
    if article.original_source.is_none() {
        article.original_source = footer_credit(&lines[span.body_last + 1..next_start]);
    }
    article
}

/// A credit past the footer that the footer itself names: the page is a copy of that
/// source's page, footer and all (an aggregator republishing الجزيرة's page ends with
/// الجزيرة's footer, then "المصدر: الجزيرة"). A credit under a footer that names something
/// else is the site's own, not the story's.
fn footer_credit(after_body: &[Line]) -> Option<String> {
    let footers: Vec<&Line> = after_body
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Furniture(FurnitureKind::Footer)))
        .collect();
    after_body.iter().find_map(|l| match &l.kind {
        LineKind::SourceCredit(name) => {
            let folded = cues::fold(name);
            footers
                .iter()
                .any(|f| !folded.is_empty() && f.folded.contains(folded.as_str()))
                .then(|| name.clone())
        }
        _ => None,
    })
}

/// Whether a short line repeats the opening of a body paragraph elsewhere
/// in the article (captions quote the text they illustrate).
fn repeats_body_text(lines: &[Line], i: usize, span: &Span) -> bool {
    let short = &lines[i];
    if short.words < CAPTION_REPEAT_MIN_WORDS {
        return false;
    }
    let quoted = short.folded.trim_end_matches(line::is_punct);
    (span.body_first..=span.body_last).any(|j| {
        j != i && lines[j].kind == LineKind::Paragraph && lines[j].folded.starts_with(quoted)
    })
}

fn next_is_paragraph(lines: &[Line], i: usize, last: usize) -> bool {
    lines[i + 1..=last]
        .iter()
        .find(|l| !matches!(l.kind, LineKind::Blank | LineKind::Caption))
        .is_some_and(|l| matches!(l.kind, LineKind::Paragraph | LineKind::Short))
}

fn push_paragraph(article: &mut Article, text: &str, line: u32, kind: ParagraphKind) {
    article.paragraphs.push(Paragraph {
        text: text.to_string(),
        line: Some(line),
        kind,
    });
}

fn push_caption(article: &mut Article, l: &Line) {
    article.captions.push(Caption {
        text: l.text.to_string(),
        line: Some(l.number),
    });
}

/// The date printed near the headline, else in or just after the body.
fn find_published(
    lines: &[Line],
    span: &Span,
    next_start: usize,
    anchor: Option<marsad_model::Published>,
) -> Option<(usize, marsad_model::Published)> {
    let mut above = span.start;
    let mut steps = 0;
    while above > 0 && steps < DATE_LOOKBACK_ABOVE_TITLE {
        above -= 1;
        if lines[above].kind.is_boundary() {
            above += 1;
            break;
        }
        if lines[above].kind != LineKind::Blank {
            steps += 1;
        }
    }
    let dated = |i: usize| marsad_dates::find_date(lines[i].text).map(|m| (i, m.published));
    let date_line = |i: &usize| lines[*i].kind == LineKind::DateLine;
    // A dateline that is all relative ("منذ ساعتين") only has a day against the fetch time.
    let dated = |i: usize| {
        dated(i).or_else(|| {
            let resolved = (lines[i].kind == LineKind::DateLine)
                .then(|| anchor.and_then(|a| marsad_dates::resolve_relative(lines[i].text, a)));
            resolved.flatten().map(|p| (i, p))
        })
    };
    let header = span.start..span.body_first;
    let over_title = above..span.start;
    let after_body = span.body_last + 1..next_start.min(span.body_last + 4);
    let body_head =
        span.body_first..(span.body_first + BODY_DATE_LOOKAHEAD_LINES).min(span.body_last);
    // A dateline under the headline, then one over it (a page's "today"
    // stands higher up, the story's own date beside its headline).
    header
        .clone()
        .filter(date_line)
        .chain(over_title.clone().filter(date_line))
        .find_map(dated)
        // A date printed with a name or a label the date lexicon does not
        // know ("By Tom Davies - Associated Press - Friday, April 28, 2023",
        // "di Carla Massi 20 Novembre 2024") on a header line of its own.
        .or_else(|| {
            header
                .chain(over_title)
                .filter(|&i| is_header_date_line(&lines[i]))
                .find_map(dated)
        })
        // The nearest dateline higher in the header: over a headline taken
        // too low, or over a body with none found.
        .or_else(|| {
            (header_top(lines, above)..above)
                .rev()
                .filter(date_line)
                .find_map(dated)
        })
        // A dateline just after the body, or among its first lines (a
        // header the body's first lines were taken into).
        .or_else(|| {
            after_body
                .chain(body_head)
                .filter(date_line)
                .find_map(dated)
        })
}

/// How high a page's header may reach over line `from`: this many non-blank
/// lines, not past a block boundary (a menu, a related list, a footer).
fn header_top(lines: &[Line], from: usize) -> usize {
    let mut top = from;
    let mut seen = 0;
    while top > 0 && seen < DATE_HEADER_LOOKBACK_LINES {
        if lines[top - 1].kind.is_boundary() {
            break;
        }
        top -= 1;
        if lines[top].kind != LineKind::Blank {
            seen += 1;
        }
    }
    top
}

/// A short line of the header that may carry the page's date beside other
/// words: not prose, not a caption.
fn is_header_date_line(l: &Line) -> bool {
    matches!(
        l.kind,
        LineKind::Short
            | LineKind::Byline(_)
            | LineKind::AgencyCredit(_)
            | LineKind::Furniture(FurnitureKind::Other)
    ) && l.chars <= HEADER_DATE_LINE_MAX_CHARS
}

/// Take the dateline (and, when it credits an agency, the original source)
/// from the lead-in of an article's first body paragraph, unless known.
/// Shared by every input format: HTML articles get it here too.
pub fn fill_dateline(article: &mut Article) {
    if article.dateline.is_some() {
        return;
    }
    let Some(first) = article
        .paragraphs
        .iter()
        .find(|p| p.kind == ParagraphKind::Body)
    else {
        return;
    };
    if let Some((dateline, agency)) = dateline_of(&first.text) {
        if agency && article.original_source.is_none() {
            article.original_source = Some(agency_in(&dateline));
        }
        article.dateline = Some(dateline);
    }
}

/// A lead-in naming place and agency: `عواصم "وكالات": …`, `القاهرة (رويترز) - …`,
/// or a place with a parenthesised note (`«الشرق الأوسط» (كييف)`).
/// Returns the lead-in and whether it credits an agency. Quotation marks
/// alone do not make one: `كاتب مسرحية «هيا تعال»: …` quotes a title and
/// `"الأرصاد": …` names who speaks.
fn dateline_of(paragraph: &str) -> Option<(String, bool)> {
    let head: String = paragraph.chars().take(60).collect();
    let end = head.find([':', '–']).or_else(|| head.find(" - "))?;
    let lead = head[..end].trim();
    let words = lead.split_whitespace().count();
    if !(1..=5).contains(&words) {
        return None;
    }
    let folded = cues::fold(lead);
    let agency = cues().agency_words.occurs_as_words_in(&folded);
    let bracketed = lead.contains('(');
    (agency || bracketed).then(|| (lead.to_string(), agency))
}

/// The agency named inside a dateline, as printed: `عواصم "وكالات"` →
/// `وكالات`, `واس- الرياض` → `واس`, `القاهرة (أ.ف.ب)` → `أ.ف.ب`.
fn agency_in(dateline: &str) -> String {
    let folded = marsad_text::normalize_with_offsets(dateline);
    cues()
        .agency_words
        .word_match(&folded.text, 0)
        .map(|found| dateline[folded.original_range(found)].to_string())
        .unwrap_or_else(|| dateline.to_string())
}

/// Who published the page: a logo line, a site name atop the page, the
/// outlet's own credit lines («الشرق الأوسط» (كييف)), or "على موقع X".
fn find_outlet(lines: &[Line]) -> Option<String> {
    if let Some(name) = lines.iter().find_map(|l| match &l.kind {
        LineKind::Branding(name) => Some(name.clone()),
        _ => None,
    }) {
        return Some(name);
    }
    if let Some(name) = lines.iter().find_map(|l| match l.kind {
        LineKind::Furniture(FurnitureKind::Footer) => copyright_holder(l.text),
        _ => None,
    }) {
        return Some(name);
    }
    let mut credits: HashMap<&str, usize> = HashMap::new();
    for l in lines.iter().filter(|l| l.words <= 6) {
        if let Some(name) = outlet_credit(l.text) {
            *credits.entry(name).or_insert(0) += 1;
        }
    }
    if let Some((name, _)) = credits.into_iter().max_by_key(|(n, c)| (*c, n.len())) {
        return Some(name.to_string());
    }
    // Not in prose: "صور الحريق على موقع التواصل الاجتماعي فيسبوك" names no outlet.
    lines
        .iter()
        .filter(|l| l.kind != LineKind::Paragraph && l.words <= SITE_MENTION_MAX_WORDS)
        .find_map(|l| site_mention(l.text))
}

/// "© 2025 النهار العربي. جميع الحقوق محفوظة" → "النهار العربي".
fn copyright_holder(text: &str) -> Option<String> {
    let after = &text[text.find('©')? + '©'.len_utf8()..];
    let name: Vec<&str> = after
        .split(['.', '|', '،', ','])
        .next()?
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_numeric() || c == '-'))
        .collect();
    let name = name.join(" ");
    let stop = cues::fold(&name);
    (!name.is_empty() && !stop.starts_with("جميع") && !stop.starts_with("all rights"))
        .then_some(name)
}

/// `«الشرق الأوسط» (كييف)`: an outlet crediting its own correspondent.
fn outlet_credit(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('«')?;
    let (name, after) = rest.split_once('»')?;
    let after = after.trim();
    (after.starts_with('(') && after.ends_with(')') && !name.trim().is_empty()).then(|| name.trim())
}

/// "… على موقع خبرين." → "خبرين".
fn site_mention(text: &str) -> Option<String> {
    const MARKERS: &[&str] = &["على موقع ", "عبر موقع ", "في موقع "];
    MARKERS.iter().find_map(|m| {
        let pos = text.find(m)?;
        let name: Vec<&str> = text[pos + m.len()..]
            .split_whitespace()
            .take(3)
            .take_while(|w| !w.ends_with(['.', '،', ',']) || w.len() > 1)
            .collect();
        let mut out = Vec::new();
        for w in name {
            let end = w.ends_with(['.', '،', ',', '!', '؟']);
            out.push(w.trim_matches(line::is_punct));
            if end {
                break;
            }
        }
        let s = out.join(" ");
        (!s.is_empty()).then_some(s)
    })
}

fn furniture_kind(l: &Line, mode: Mode) -> FurnitureKind {
    use FurnitureKind as F;
    match &l.kind {
        LineKind::Furniture(k) => *k,
        LineKind::Interstitial | LineKind::ReadAlsoMarker => F::Interstitial,
        LineKind::RelatedHeader => F::Related,
        LineKind::CommentsHeader => F::Comments,
        LineKind::Branding(_) => F::Branding,
        LineKind::SourceCredit(_) => {
            if cues().share_words_in(&l.folded) {
                F::Share
            } else {
                F::Other
            }
        }
        _ => match mode {
            Mode::Related => F::Related,
            Mode::Comments => F::Comments,
            Mode::Normal => F::Other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_model::PageFormat;

    fn extract(dump: &str) -> ExtractedPage {
        extract_text(&Page {
            source: "test.txt".into(),
            format: PageFormat::Text,
            url: None,
            fetched: None,
            content: dump.to_string(),
        })
    }

    const BODY: &str = "وقال المتحدث باسم الوزارة في مؤتمر صحفي إن الأعمال ستنتهي قبل نهاية العام الجاري.\n\n\
        وأضاف أن الجسر الجديد سيخفف الزحام في وسط المدينة ويختصر زمن الرحلة إلى النصف تقريبا.\n\n\
        وأشار إلى أن الحكومة خصصت ميزانية إضافية للمشروع بعد ارتفاع أسعار مواد البناء هذا العام.\n\n\
        وختم بأن الافتتاح الرسمي سيكون بحضور عدد من الوزراء وممثلي الشركات المنفذة للمشروع.\n";

    fn published(dump: &str) -> Option<String> {
        extract(dump)
            .articles
            .first()?
            .published
            .map(|p| p.to_string())
    }

    #[test]
    fn a_date_beside_a_name_in_the_header_is_the_date() {
        let dump = format!(
            "افتتاح جسر جديد فوق النيل في القاهرة\n\nمحمد عبد الله | 12 مارس 2024 | قسم الأخبار\n\n{BODY}"
        );
        assert_eq!(published(&dump).as_deref(), Some("2024-03-12"));
    }

    #[test]
    fn the_dateline_under_the_headline_wins_over_the_day_over_it() {
        // The masthead prints today's date; the story's date stands under its headline.
        let dump = format!(
            "الأحد 17 مارس 2024\n\nأخبار مصر\n\nافتتاح جسر جديد فوق النيل في القاهرة\n\n\
             نشر في: 12 مارس 2024 - 10:30\n\n{BODY}"
        );
        assert_eq!(published(&dump).as_deref(), Some("2024-03-12T10:30"));
        // Without one under it, the date over the headline is the story's.
        let dump = format!("الأحد 17 مارس 2024\n\nافتتاح جسر جديد فوق النيل في القاهرة\n\n{BODY}");
        assert_eq!(published(&dump).as_deref(), Some("2024-03-17"));
    }

    #[test]
    fn a_dateline_higher_in_the_header_is_found_but_not_past_a_menu() {
        let sections = "سياسة\n\nاقتصاد\n\nرياضة\n\nثقافة\n\n";
        let dump = format!(
            "الثلاثاء 12 مارس 2024\n\n{sections}افتتاح جسر جديد فوق النيل في القاهرة\n\n{BODY}"
        );
        assert_eq!(published(&dump).as_deref(), Some("2024-03-12"));
        // Over a breadcrumb the date belongs to the page's top bar, not the story.
        let dump = format!(
            "الثلاثاء 12 مارس 2024\n\nالرئيسية > أخبار > العالم\n\n{sections}\
             افتتاح جسر جديد فوق النيل في القاهرة\n\n{BODY}"
        );
        assert_eq!(published(&dump), None);
    }

    #[test]
    fn a_relative_dateline_resolves_against_the_fetch_time() {
        let dump = format!("افتتاح جسر جديد فوق النيل في القاهرة\n\nمنذ ساعتين\n\n{BODY}");
        let fetched = extract_text(&Page {
            source: "test.txt".into(),
            format: PageFormat::Text,
            url: None,
            fetched: Some("2024-03-12T18:05:00Z".into()),
            content: dump.clone(),
        });
        assert_eq!(
            fetched.articles[0]
                .published
                .map(|p| p.to_string())
                .as_deref(),
            Some("2024-03-12T16:05")
        );
        // Without a fetch time there is no day to count back from.
        assert_eq!(published(&dump), None);
    }

    #[test]
    fn a_date_in_the_prose_or_a_caption_is_not_the_date() {
        // No date line: the body's "12 مارس 2024" and the caption's are not the page's date.
        let body = BODY.replace("وقال المتحدث", "وفي 12 مارس 2024 قال المتحدث");
        let dump = format!(
            "افتتاح جسر جديد فوق النيل في القاهرة\n\nالجسر أثناء البناء في 3 يناير 2024 (رويترز)\n\n{body}"
        );
        assert_eq!(published(&dump), None);
    }
}
