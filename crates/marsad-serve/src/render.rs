//! The page frame (Arabic first, right to left), the style sheet, and the
//! small pieces every page uses.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use marsad_engine::StoryArticle;

/// The style sheet: phone first, a wider grid from 60em.
pub const STYLE: &str = r#"
@font-face { font-family: "Amiri"; src: url("/static/fonts/Amiri-Regular.ttf") format("truetype"); font-weight: 400; font-display: swap; }
@font-face { font-family: "Amiri"; src: url("/static/fonts/Amiri-Bold.ttf") format("truetype"); font-weight: 700; font-display: swap; }
:root { --ink: #1b1f23; --muted: #5f6b76; --line: #d8dee4; --accent: #0b5d7a; --bg: #fbfaf7; --warn: #a4330b; --ok: #2e6b30; }
* { box-sizing: border-box; }
html { font-size: 112.5%; }
body { margin: 0; font-family: "Amiri", "Noto Naskh Arabic", serif; color: var(--ink); background: var(--bg); line-height: 1.7; }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
header.site { background: #0d3b4c; color: #fff; padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; }
header.site a { color: #fff; }
header.site .brand { font-weight: 700; font-size: 1.35rem; }
header.site form { flex: 1 1 14rem; display: flex; gap: .4rem; min-width: 0; max-width: 100%; }
input, select, button { font: inherit; font-size: .95rem; padding: .25rem .5rem; border: 1px solid var(--line); border-radius: .3rem; background: #fff; color: var(--ink); min-width: 0; }
header.site input[type=search] { flex: 1 1 auto; width: 100%; min-width: 0; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
main { max-width: 68rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.35; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
.meta { color: var(--muted); font-size: .9rem; }
.ltr { direction: ltr; unicode-bidi: isolate; display: inline-block; }
ol.stories, ol.timeline, ul.plain, ol.hits { list-style: none; padding: 0; margin: 0; }
ol.stories > li, ol.hits > li { padding: .6rem 0; border-bottom: 1px solid var(--line); }
ol.stories .title, ol.hits .title { font-size: 1.1rem; font-weight: 700; }
ol.timeline > li { display: grid; grid-template-columns: 1fr; gap: .1rem .8rem; padding: .5rem 0; border-bottom: 1px solid var(--line); }
@media (min-width: 40em) { ol.timeline > li { grid-template-columns: 7.5rem 1fr; } }
ol.timeline .when { color: var(--muted); font-size: .9rem; }
.badge { display: inline-block; font-size: .8rem; padding: 0 .45rem; border-radius: .8rem; border: 1px solid var(--line); margin-inline-start: .3rem; white-space: nowrap; }
.badge.original { background: #e3f1e4; border-color: #9cc9a0; color: var(--ok); }
.badge.copy { background: #fff1e0; border-color: #e6b77e; color: #8a4b00; }
.badge.differ { background: #fde4dc; border-color: #e39b83; color: var(--warn); font-weight: 700; }
.badge.agree { background: #e3f1e4; border-color: #9cc9a0; color: var(--ok); }
.grid { display: grid; gap: 0 2rem; }
@media (min-width: 60em) { .grid.two { grid-template-columns: 1fr 1fr; } }
.entities li { margin: .25rem 0; }
.variants { color: var(--muted); font-size: .9rem; }
blockquote { margin: .3rem 0; padding: .2rem .8rem; border-inline-start: 3px solid var(--accent); background: #fff; }
blockquote .meta { display: block; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .4rem; text-align: start; vertical-align: top; }
tr.differ td.unit { color: var(--warn); font-weight: 700; }
.chart { max-width: 100%; height: auto; }
.chart rect { fill: var(--accent); }
.chart text { font-size: 11px; fill: var(--muted); }
article.text p { margin: .6rem 0; text-align: justify; }
article.text h2 { border: none; }
figure { margin: .6rem 0; }
figcaption { color: var(--muted); font-size: .9rem; border-inline-start: 3px solid var(--line); padding-inline-start: .5rem; }
details.lines summary { cursor: pointer; color: var(--accent); font-weight: 700; }
ol.lines { list-style: none; padding: 0; font-size: .9rem; }
ol.lines li { display: grid; grid-template-columns: 3rem 7rem 1fr; gap: .5rem; padding: .1rem .2rem; border-bottom: 1px dotted var(--line); }
ol.lines li .n { color: var(--muted); direction: ltr; text-align: end; }
ol.lines li .class { font-size: .8rem; color: var(--muted); }
ol.lines li.furniture { color: #9aa3ab; background: #f1f1ef; }
ol.lines li.body, ol.lines li.subheading, ol.lines li.title, ol.lines li.caption { background: #fff; }
ol.lines li.unkept { color: #7b858e; }
details.more summary { cursor: pointer; color: var(--accent); font-size: .9rem; }
.speaker { overflow-wrap: anywhere; }
td, th, .variants, blockquote, ol.lines li .t { overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; }
mark { background: #ffe58a; color: inherit; padding: 0 .1rem; }
form.search { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); align-items: end; margin-bottom: 1rem; }
form.search label { display: grid; font-size: .9rem; color: var(--muted); }
form.search .q { grid-column: 1 / -1; }
nav.pages { margin: 1rem 0; display: flex; gap: 1rem; }
footer.site { color: var(--muted); font-size: .85rem; text-align: center; padding: 2rem 1rem; }
"#;

/// A whole page.
pub fn page(title: &str, query: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="ar" dir="rtl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — مرصد" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header.site {
                    a.brand href="/" { "مرصد" }
                    a href="/" { "القصص" }
                    a href="/search" { "بحث متقدم" }
                    form action="/search" method="get" role="search" {
                        input type="search" name="q" value=(query) placeholder="ابحث في الأخبار…" aria-label="بحث";
                        button type="submit" { "بحث" }
                    }
                }
                main { (body) }
                footer.site { "مرصد: مرصد إعلامي للأخبار العربية" }
            }
        }
    }
}

/// An optional day, or a dash.
pub fn day(d: Option<&str>) -> Markup {
    html! { span.ltr { (d.map(|d| d.get(..10).unwrap_or(d)).unwrap_or("—")) } }
}

/// A time span `first – last`.
pub fn span(first: Option<&str>, last: Option<&str>) -> Markup {
    html! {
        @if first == last { (day(first)) } @else { (day(first)) " – " (day(last)) }
    }
}

/// Where an article comes from: its outlet, or what it credits, or that it names none.
pub fn source_of(a: &StoryArticle) -> Markup {
    html! {
        @match (&a.outlet, &a.credited) {
            (Some(o), Some(c)) if o != c => { span.outlet { (o) } " " span.meta { "(ينقل عن " (c) ")" } }
            (Some(o), _) => { span.outlet { (o) } }
            (None, Some(c)) => { span.outlet.credited { "مصدر غير مسمى ينقل عن " (c) } }
            (None, None) => { span.outlet.unknown { "مصدر غير مسمى" } }
        }
    }
}

/// How a copy was recognised, in Arabic.
pub fn copy_kind(kind: &str) -> &'static str {
    match kind {
        "exact" => "نسخة مطابقة",
        "near" => "نسخة شبه مطابقة",
        "credit" => "منقولة بذكر المصدر",
        "rewrite" => "إعادة صياغة",
        _ => "نسخة",
    }
}

/// The original / copy badge of an article.
pub fn role_badge(a: &StoryArticle) -> Markup {
    html! {
        @match (a.role, a.copy) {
            (Some("original"), _) => { span.badge.original data-role="original" { "الأصل" } }
            (Some("copy"), Some(kind)) => { span.badge.copy data-role="copy" data-copy=(kind) { (copy_kind(kind)) } }
            _ => {}
        }
    }
}

/// An entity type in Arabic.
pub fn entity_type(label: &str) -> &'static str {
    match label {
        "PERS" => "شخص",
        "LOC" => "مكان",
        "ORG" => "منظمة",
        _ => "أخرى",
    }
}

/// A snippet with its `[[ ]]` marks as `<mark>`, everything else escaped.
pub fn snippet(s: &str) -> Markup {
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(start) = rest.find(marsad_index::HIGHLIGHT_START) {
        let after = &rest[start + marsad_index::HIGHLIGHT_START.len()..];
        let Some(end) = after.find(marsad_index::HIGHLIGHT_END) else {
            break;
        };
        out.push_str(&escape(&rest[..start]));
        out.push_str("<mark>");
        out.push_str(&escape(&after[..end]));
        out.push_str("</mark>");
        rest = &after[end + marsad_index::HIGHLIGHT_END.len()..];
    }
    out.push_str(&escape(rest));
    PreEscaped(out)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A path segment, percent-encoded (entity keys hold Arabic and `:`).
pub fn segment(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// A query string from pairs, empty values left out.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        if !v.is_empty() {
            ser.append_pair(k, v);
        }
    }
    ser.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_matches_and_escapes_the_rest() {
        let s = snippet("a <b> [[بوتين]] & [[كيم]] [[open");
        assert_eq!(
            s.into_string(),
            "a &lt;b&gt; <mark>بوتين</mark> &amp; <mark>كيم</mark> [[open"
        );
    }

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(segment("LOC:KP"), "LOC%3AKP");
        assert_eq!(segment("a b/c"), "a%20b%2Fc");
    }
}
