//! Article extraction from HTML pages.
//!
//! [`extract_html`] parses a page once (html5ever via `scraper`), flattens the
//! tree into a pre-order vector and does everything else with loops over that
//! vector — no recursion over the DOM, so any nesting depth is safe on any
//! stack. The stages:
//!
//! 1. [`prune`]: mark hidden nodes and page furniture (navigation, share bars,
//!    related links, comments, footers, tags…) by tag, role and class/id
//!    patterns ([`patterns`]).
//! 2. [`blocks`]: cut the visible text into paragraph-level blocks.
//! 3. [`content`]: vote for the article container(s) and read their blocks
//!    as paragraphs, subheadings and captions.
//! 4. [`metadata`]: title, date, byline, outlet from JSON-LD, `<meta>`,
//!    `<time>` and the visible text, in that order of trust.
//!
//! Thresholds are named in [`settings`].

mod blocks;
mod content;
mod dom;
mod limits;
mod metadata;
mod patterns;
mod prune;
pub mod settings;
mod site;
mod title;

use marsad_model::{
    Article, Caption, ExtractedPage, Furniture, FurnitureKind, Page, Paragraph, ParagraphKind,
    Published, Role,
};
use scraper::Html;

use crate::blocks::Block;
use crate::content::Body;
use crate::dom::{attr, class_id_lower, Data, Dom, Tag, NO_PARENT};
use crate::metadata::{clean_title, collapse, LdArticle, PageMeta};
use crate::patterns::{groups_of, Group, CUES, KICKER_MARKERS};
use crate::prune::{NodeInfo, Prune};
use crate::settings::{
    DATE_SEARCH_BLOCKS, MAX_BYLINE_CHARS, MAX_FURNITURE_CHARS, MAX_FURNITURE_ITEMS,
};

/// Extracts the articles, metadata and furniture of one HTML page.
///
/// Never fails: a page without an article gives zero articles.
pub fn extract_html(page: &Page) -> ExtractedPage {
    let html = Html::parse_document(&limits::cap_nesting(&page.content));
    let dom = Dom::new(&html);
    let info = prune::classify(&dom);
    let blocks = blocks::segment(&dom, &info);
    let meta = metadata::read(&dom);
    let scores = content::score(&dom, &blocks);

    let mut plan: Vec<(u32, u32)> = Vec::new(); // (story region, container)
    if let Some(main) = content::best_container(&dom, &info, &scores, 0) {
        let stories = content::story_elements(&dom, &info, &scores, &blocks);
        let related = stories
            .iter()
            .filter(|&&s| dom.contains(s, main) || dom.contains(main, s))
            .count();
        if stories.len() >= 2 && related >= 1 {
            for &s in &stories {
                if let Some(c) = content::best_container(&dom, &info, &scores, s) {
                    plan.push((s, c));
                }
            }
        }
        if plan.is_empty() {
            plan.push((story_region(&dom, main), main));
        }
    }

    let anchor = page
        .fetched
        .as_deref()
        .and_then(marsad_dates::parse_machine_date);
    let mut related_blocks: Vec<usize> = Vec::new();
    let mut articles = Vec::with_capacity(plan.len());
    for (k, &(region, container)) in plan.iter().enumerate() {
        let body = content::body(&dom, &blocks, container);
        if body.paragraphs.is_empty() {
            continue;
        }
        let role = if articles.is_empty() {
            Role::Main
        } else {
            Role::Appended
        };
        let ctx = ArticleCtx {
            dom: &dom,
            info: &info,
            blocks: &blocks,
            meta: &meta,
            region,
            container,
            single: plan.len() == 1 || k == 0,
            anchor,
            page,
        };
        let article = ctx.build(role, &body);
        related_blocks.extend_from_slice(&body.related);
        articles.push(article);
    }

    ld_body_cross_check(&mut articles, &meta);

    ExtractedPage {
        source: page.source.clone(),
        format: page.format,
        url: page.url.clone(),
        fetched: page.fetched.clone(),
        lang: meta.lang.clone(),
        dir: meta.dir.clone(),
        articles,
        furniture: furniture(&blocks, &related_blocks),
    }
}

