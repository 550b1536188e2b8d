//! The site's own name for pages whose metadata names no publisher (no
//! `og:site_name`, no JSON-LD `publisher`): the part of the `<title>` beside
//! the headline ("عنوان الخبر - العربية", "الجزيرة | عنوان الخبر"), taken
//! only when the page confirms it as its name.
//!
//! trafilatura takes a title part only when it looks like a domain; Arabic
//! sites print their name in letters there. A part beside the headline can
//! as well be a section ("سياسة") or a slogan, so it must be confirmed: the
//! outlet table knows it, the page's domain is made of it, or the page
//! prints it where sites print their own name (a logo, the link to the home
//! page, the copyright line).

use crate::dom::{class_id_lower, Data, Dom, Tag, NO_PARENT};
use crate::metadata::{collapse, TITLE_SEPARATORS};
use crate::settings::MAX_SITE_SUFFIX_WORDS;

/// Class or id words of the element sites print their name in.
const SITE_MARK_CLASSES: &[&str] = &["logo", "brand", "site-name", "sitename", "site-title"];

/// Words that open a copyright line, in marsad-text's matching form.
const COPYRIGHT_MARKS: &[&str] = &["©", "حقوق", "copyright", "all rights reserved"];

/// The site's name in `title_tag` beside `headline`, confirmed by the page.
pub(crate) fn name_in_title(
    dom: &Dom<'_>,
    title_tag: &str,
    headline: &str,
    host: Option<&str>,
) -> Option<String> {
    let title = collapse(title_tag);
    let headline = words(headline);
    if headline.is_empty() {
        return None;
    }
    let candidate = TITLE_SEPARATORS.iter().find_map(|sep| {
        let (head, tail) = title.split_once(sep)?;
        let (head, tail) = (head.trim(), tail.trim());
        let other = if words(head) == headline {
            tail
        } else if words(tail) == headline {
            head
        } else {
            return None;
        };
        let n = words(other).len();
        (n > 0 && n <= MAX_SITE_SUFFIX_WORDS).then(|| other.to_string())
    })?;
    let name = words(&candidate);
    let confirmed = marsad_model::known_outlet(&candidate).is_some()
        || host.is_some_and(|h| domain_made_of(h, &name))
        || printed_as_site_mark(dom, &name, host);
    confirmed.then_some(candidate)
}

