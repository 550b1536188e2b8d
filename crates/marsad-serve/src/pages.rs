//! The HTML pages: home, story, article, search, entity. Each reads what
//! its API endpoint answers and lays it out; nothing here needs JavaScript
//! (the page-lines toggle is a `<details>` element).

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use marsad_engine::{CoverageDay, EntitySummary, StoryView};

use crate::api::{self, SearchParams, StoriesParams};
use crate::render::{self, page, role_badge, source_of, span};
use crate::story_cache::StoryAnswer;
use crate::{ApiError, Shared};

/// An error as a page (same status as the API would give).
fn error_page(e: ApiError) -> Response {
    let body = html! {
        h1 { "تعذر عرض الصفحة" }
        p.error data-status=(e.status.as_u16()) { (e.message) }
        p { a href="/" { "العودة إلى القصص" } }
    };
    (e.status, page("خطأ", "", body)).into_response()
}

pub fn not_found_page(message: &str) -> Response {
    error_page(ApiError::new(StatusCode::NOT_FOUND, message))
}

fn story_item(s: &StoryView) -> Markup {
    html! {
        li data-story=(s.id) {
            a.title href={ "/stories/" (s.id) } { (if s.title.is_empty() { "(بلا عنوان)" } else { s.title.as_str() }) }
            div.meta {
                (span(s.first.as_deref(), s.last.as_deref()))
                " · " (s.articles.len()) " مقالة"
                " · " (s.outlets) " منفذ"
            }
        }
    }
}

pub async fn home(
    State(app): State<Shared>,
    params: Result<Query<StoriesParams>, QueryRejection>,
) -> Response {
    let params = match params {
        Ok(Query(p)) => p,
        Err(e) => return error_page(api::query_error(e)),
    };
    let largest = match api::stories_page(
        &app,
        &StoriesParams {
            sort: Some("largest".into()),
            ..params.clone()
        },
    ) {
        Ok(p) => p,
        Err(e) => return error_page(e),
    };
    let latest = match api::stories_page(
        &app,
        &StoriesParams {
            sort: Some("latest".into()),
            ..params
        },
    ) {
        Ok(p) => p,
        Err(e) => return error_page(e),
    };
    let next = largest.offset + largest.limit;
    let body = html! {
        h1 { "القصص" }
        p.meta { (largest.total) " قصة في المرصد" }
        div.grid.two {
            section #latest {
                h2 { "الأحدث" }
                ol.stories { @for s in &latest.stories { (story_item(s)) } }
            }
            section #largest {
                h2 { "الأكبر" }
                ol.stories { @for s in &largest.stories { (story_item(s)) } }
            }
        }
        nav.pages {
            @if largest.offset > 0 {
                a rel="prev" href={ "/?" (render::query_string(&[("offset", &largest.offset.saturating_sub(largest.limit).to_string()), ("limit", &largest.limit.to_string())])) } { "السابق" }
            }
            @if next < largest.total {
                a rel="next" href={ "/?" (render::query_string(&[("offset", &next.to_string()), ("limit", &largest.limit.to_string())])) } { "المزيد" }
            }
        }
    };
    page("القصص", "", body).into_response()
}

/// Articles per day as bars: drawn here, no script.
fn coverage_chart(days: &[CoverageDay]) -> Markup {
    let max = days.iter().map(|d| d.articles).max().unwrap_or(0).max(1);
    let (bar, gap, height) = (28usize, 10usize, 90usize);
    let width = (days.len() * (bar + gap)).max(bar + gap);
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" role="img" aria-label="التغطية عبر الزمن"
            width=(width) height=(height + 40) viewBox={ "0 0 " (width) " " (height + 40) } {
            // Time runs right to left, as the page reads.
            @for (i, d) in days.iter().enumerate() {
                @let h = d.articles * height / max;
                @let x = width - (i + 1) * (bar + gap) + gap / 2;
                g {
                    title { (d.day) ": " (d.articles) " مقالة، " (d.outlets) " منفذ" }
                    rect x=(x) y=(height - h + 14) width=(bar) height=(h) {}
                    text x=(x + bar / 2) y="12" text-anchor="middle" { (d.articles) }
                    text x=(x + bar / 2) y=(height + 30) text-anchor="middle" { (d.day.get(5..).unwrap_or(&d.day)) }
                }
            }
        }
    }
}