/// JSON-LD `articleBody` as a cross-check: when the DOM gave no article, or a
/// main body much shorter than the structured one (a teaser, a paywall
/// stub), the structured body is used instead.
fn ld_body_cross_check(articles: &mut Vec<Article>, meta: &PageMeta) {
    let Some(ld_body) = meta.ld_articles.first().and_then(|l| l.body.as_deref()) else {
        return;
    };
    let ld_chars = ld_body.chars().filter(|c| !c.is_whitespace()).count();
    if ld_chars < settings::MIN_ARTICLE_CHARS {
        return;
    }
    let paragraphs: Vec<Paragraph> = ld_body
        .split('\n')
        .map(collapse)
        .filter(|t| !t.is_empty())
        .map(|text| Paragraph {
            text,
            line: None,
            kind: ParagraphKind::Body,
        })
        .collect();
    match articles.first_mut() {
        Some(main) => {
            let dom_chars: usize = main
                .paragraphs
                .iter()
                .map(|p| p.text.chars().filter(|c| !c.is_whitespace()).count())
                .sum();
            if (dom_chars as f32) < ld_chars as f32 * settings::LD_BODY_FALLBACK_SHARE {
                main.paragraphs = paragraphs;
            }
        }
        None => {
            let ld = &meta.ld_articles[0];
            let mut a = Article::new(Role::Main);
            a.title = ld
                .headline
                .as_deref()
                .map(|t| clean_title(t, meta.site_name.as_deref()));
            a.published = ld
                .date_published
                .as_deref()
                .and_then(marsad_dates::parse_machine_date);
            a.byline = (!ld.authors.is_empty()).then(|| ld.authors.join(", "));
            a.outlet = ld.publisher.clone().or_else(|| meta.site_name.clone());
            a.paragraphs = paragraphs;
            articles.push(a);
        }
    }
}

/// The `<article>`/`<main>` around a container, else the container itself.
fn story_region(dom: &Dom<'_>, container: u32) -> u32 {
    let mut i = container;
    loop {
        let node = &dom.nodes[i as usize];
        if matches!(node.tag, Tag::Article | Tag::Main) {
            return i;
        }
        if node.parent == NO_PARENT || matches!(node.tag, Tag::Body) {
            return container;
        }
        i = node.parent;
    }
}

struct ArticleCtx<'d, 'a> {
    dom: &'d Dom<'a>,
    info: &'d [NodeInfo],
    blocks: &'d [Block],
    meta: &'d PageMeta,
    region: u32,
    container: u32,
    /// The page's own article: page-level metadata applies to it.
    single: bool,
    anchor: Option<Published>,
    page: &'d Page,
}

/// Pages without an `<h1>` print the headline and date as plain blocks at
/// the top of the text container; they are the title and the date, not
/// body text. A headline found so is also better than a `<title>` that
/// still carries the site name around it.
fn strip_leading_headline_and_date(a: &mut Article, title_tag: Option<&str>) {
    let mut i = 0;
    while i < a.paragraphs.len().min(settings::LEADING_BLOCKS_CHECKED) {
        let text = collapse(&a.paragraphs[i].text);
        let is_title = a.title.as_deref().is_some_and(|t| collapse(t) == text);
        let in_title_tag = title_tag.is_some_and(|t| {
            let t = collapse(t);
            t != text && t.contains(&text) && text.split_whitespace().count() >= 3
        });
        let is_date = text.chars().count() <= settings::MAX_DATE_BLOCK_CHARS
            && marsad_dates::date_coverage(&text) >= settings::MIN_DATE_BLOCK_COVERAGE;
        if is_title || in_title_tag {
            if in_title_tag
                && a.title.as_deref().map(collapse)
                    == title_tag.map(|t| clean_title(t, a.outlet.as_deref()))
            {
                a.title = Some(text);
            }
            a.paragraphs.remove(i);
        } else if is_date {
            if a.published.is_none() {
                a.published = marsad_dates::find_date(&text).map(|m| m.published);
            }
            a.paragraphs.remove(i);
        } else {
            i += 1;
        }
    }
}

/// What a scan of the story region finds.
#[derive(Default)]
struct RegionFacts {
    time: Option<String>,
    byline: Option<String>,
    subtitle: Option<String>,
}