fn words(s: &str) -> Vec<String> {
    marsad_text::normalize_for_matching(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// "Sky News Arabia" on skynewsarabia.com: the words run together are the
/// domain's label.
fn domain_made_of(host: &str, name: &[String]) -> bool {
    let joined = name.concat().to_lowercase();
    joined.chars().count() >= 3
        && host
            .split('.')
            .any(|label| label.replace('-', "").to_lowercase() == joined)
}

/// Whether `name` is what a logo or the home-page link prints (its text or
/// its image's `alt`), or stands in a copyright line.
fn printed_as_site_mark(dom: &Dom<'_>, name: &[String], host: Option<&str>) -> bool {
    let mut class = String::new();
    for (i, node) in dom.nodes.iter().enumerate() {
        match node.data {
            Data::Element(e) => {
                class_id_lower(e, &mut class);
                let marked = SITE_MARK_CLASSES.iter().any(|c| class.contains(c))
                    || (node.tag == Tag::A && node.attr("href").is_some_and(|h| is_home(h, host)));
                if marked && mark_names(dom, i as u32, name) {
                    return true;
                }
            }
            Data::Text(t) => {
                // The name may be in a link inside the copyright line.
                let folded = marsad_text::normalize_for_matching(t);
                if COPYRIGHT_MARKS.iter().any(|m| folded.contains(m))
                    && node.parent != NO_PARENT
                    && contains_run(&words(&dom.text_of(node.parent)), name)
                {
                    return true;
                }
            }
            Data::Document => {}
        }
    }
    false
}

/// The text of the subtree, or the `alt` of an image in it, is `name`.
fn mark_names(dom: &Dom<'_>, idx: u32, name: &[String]) -> bool {
    if words(&dom.text_of(idx)) == name {
        return true;
    }
    let end = dom.nodes[idx as usize].end;
    (idx..end).any(|j| {
        let n = &dom.nodes[j as usize];
        n.element().is_some_and(|e| e.name() == "img")
            && n.attr("alt").is_some_and(|alt| words(alt) == name)
    })
}

/// A link to the site's home page: "/", "./", "index.html", or the host's root.
fn is_home(href: &str, host: Option<&str>) -> bool {
    let href = href.trim();
    if matches!(href, "/" | "./" | "/index.html" | "index.html") {
        return true;
    }
    let Some(host) = host else { return false };
    let rest = href.split_once("://").map_or(href, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let host = host.strip_prefix("www.").unwrap_or(host);
    rest.trim_end_matches('/') == host
}

fn contains_run(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(html: &str, headline: &str, host: Option<&str>) -> Option<String> {
        let doc = scraper::Html::parse_document(html);
        let dom = Dom::new(&doc);
        let title = doc
            .select(&scraper::Selector::parse("title").unwrap())
            .next()
            .map(|t| t.text().collect::<String>())
            .unwrap_or_default();
        name_in_title(&dom, &title, headline, host)
    }

    const HEADLINE: &str = "افتتاح مستشفى جديد في العاصمة";

    #[test]
    fn a_name_the_logo_or_the_copyright_line_prints_is_the_site() {
        let logo = format!(
            r#"<html><head><title>{HEADLINE} - صحيفة الأيام</title></head><body>
            <header><a class="logo" href="/">صحيفة الأيام</a></header><h1>{HEADLINE}</h1></body></html>"#
        );
        assert_eq!(name(&logo, HEADLINE, None).as_deref(), Some("صحيفة الأيام"));
        let copyright = format!(
            r#"<html><head><title>موقع النبأ | {HEADLINE}</title></head><body><h1>{HEADLINE}</h1>
            <footer><p>جميع الحقوق محفوظة © 2018 موقع النبأ</p></footer></body></html>"#
        );
        assert_eq!(
            name(&copyright, HEADLINE, None).as_deref(),
            Some("موقع النبأ")
        );
        let alt = format!(
            r#"<html><head><title>{HEADLINE} | Al Ayyam</title></head><body>
            <a href="https://www.alayyam.example/"><img src="l.png" alt="Al Ayyam"></a></body></html>"#
        );
        assert_eq!(
            name(&alt, HEADLINE, Some("www.alayyam.example")).as_deref(),
            Some("Al Ayyam")
        );
    }

    #[test]
    fn a_section_name_or_an_unconfirmed_part_is_not_the_site() {
        // The page prints "سياسة" only as a menu item, not as its name.
        let section = format!(
            r#"<html><head><title>{HEADLINE} - سياسة</title></head><body>
            <nav><a href="/politics">سياسة</a></nav><h1>{HEADLINE}</h1></body></html>"#
        );
        assert_eq!(name(&section, HEADLINE, None), None);
        // A title that is all headline has no site part.
        let plain = format!("<html><head><title>{HEADLINE}</title></head><body></body></html>");
        assert_eq!(name(&plain, HEADLINE, None), None);
        // A long part is another headline, not a name.
        let two = format!(
            r#"<html><head><title>{HEADLINE} - وزير الصحة يزور المستشفى الجديد غدا</title></head>
            <body><a class="logo" href="/">وزير الصحة يزور المستشفى الجديد غدا</a></body></html>"#
        );
        assert_eq!(name(&two, HEADLINE, None), None);
    }

    #[test]
    fn the_outlet_table_or_the_domain_confirms_a_name() {
        let known =
            format!("<html><head><title>{HEADLINE} - العربية</title></head><body></body></html>");
        assert_eq!(name(&known, HEADLINE, None).as_deref(), Some("العربية"));
        let domain =
            format!("<html><head><title>{HEADLINE} | Sky News Arabia</title></head></html>");
        assert_eq!(
            name(&domain, HEADLINE, Some("www.skynewsarabia.com")).as_deref(),
            Some("Sky News Arabia")
        );
    }
}