/// Entities and quotes shown at first; the rest behind a `<details>`.
const SHOWN: usize = 8;

fn entity_item(e: &EntitySummary) -> Markup {
    html! {
        li data-entity=(e.key) {
            a href={ "/entities/" (render::segment(&e.key)) } { (e.canonical) }
            " " span.meta { "(" (e.articles) ")" }
            @if e.variants.len() > 1 || e.variants.first().is_some_and(|v| v != &e.canonical) {
                div.variants { "يُكتب: " @for (i, v) in e.variants.iter().enumerate() { @if i > 0 { " · " } span.variant { (v) } } }
            }
            @if let Some(role) = &e.role { div.variants { (role) } }
        }
    }
}

fn quote_item(q: &marsad_engine::QuoteView) -> Markup {
    html! {
        blockquote {
            (if q.direct { format!("«{}»", q.text) } else { q.text.clone() })
            span.meta {
                @if let Some(cue) = &q.cue { (cue) " — " }
                a href={ "/articles/" (q.article) } { (q.outlet.as_deref().unwrap_or("مصدر غير مسمى")) }
            }
        }
    }
}

fn entity_list(entities: &[EntitySummary]) -> Markup {
    let groups = [
        ("PERS", "الأشخاص"),
        ("LOC", "الأماكن"),
        ("ORG", "المنظمات"),
        ("MISC", "أخرى"),
    ];
    html! {
        div.grid.two.entities {
            @for (label, heading) in groups {
                @let of: Vec<&EntitySummary> = entities.iter().filter(|e| e.entity_type.label() == label).collect();
                @if !of.is_empty() {
                    section data-type=(label) {
                        h3 { (heading) }
                        ul.plain {
                            @for e in of.iter().take(SHOWN) { (entity_item(e)) }
                        }
                        @if of.len() > SHOWN {
                            details.more {
                                summary { "و" (of.len() - SHOWN) " غيرهم" }
                                ul.plain { @for e in of.iter().skip(SHOWN) { (entity_item(e)) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn story_link(app: &Shared, id: &str) -> Markup {
    let catalog = app.catalog();
    html! {
        li { a href={ "/stories/" (id) } data-story=(id) { (catalog.title(id).filter(|t| !t.is_empty()).unwrap_or("قصة")) } " " span.meta { "#" (id) } }
    }
}

/// Timeline rows on one page of a story: a longer timeline goes on at
/// `?page=2`, `?page=3`…, linked above and below it.
pub const TIMELINE_PAGE: usize = 100;
/// Speakers whose quotes the story page shows (the most quoted first); the
/// others are listed by name, each linked to its quotes on the story's
/// quotes page (`/stories/{id}/quotes`), which shows every one.
pub const SPEAKERS_SHOWN: usize = 20;
/// Quotes of a speaker shown at once on the story page.
pub const QUOTES_SHOWN: usize = 3;
/// Quotes of a speaker on the story page at most, the ones past
/// [`QUOTES_SHOWN`] folded under a `<details>`; the rest are on the quotes page.
pub const QUOTES_FOLDED: usize = 8;

/// A story with at most this many quotes shows every one on its page: the
/// limits above are for the few stories whose quotes would make the page long.
pub const QUOTES_ON_PAGE: usize = 120;

/// The query of a story page.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct StoryParams {
    /// The timeline's page, from 1.
    pub page: Option<String>,
}

fn parse_page(v: &Option<String>) -> Result<usize, ApiError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(1),
        Some(s) => s.parse::<usize>().ok().filter(|&n| n >= 1).ok_or_else(|| {
            ApiError::bad_request(format!("page must be a whole number ≥ 1, not {s:?}"))
        }),
    }
}

/// Timeline pages of a story of `articles` articles (at least one).
fn timeline_pages(articles: usize) -> usize {
    articles.div_ceil(TIMELINE_PAGE).max(1)
}

pub async fn story(
    State(app): State<Shared>,
    id: Result<Path<String>, PathRejection>,
    params: Result<Query<StoryParams>, QueryRejection>,
) -> Response {
    let id = match id {
        Ok(Path(id)) => id,
        Err(e) => return error_page(api::path_error(e)),
    };
    let page_no = match params
        .map_err(api::query_error)
        .and_then(|Query(p)| parse_page(&p.page))
    {
        Ok(n) => n,
        Err(e) => return error_page(e),
    };
    let answer = match api::load_story(&app, &id).await {
        Ok(d) => d,
        Err(e) => return error_page(e),
    };
    let pages = timeline_pages(answer.detail.story.articles.len());
    if page_no > pages {
        return not_found_page(&format!("لا صفحة {page_no} في هذه القصة: صفحاتها {pages}"));
    }
    if page_no > 1 {
        return story_page(&app, &answer.detail, page_no).into_response();
    }
    let body = render_first_page(&app, &answer);
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

/// The story page's first page, asked for far more than the others: rendered once per kept
/// answer (when it is built).
pub(crate) fn render_first_page(app: &Shared, answer: &StoryAnswer) -> axum::body::Bytes {
    answer.page(|d| story_page(app, d, 1).into_string())
}

/// Links to the timeline's other pages.
fn timeline_nav(story: &str, page_no: usize, pages: usize) -> Markup {
    html! {
        @if pages > 1 {
            nav.pages.timeline-pages {
                @if page_no > 1 {
                    a rel="prev" href={ "/stories/" (story) @if page_no > 2 { "?page=" (page_no - 1) } } { "السابق" }
                }
                span.meta { "صفحة " (page_no) " من " (pages) }
                @if page_no < pages {
                    a rel="next" href={ "/stories/" (story) "?page=" (page_no + 1) } { "التالي" }
                }
            }
        }
    }
}

/// One speaker's quotes: `shown` at once, up to `folded` in all on this page,
/// and a link to the rest on the quotes page when there are more.
fn speaker_quotes(
    story: &str,
    at: usize,
    g: &marsad_engine::SpeakerQuotes,
    shown: usize,
    folded: usize,
) -> Markup {
    html! {
        div.speaker id={ "speaker-" (at) } data-speaker=(g.key.as_deref().unwrap_or("")) {
            h3 {
                @match (&g.key, &g.speaker) {
                    (Some(k), Some(name)) => { a href={ "/entities/" (render::segment(k)) } { (name) } }
                    (None, Some(name)) => { (name) }
                    _ => { "متحدث غير مسمى" }
                }
            }
            @for q in g.quotes.iter().take(shown) { (quote_item(q)) }
            @if g.quotes.len() > shown && folded > shown {
                details.more {
                    summary { "و" (g.quotes.len().min(folded) - shown) " اقتباسات أخرى" }
                    @for q in g.quotes.iter().take(folded).skip(shown) { (quote_item(q)) }
                }
            }
            @if g.quotes.len() > folded {
                p.meta { a href={ "/stories/" (story) "/quotes#speaker-" (at) } { "كل اقتباساته (" (g.quotes.len()) ")" } }
            }
        }
    }
}

fn story_page(app: &Shared, d: &marsad_engine::StoryDetail, page_no: usize) -> Markup {
    let s = &d.story;
    let pages = timeline_pages(s.articles.len());
    let first_row = (page_no - 1) * TIMELINE_PAGE;
    let rows = s.articles.iter().skip(first_row).take(TIMELINE_PAGE);
    let body = html! {
        article.story data-story=(s.id) {
            h1 { (s.title) }
            p.meta {
                (span(s.first.as_deref(), s.last.as_deref()))
                " · " (s.articles.len()) " مقالة من " (s.outlets) " منفذ"
            }
            @if !d.coverage.is_empty() {
                section #coverage { h2 { "التغطية عبر الزمن" } (coverage_chart(&d.coverage)) }
            }
            section #timeline {
                h2 { "المقالات" @if pages > 1 { " " span.meta { (first_row + 1) "–" ((first_row + TIMELINE_PAGE).min(s.articles.len())) " من " (s.articles.len()) } } }
                (timeline_nav(&s.id, page_no, pages))
                ol.timeline start=(first_row + 1) {
                    @for a in rows {
                        li data-article=(a.id) data-role=(a.role.unwrap_or("")) {
                            span.when { (render::day(a.published.as_deref())) }
                            div {
                                a href={ "/articles/" (a.id) } { (a.title.as_deref().unwrap_or("(بلا عنوان)")) }
                                (role_badge(a))
                                div.meta { (source_of(a)) }
                            }
                        }
                    }
                }
                (timeline_nav(&s.id, page_no, pages))
            }
            @if !s.follows.is_empty() || !s.followed_by.is_empty() {
                section #links {
                    @if !s.follows.is_empty() {
                        h2 { "قصص سابقة" }
                        ul.plain.follows { @for f in &s.follows { (story_link(app, f)) } }
                    }
                    @if !s.followed_by.is_empty() {
                        h2 { "متابعات لاحقة" }
                        ul.plain.followed-by { @for f in &s.followed_by { (story_link(app, f)) } }
                    }
                }
            }
            @if !d.entities.is_empty() {
                section #entities { h2 { "الأشخاص والأماكن والمنظمات" } (entity_list(&d.entities)) }
            }
            @if !d.quotes.is_empty() {
                section #quotes {
                    h2 { "من قال ماذا" }
                    @let all = d.quotes.iter().map(|g| g.quotes.len()).sum::<usize>() <= QUOTES_ON_PAGE;
                    @let (speakers, shown, folded) = if all { (usize::MAX, usize::MAX, usize::MAX) } else { (SPEAKERS_SHOWN, QUOTES_SHOWN, QUOTES_FOLDED) };
                    @for (at, g) in d.quotes.iter().enumerate().take(speakers) {
                        (speaker_quotes(&s.id, at, g, shown, folded))
                    }
                    @if d.quotes.len() > speakers {
                        p.others {
                            "ومتحدثون آخرون: "
                            @for (at, g) in d.quotes.iter().enumerate().skip(speakers) {
                                @if at > SPEAKERS_SHOWN { " · " }
                                a href={ "/stories/" (s.id) "/quotes#speaker-" (at) } { (g.speaker.as_deref().unwrap_or("متحدث غير مسمى")) } " (" (g.quotes.len()) ")"
                            }
                        }
                    }
                    @if d.quotes.len() > speakers || d.quotes.iter().any(|g| g.quotes.len() > folded) {
                        p.meta { a href={ "/stories/" (s.id) "/quotes" } { "كل الاقتباسات" } }
                    }
                }
            }
            @if !d.figures.is_empty() {
                section #figures {
                    h2 { "الأرقام بين المنافذ" }
                    div.table-wrap {
                    table {
                        thead { tr { th { "ما يُعدّ" } th { "الحكم" } th { "المنفذ" } th { "الرقم كما ورد" } } }
                        tbody {
                            @for f in &d.figures {
                                @let differ = f.verdict == marsad_entities::Verdict::Differ;
                                @for (i, v) in f.values.iter().enumerate() {
                                    tr.differ[differ] data-unit=(f.unit) {
                                        @if i == 0 {
                                            td.unit rowspan=(f.values.len()) { (f.unit) }
                                            td rowspan=(f.values.len()) {
                                                @if differ { span.badge.differ { "اختلاف" } } @else { span.badge.agree { "متفقة" } }
                                            }
                                        }
                                        td { a href={ "/articles/" (v.article) } { (v.outlet) } }
                                        td { (v.figure.text) }
                                    }
                                }
                            }
                        }
                    }
                    }
                }
            }
            p.meta { a href={ "/search?" (render::query_string(&[("story", &s.id)])) } { "ابحث داخل هذه القصة" } " · " a href={ "/api/stories/" (s.id) } { "JSON" } }
        }
    };
    page(&s.title, "", body)
}

/// Every quote of a story, grouped by speaker (the story page shows the
/// most quoted speakers' first ones).
pub async fn story_quotes(
    State(app): State<Shared>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let id = match id {
        Ok(Path(id)) => id,
        Err(e) => return error_page(api::path_error(e)),
    };
    let answer = match api::load_story(&app, &id).await {
        Ok(d) => d,
        Err(e) => return error_page(e),
    };
    let d = &answer.detail;
    let s = &d.story;
    let body = html! {
        article.story-quotes data-story=(s.id) {
            h1 { a href={ "/stories/" (s.id) } { (s.title) } }
            section #quotes {
                h2 { "من قال ماذا" " " span.meta { (d.quotes.iter().map(|g| g.quotes.len()).sum::<usize>()) " اقتباسًا من " (d.quotes.len()) " متحدثًا" } }
                @for (at, g) in d.quotes.iter().enumerate() {
                    (speaker_quotes(&s.id, at, g, usize::MAX, usize::MAX))
                }
            }
        }
    };
    page(&s.title, "", body).into_response()
}

pub async fn article(
    State(app): State<Shared>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let id = match id {
        Ok(Path(id)) => id,
        Err(e) => return error_page(api::path_error(e)),
    };
    let a = match api::load_article(&app, &id).await {
        Ok(a) => a,
        Err(e) => return error_page(e),
    };
    let title = a
        .summary
        .title
        .clone()
        .unwrap_or_else(|| "(بلا عنوان)".into());
    let published = a.summary.published.map(|p| p.to_string());
    let body = html! {
        article.text data-article=(a.summary.id) {
            h1 { (title) }
            @if let Some(sub) = &a.subtitle { p.subtitle { strong { (sub) } } }
            p.meta {
                @if let Some(o) = &a.summary.outlet { span.outlet { (o) } " · " }
                @if let Some(c) = &a.summary.original_source { "المصدر: " (c) " · " }
                (render::day(published.as_deref()))
                @if let Some(b) = &a.byline { " · " (b) }
                @if let Some(s) = &a.story { " · " a href={ "/stories/" (s) } { "القصة" } }
                @if let Some(u) = &a.summary.url { " · " a.ltr href=(u) rel="noreferrer" { "الرابط" } }
            }
            @for c in &a.captions { figure { figcaption { (c.text) } } }
            @for p in &a.paragraphs {
                @match p.kind {
                    marsad_model::ParagraphKind::Subheading => { h2 { (p.text) } }
                    marsad_model::ParagraphKind::Body => { p { (p.text) } }
                }
            }
        }
        @if let Some(lines) = &a.lines {
            details.lines #page-lines {
                summary { "أسطر الصفحة الأصلية وتصنيفها (" (lines.len()) " سطرًا)" }
                p.meta { "الأسطر الرمادية أثاث الصفحة: قوائم وروابط ومشاركة وتعليقات، استُبعدت من النص." }
                ol.lines {
                    @for l in lines {
                        @let class = if l.furniture { format!("{} furniture", l.class) } else { l.class.clone() };
                        li class=(class) data-line=(l.line) data-class=(l.class) {
                            span.n { (l.line) }
                            span.class { (line_class(&l.class)) }
                            span.t { (l.text) }
                        }
                    }
                }
            }
        }
        @if !a.entities.is_empty() {
            section #entities { h2 { "الأشخاص والأماكن والمنظمات" } (entity_list(&a.entities)) }
        }
        @if !a.quotes.is_empty() {
            section #quotes {
                h2 { "الاقتباسات" }
                @for q in &a.quotes {
                    blockquote { (q.text) span.meta { (q.speaker.as_deref().unwrap_or("متحدث غير مسمى")) } }
                }
            }
        }
        p.meta { a href={ "/api/articles/" (a.summary.id) } { "JSON" } }
    };
    page(&title, "", body).into_response()
}

fn line_class(c: &str) -> &str {
    match c {
        "title" => "العنوان",
        "body" => "متن",
        "subheading" => "عنوان فرعي",
        "caption" => "تعليق صورة",
        "article" => "مقالة أخرى",
        "blank" => "",
        "unkept" => "لم يُحفظ",
        "navigation" => "تنقل",
        "share" => "مشاركة",
        "related" => "روابط ذات صلة",
        "interstitial" => "فاصل",
        "comments" => "تعليقات",
        "footer" => "تذييل",
        "disclaimer" => "تنويه",
        "tags" => "وسوم",
        "branding" => "هوية الموقع",
        other => other,
    }
}

pub async fn search(
    State(app): State<Shared>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    let params = match params {
        Ok(Query(p)) => p,
        Err(e) => return error_page(api::query_error(e)),
    };
    let request = params.request();
    let results = match &request {
        Ok(r)
            if !r.query.trim().is_empty()
                || r.outlet.is_some()
                || r.story.is_some()
                || r.from.is_some()
                || r.to.is_some() =>
        {
            Some(api::run_search(&app, r.clone()).await)
        }
        _ => None,
    };
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let q = v(&params.q);
    let body = html! {
        h1 { "بحث" }
        form.search action="/search" method="get" {
            label.q { "الكلمات" input type="search" name="q" value=(q) placeholder="كلمات، \"عبارة بين علامتي تنصيص\"، -كلمة مستبعدة"; }
            label { "المنفذ" input type="text" name="outlet" value=(v(&params.outlet)); }
            label { "من يوم" input type="date" name="from" value=(v(&params.from)); }
            label { "إلى يوم" input type="date" name="to" value=(v(&params.to)); }
            label { "القصة" input type="text" inputmode="numeric" name="story" value=(v(&params.story)); }
            label { "عدد النتائج" input type="number" min="1" name="limit" value=(params.limit.clone().unwrap_or_else(|| api::DEFAULT_LIMIT.to_string())); }
            button type="submit" { "ابحث" }
        }
        p.meta { "الكلمات كلها مطلوبة؛ \"العبارة\" تتطلب التجاور؛ -كلمة تستبعد. لا أثر للتشكيل ولا لصور الحروف (أ/إ/آ/ا، ى/ي، ة/ه) ولا للسوابق (و، ال، ب، ل…)، وتلتقي صور كتابة الأسماء (ترمب = ترامب)." }
        @if let Err(e) = &request { p.error data-status=(e.status.as_u16()) { (e.message) } }
        @match &results {
            Some(Err(e)) => { p.error data-status=(e.status.as_u16()) { (e.message) } }
            Some(Ok(r)) => {
                p.meta #total { (r.total) " نتيجة" @if !r.hits.is_empty() { "، تُعرض " (r.offset + 1) "–" (r.offset + r.hits.len()) } }
                ol.hits {
                    @for h in &r.hits {
                        li data-article=(h.hit.article_id) {
                            a.title href={ "/articles/" (h.hit.article_id) } { (h.hit.title.as_deref().unwrap_or("(بلا عنوان)")) }
                            div.meta {
                                @if let Some(o) = &h.hit.outlet { (o) " · " }
                                (render::day(h.hit.published.map(|p| p.to_string()).as_deref()))
                                @if let Some(s) = h.hit.story { " · " a href={ "/stories/" (s) } data-story=(s) { "القصة" } }
                            }
                            @if !h.hit.snippet.is_empty() { p.snippet { (render::snippet(&h.hit.snippet)) } }
                        }
                    }
                }
                nav.pages {
                    @let pairs = |offset: usize| render::query_string(&[
                        ("q", &q), ("outlet", &v(&params.outlet)), ("from", &v(&params.from)),
                        ("to", &v(&params.to)), ("story", &v(&params.story)),
                        ("limit", &r.limit.to_string()), ("offset", &offset.to_string()),
                    ]);
                    @if r.offset > 0 { a rel="prev" href={ "/search?" (pairs(r.offset.saturating_sub(r.limit))) } { "السابق" } }
                    @if r.offset + r.hits.len() < r.total && r.limit > 0 { a rel="next" href={ "/search?" (pairs(r.offset + r.limit)) } { "التالي" } }
                }
            }
            None => {}
        }
    };
    page("بحث", &q, body).into_response()
}

pub async fn entity(
    State(app): State<Shared>,
    key: Result<Path<String>, PathRejection>,
) -> Response {
    let key = match key {
        Ok(Path(k)) => k,
        Err(e) => return error_page(api::path_error(e)),
    };
    let d = match api::load_entity(&app, &key).await {
        Ok(d) => d,
        Err(e) => return error_page(e),
    };
    let e = &d.entity;
    let body = html! {
        article.entity data-entity=(e.key) {
            h1 { (e.canonical) }
            p.meta { (render::entity_type(e.entity_type.label())) " · " (e.articles) " مقالة · " (e.mentions) " ذكرًا" @if let Some(r) = &e.role { " · " (r) } }
            h2 { "صور الكتابة" }
            ul.plain.variants { @for v in &e.variants { li.variant { (v) } } }
            h2 { "القصص" }
            ol.stories {
                @for s in &d.stories {
                    li data-story=(s.id) {
                        a.title href={ "/stories/" (s.id) } { (s.title.as_deref().unwrap_or("(بلا عنوان)")) }
                        div.meta { (render::day(s.last.as_deref())) " · " (s.articles) " مقالة" }
                    }
                }
            }
            @if !d.quotes.is_empty() {
                h2 { "ما قاله" }
                @for q in &d.quotes {
                    blockquote { (q.text) span.meta { a href={ "/articles/" (q.article) } { (q.outlet.as_deref().unwrap_or("مصدر غير مسمى")) } } }
                }
            }
        }
    };
    page(&e.canonical, "", body).into_response()
}