impl ArticleCtx<'_, '_> {
    fn build(&self, role: Role, body: &Body) -> Article {
        let mut a = Article::new(role);
        let heading = self.own_heading().or_else(|| body.h1.clone());
        let ld = self.matching_ld(heading.as_deref());
        let facts = self.scan_region();

        // Some sites escape the name twice ("GmbH &amp;amp; Co. KG").
        a.outlet = ld
            .and_then(|l| l.publisher.clone())
            .or_else(|| self.meta.site_name.clone())
            .or_else(|| self.meta.ld_publisher.clone())
            .map(|o| title::decoded(&o));
        let outlet = a.outlet.as_deref();
        a.title = if self.single {
            title::choose(&self.title_sources(ld, body, outlet))
        } else {
            ld.and_then(|l| l.headline.as_deref())
                .or(heading.as_deref())
                .map(|t| clean_title(&title::decoded(t), outlet))
        }
        .filter(|t| !t.is_empty());

        let machine = ld
            .and_then(|l| l.date_published.as_deref())
            .into_iter()
            .chain(
                if self.single {
                    vec![
                        self.meta.published.as_deref(),
                        self.meta.ld_page_date.as_deref(),
                    ]
                } else {
                    Vec::new()
                }
                .into_iter()
                .flatten(),
            )
            .chain(facts.time.as_deref());
        let url_date = self
            .single
            .then(|| self.page.url.as_deref().and_then(marsad_dates::date_in_url))
            .flatten();
        let mut machine =
            machine.filter_map(|raw| marsad_dates::parse_machine_date(raw).map(|p| (raw, p)));
        let printed = || {
            self.visible_date().or_else(|| {
                self.single
                    .then(|| self.date_near_headline(a.title.as_deref()))
                    .flatten()
            })
        };
        let from_machine = machine.next().map(|(raw, date)| {
            // A UTC timestamp is not the page's local day (23:15Z in Italy
            // is the next morning): the date the page prints, when it is
            // within a day of it, is.
            if is_utc(raw) {
                printed()
                    .filter(|p| utc_day_shift_plausible(date, hour_of(raw), *p))
                    .unwrap_or(date)
            } else {
                date
            }
        });
        // The URL's date is set once, at first publication (metadata can be
        // a later edit or UTC): it decides the day; metadata on that day
        // adds the time.
        let from_machine = match (url_date, from_machine) {
            (Some(u), Some(m)) if m.date_only() != u => Some(u),
            (u, m) => m.or(u),
        };
        // An element whose class says it holds the date (htmldate's date
        // expressions) is trusted before the first date in the text, which
        // can be what the story is about ("held on 11–12 July").
        a.published = from_machine
            .or_else(|| self.single.then(|| self.date_element()).flatten())
            .or_else(printed);

        a.byline = ld
            .filter(|l| !l.authors.is_empty())
            .map(|l| l.authors.join(", "))
            .or_else(|| {
                if self.single {
                    self.meta.author.clone()
                } else {
                    None
                }
            })
            .or(facts.byline);
        a.subtitle = facts.subtitle;
        a.original_source = self.original_source(body);
        a.paragraphs = body.paragraphs.clone();
        // A closing "المصدر: …" line is the credit, kept as `original_source`, not body
        // text (as the text-dump reader keeps it apart).
        while a.original_source.is_some()
            && a.paragraphs.len() > 1
            && a.paragraphs
                .last()
                .is_some_and(|p| source_line(&p.text).is_some())
        {
            a.paragraphs.pop();
        }
        strip_leading_headline_and_date(&mut a, self.meta.title_tag.as_deref());
        // After the headline is settled: the site's name is what stands beside it.
        if a.outlet.is_none() {
            let host = self.page.url.as_deref().and_then(marsad_model::url_host);
            a.outlet = self
                .meta
                .title_tag
                .as_deref()
                .zip(a.title.as_deref())
                .and_then(|(tag, headline)| site::name_in_title(self.dom, tag, headline, host));
        }
        a.captions =
            if self.region != self.container && self.dom.contains(self.region, self.container) {
                // Lead images sit beside the body, inside the story element.
                let end = self.dom.nodes[self.region as usize].end;
                let first = self.blocks.partition_point(|b| b.start < self.region);
                self.blocks[first..]
                    .iter()
                    .take_while(|b| b.start < end)
                    .filter(|b| b.caption && b.prune == Prune::Keep)
                    .map(|b| Caption {
                        text: b.text.clone(),
                        line: None,
                    })
                    .collect()
            } else {
                body.captions.clone()
            };
        a
    }

    fn title_sources<'s>(
        &'s self,
        ld: Option<&'s LdArticle>,
        body: &Body,
        outlet: Option<&'s str>,
    ) -> title::TitleSources<'s> {
        // The first paragraph of the body proper: a container that starts
        // with the story's own header holds its headings too.
        let first_body = body
            .used
            .iter()
            .copied()
            .find(|&k| self.blocks[k].heading == 0);
        let host = self.page.url.as_deref().and_then(marsad_model::url_host);
        let h1s = self
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.heading == 1 && b.prune != Prune::Hidden)
            .chain(
                // Sites that keep an SEO copy of the title in an `<h1>` in
                // the breadcrumb print the visible headline in an `<h2>`
                // above the body; it is only taken when it matches a title.
                self.blocks
                    .iter()
                    .enumerate()
                    .take(first_body.unwrap_or(0))
                    .filter(|(_, b)| b.heading == 2 && self.in_story_header(b)),
            )
            .map(|(j, b)| title::Heading {
                text: &b.text,
                after_kicker: self.after_kicker(b),
                level: b.heading,
                kept: self.in_story_header(b),
                in_pruned_header: b.prune != Prune::Keep,
                before_body: first_body.and_then(|k| k.checked_sub(j)),
                // Inside the story itself a furniture-looking class is a
                // layout accident; elsewhere (header, menus) a logo or a label.
                in_furniture: b.prune != Prune::Keep
                    && !self.dom.contains(self.region, b.start)
                    && !self.dom.contains(self.container, b.start),
            })
            .collect();
        title::TitleSources {
            h1s,
            og_title: self.meta.og_title.as_deref(),
            ld_headline: ld.and_then(|l| l.headline.as_deref()),
            title_tag: self.meta.title_tag.as_deref(),
            confirming: self.meta.twitter_title.as_deref().into_iter().collect(),
            outlet,
            host,
        }
    }

    /// Kept as content, or inside the story's own `<header>` (pruned as
    /// furniture when it also holds the byline and share buttons); never
    /// navigation, where breadcrumbs keep their SEO copy of the title.
    fn in_story_header(&self, b: &Block) -> bool {
        match b.prune {
            Prune::Keep => true,
            Prune::Furniture(FurnitureKind::Other) => self.dom.contains(self.region, b.start),
            _ => false,
        }
    }

    /// The text of a heading block after the kicker element it starts with
    /// (`<h2><span class="article__kicker">…</span><span>headline</span></h2>`):
    /// the heading's first child element, marked as a kicker by its class,
    /// id or attribute names, followed by more text.
    fn after_kicker<'b>(&self, b: &'b Block) -> Option<&'b str> {
        let mut node = self.dom.nodes[b.start as usize].parent;
        let heading = loop {
            if node == NO_PARENT {
                return None;
            }
            let n = &self.dom.nodes[node as usize];
            if matches!(n.tag, Tag::Heading(_)) {
                break node;
            }
            node = n.parent;
        };
        let first_child = (heading + 1..self.dom.nodes[heading as usize].end)
            .find(|&i| self.dom.nodes[i as usize].element().is_some())?;
        let e = self.dom.nodes[first_child as usize].element()?;
        let marked = e.attrs().any(|(name, value)| {
            let name = name.to_ascii_lowercase();
            let value = if name == "class" || name == "id" {
                value.to_ascii_lowercase()
            } else {
                String::new()
            };
            KICKER_MARKERS
                .iter()
                .any(|m| name.contains(m) || value.contains(m))
        });
        if !marked {
            return None;
        }
        let kicker = self.dom.text_of(first_child);
        let rest = b.text.strip_prefix(kicker.as_str())?;
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || ":|–—-".contains(c));
        (!kicker.is_empty() && !rest.is_empty()).then_some(rest)
    }

    /// The first h1–h3 inside the story element (for appended stories).
    fn own_heading(&self) -> Option<String> {
        if self.region == self.container && self.single {
            return None;
        }
        let end = self.dom.nodes[self.region as usize].end;
        let first = self.blocks.partition_point(|b| b.start < self.region);
        self.blocks[first..]
            .iter()
            .take_while(|b| b.start < end)
            .find(|b| b.heading > 0 && b.heading <= 3 && b.prune != Prune::Hidden)
            .map(|b| b.text.clone())
    }

    fn matching_ld(&self, heading: Option<&str>) -> Option<&LdArticle> {
        let lds = &self.meta.ld_articles;
        let norm = |s: &str| collapse(s).to_lowercase();
        if let Some(h) = heading {
            let h = norm(h);
            if let Some(l) = lds
                .iter()
                .find(|l| l.headline.as_deref().is_some_and(|t| norm(t) == h))
            {
                return Some(l);
            }
        }
        if self.single {
            lds.first()
        } else {
            None
        }
    }

    fn scan_region(&self) -> RegionFacts {
        let mut facts = RegionFacts::default();
        let mut buf = String::new();
        let start = self.region;
        let end = self.dom.nodes[start as usize].end;
        for i in start..end {
            let node = &self.dom.nodes[i as usize];
            let Data::Element(e) = node.data else {
                continue;
            };
            if self.info[i as usize].prune == Prune::Hidden && node.tag != Tag::Meta {
                continue;
            }
            if facts.time.is_none() {
                let dt = match node.tag {
                    Tag::Time => attr(e, "datetime"),
                    Tag::Meta if attr(e, "itemprop") == Some("datePublished") => attr(e, "content"),
                    _ if attr(e, "itemprop") == Some("datePublished") => {
                        attr(e, "datetime").or_else(|| attr(e, "content"))
                    }
                    _ => None,
                };
                facts.time = dt.map(str::to_string);
            }
            if facts.byline.is_some() && facts.subtitle.is_some() {
                if facts.time.is_some() {
                    break;
                }
                continue;
            }
            class_id_lower(e, &mut buf);
            if buf.is_empty() && node.tag != Tag::A {
                continue;
            }
            if facts.byline.is_none()
                && (groups_of(&buf).has(Group::Byline) || attr(e, "rel") == Some("author"))
            {
                let text = CUES.byline_rest(&self.dom.text_of(i)).to_string();
                if !text.is_empty() && text.chars().count() <= MAX_BYLINE_CHARS {
                    facts.byline = Some(text);
                }
            }
            if facts.subtitle.is_none()
                && groups_of(&buf).has(Group::Subtitle)
                && !matches!(node.tag, Tag::Heading(1))
            {
                let text = self.dom.text_of(i);
                if text.chars().count() >= 20 && text.chars().count() <= 400 {
                    facts.subtitle = Some(text);
                }
            }
        }
        facts
    }

    /// A visible date near the top of the story.
    fn visible_date(&self) -> Option<Published> {
        let end = self.dom.nodes[self.region as usize].end;
        let first = self.blocks.partition_point(|b| b.start < self.region);
        let blocks = self.blocks[first..].iter().take_while(|b| b.start < end);
        // Start at the headline when there is one: dates sit just below it.
        // A date inside the headline itself is what the story is about
        // ("results of 11–12 July"), not when it was published.
        let from_heading = blocks
            .clone()
            .position(|b| b.heading > 0 && b.heading <= 2)
            .map_or(0, |k| k + 1);
        for b in blocks.skip(from_heading).take(DATE_SEARCH_BLOCKS) {
            if b.prune == Prune::Hidden {
                continue;
            }
            if let Some(m) = marsad_dates::find_date(&b.text) {
                return Some(m.published);
            }
            if let Some(anchor) = self.anchor {
                if let Some(p) = marsad_dates::resolve_relative(&b.text, anchor) {
                    return Some(p);
                }
            }
        }
        None
    }

    /// A date printed just below (or just above) the page's headline,
    /// wherever the headline stands: in a navigation-like "meta" bar too,
    /// not in related lists or comments.
    fn date_near_headline(&self, title: Option<&str>) -> Option<Published> {
        let is_h1 = |b: &&Block| b.heading == 1 && b.prune != Prune::Hidden;
        let at = self
            .blocks
            .iter()
            .position(|b| is_h1(&b) && title.is_some_and(|t| collapse(&b.text) == t))
            .or_else(|| {
                self.blocks
                    .iter()
                    .position(|b| is_h1(&b) && b.prune == Prune::Keep)
            })?;
        let from = at.saturating_sub(settings::DATE_BLOCKS_ABOVE_HEADLINE);
        self.blocks[from..]
            .iter()
            .take(DATE_SEARCH_BLOCKS + (at - from))
            .filter(|b| {
                matches!(
                    b.prune,
                    Prune::Keep
                        | Prune::Furniture(FurnitureKind::Navigation)
                        | Prune::Furniture(FurnitureKind::Other)
                )
            })
            .filter(|b| b.chars as usize <= settings::MAX_DATE_BLOCK_CHARS && b.heading != 1)
            .find_map(|b| marsad_dates::find_date(&b.text))
            .map(|m| m.published)
    }

    /// The first short block anywhere outside furniture whose first text
    /// sits in an element (up to the block's own) with a class or id saying it holds a
    /// date ("date", "publish", "posted", "time"), and whose text reads as
    /// one, as htmldate's `date_candidates`. Blocks, not elements, are
    /// scanned: their text is already cut, so this stays linear.
    fn date_element(&self) -> Option<Published> {
        let mut buf = String::new();
        for b in self.blocks {
            match b.prune {
                Prune::Keep | Prune::Furniture(FurnitureKind::Other) => {}
                _ => continue,
            }
            if b.chars as usize > settings::MAX_DATE_BLOCK_CHARS
                || !b.text.chars().any(char::is_numeric)
            {
                continue;
            }
            // From the block's first text up: the inline element that
            // carries the date class (`<span class="…-time">`) is below
            // the block's owner.
            let mut node = self.dom.nodes[b.start as usize].parent;
            let mut marked = false;
            for _ in 0..settings::DATE_CLASS_LEVELS {
                if node == NO_PARENT {
                    break;
                }
                if let Some(e) = self.dom.nodes[node as usize].element() {
                    class_id_lower(e, &mut buf);
                    if DATE_ELEMENT_MARKERS.iter().any(|m| buf.contains(m)) {
                        marked = true;
                        break;
                    }
                }
                if node == b.owner {
                    break;
                }
                node = self.dom.nodes[node as usize].parent;
            }
            if marked {
                if let Some(m) = marsad_dates::find_date(&b.text) {
                    return Some(m.published);
                }
            }
        }
        None
    }

    /// `المصدر: …` lines, or an agency credit standing alone.
    fn original_source(&self, body: &Body) -> Option<String> {
        let end = self.dom.nodes[self.region as usize].end;
        let first = self.blocks.partition_point(|b| b.start < self.region);
        for b in self.blocks[first..].iter().take_while(|b| b.start < end) {
            if b.prune == Prune::Hidden {
                continue;
            }
            if let Some(src) = source_line(&b.text) {
                return Some(src);
            }
        }
        for k in [body.used.first(), body.used.last()].into_iter().flatten() {
            let t = self.blocks[*k]
                .text
                .trim_matches(|c: char| c.is_whitespace() || "()[]-–—.«»\"".contains(c));
            if CUES.is_agency(t) {
                return Some(t.to_string());
            }
        }
        let _ = self.container;
        None
    }
}

/// A machine date written in UTC ("…Z", "…+00:00").
fn is_utc(raw: &str) -> bool {
    let t = raw.trim();
    t.ends_with('Z') || t.ends_with("+00:00") || t.ends_with("+0000") || t.ends_with("GMT")
}

/// The hour of an ISO timestamp whose time the date parser did not take
/// ("2020-12-05T23:15:0Z": one-digit seconds).
fn hour_of(raw: &str) -> Option<u8> {
    let t = raw.trim().get(10..13)?;
    t.strip_prefix(['T', ' '])?.parse().ok().filter(|h| *h < 24)
}

/// Whether `printed` can be the local day of the UTC time `utc`: the same
/// day, the next day when the UTC time is late evening, the day before when
/// it is early morning (offsets of the regions marsad reads, see settings).
fn utc_day_shift_plausible(utc: Published, utc_hour: Option<u8>, printed: Published) -> bool {
    let shift = printed.days_from_epoch() - utc.days_from_epoch();
    let hour = utc.time.map(|(h, _)| h).or(utc_hour);
    match shift {
        0 => true,
        1 => hour.is_some_and(|h| h >= settings::UTC_HOUR_NEXT_LOCAL_DAY),
        -1 => hour.is_some_and(|h| h < settings::UTC_HOUR_PREVIOUS_LOCAL_DAY),
        _ => false,
    }
}

/// Class/id fragments of elements that print a date (htmldate's date classes).
const DATE_ELEMENT_MARKERS: &[&str] = &["date", "publish", "posted", "time", "byline", "meta"];

/// `المصدر: الجزيرة + وكالات` → `الجزيرة + وكالات`.
fn source_line(text: &str) -> Option<String> {
    let rest = CUES.source_label_rest(text)?;
    (!rest.is_empty() && rest.chars().count() <= MAX_BYLINE_CHARS).then(|| rest.to_string())
}

/// Pruned text grouped by pruned region, plus related links found in articles.
fn furniture(blocks: &[Block], related: &[usize]) -> Vec<Furniture> {
    let mut out: Vec<Furniture> = Vec::new();
    let mut last_root = NO_PARENT;
    let mut related = related.iter().peekable();
    for (k, b) in blocks.iter().enumerate() {
        let (kind, root) = if related.peek() == Some(&&k) {
            related.next();
            (FurnitureKind::Related, u32::MAX - 1)
        } else {
            match content::furniture_kind(b) {
                Some(kind) => (kind, b.prune_root),
                None => {
                    last_root = NO_PARENT;
                    continue;
                }
            }
        };
        if root == last_root {
            if let Some(f) = out.last_mut() {
                if f.text.chars().count() < MAX_FURNITURE_CHARS {
                    f.text.push(' ');
                    f.text.push_str(&b.text);
                    truncate_chars(&mut f.text, MAX_FURNITURE_CHARS);
                }
                continue;
            }
        }
        if out.len() >= MAX_FURNITURE_ITEMS {
            break;
        }
        last_root = root;
        let kind = if kind == FurnitureKind::Other && CUES.opens_related(&b.text, b.heading > 0) {
            FurnitureKind::Related
        } else {
            kind
        };
        let mut text = b.text.clone();
        truncate_chars(&mut text, MAX_FURNITURE_CHARS);
        out.push(Furniture {
            line: None,
            kind,
            text,
        });
    }
    out
}

fn truncate_chars(s: &mut String, max: usize) {
    if let Some((pos, _)) = s.char_indices().nth(max) {
        s.truncate(pos);
        let trimmed = s.trim_end().len();
        s.truncate(trimmed);
    }
}

/// A human-readable trace of the container choice, for debugging extraction
/// on one page (`cargo run -p marsad-html --example explain -- page.html`).
#[doc(hidden)]
pub fn explain(html: &str) -> String {
    use std::fmt::Write;
    let html = Html::parse_document(&limits::cap_nesting(html));
    let dom = Dom::new(&html);
    let info = prune::classify(&dom);
    let blocks = blocks::segment(&dom, &info);
    let scores = content::score(&dom, &blocks);
    let mut out = String::new();
    let describe = |i: u32| -> String {
        let n = &dom.nodes[i as usize];
        match n.element() {
            Some(e) => format!(
                "#{i} <{} class={:?} id={:?}> vote={:.0} prose={} prune={:?}",
                e.name(),
                attr(e, "class").unwrap_or(""),
                attr(e, "id").unwrap_or(""),
                scores.vote[i as usize],
                scores.prose[i as usize],
                info[i as usize].prune
            ),
            None => format!("#{i}"),
        }
    };
    let best = content::best_container(&dom, &info, &scores, 0);
    let _ = writeln!(out, "best: {}", best.map(describe).unwrap_or_default());
    if let Some(b) = best {
        let mut i = dom.nodes[b as usize].parent;
        while i != NO_PARENT {
            let _ = writeln!(out, "  up: {}", describe(i));
            i = dom.nodes[i as usize].parent;
        }
    }
    let stories = content::story_elements(&dom, &info, &scores, &blocks);
    let _ = writeln!(out, "stories: {stories:?}");
    for (i, ni) in info.iter().enumerate() {
        if ni.body_marker && scores.prose[i] > 0 {
            let _ = writeln!(out, "marker: {}", describe(i as u32));
        }
    }
    let mut text_by_root: std::collections::BTreeMap<u32, u32> = Default::default();
    for b in &blocks {
        if b.prune != Prune::Keep {
            *text_by_root.entry(b.prune_root).or_default() += b.chars;
        }
    }
    for (root, chars) in text_by_root {
        if chars >= 300 {
            let _ = writeln!(out, "pruned {chars} chars: {}", describe(root));
        }
    }
    for b in &blocks {
        let inside = best.is_some_and(|c| dom.contains(c, b.start));
        let _ = writeln!(
            out,
            "{} owner={} h{} li={} cap={} ld={:.2} {:?}@{} | {}",
            if inside { "*" } else { " " },
            b.owner,
            b.heading,
            b.in_li as u8,
            b.caption as u8,
            b.link_density(),
            b.prune,
            b.prune_root,
            b.text.chars().take(100).collect::<String>()
        );
    }
    out
}
