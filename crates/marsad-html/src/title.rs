//! The page's own headline, chosen by agreement between the places a page
//! states it: the visible `<h1>`, `og:title`, JSON-LD `headline` and
//! `<title>` minus the site name.
//!
//! Each source alone misleads on some sites: JSON-LD carries an SEO headline,
//! `og:title` a social-media variant, `<title>` the site name, and a page can
//! have a logo `<h1>` or a teaser `<h1>`. The version most sources agree on
//! (compared as word sequences) is the one the page shows as its headline;
//! on a tie the visible heading wins, then `og:title`, JSON-LD, `<title>`.
//!
//! Before any vote, the page's visible headline is looked for: the heading
//! nearest above the body (an `<h1>`, or the `<h2>` many sites print their
//! headline in while an SEO copy sits in an `<h1>` inside the breadcrumb)
//! whose words are one of the page's own titles. A teaser, a byline or a
//! section name matches none of them; a kicker printed in the heading
//! ("Meinung", "US-Dream-Team wird immer besser") is not part of it.

use crate::metadata::{clean_title, collapse};

/// The title sources of one page, raw as found.
pub(crate) struct TitleSources<'a> {
    /// Visible `<h1>`s in document order.
    pub h1s: Vec<Heading<'a>>,
    pub og_title: Option<&'a str>,
    pub ld_headline: Option<&'a str>,
    pub title_tag: Option<&'a str>,
    /// Titles that only confirm a heading, never vote: `twitter:title`.
    /// (Not JSON-LD `alternativeHeadline`: sites put the standfirst there.)
    pub confirming: Vec<&'a str>,
    pub outlet: Option<&'a str>,
    /// The host of the page's URL, when known.
    pub host: Option<&'a str>,
}

/// One visible `<h1>`.
#[derive(Clone)]
pub(crate) struct Heading<'a> {
    pub text: &'a str,
    /// The heading's text after a kicker element it starts with
    /// (`<span class="kicker">Meinung</span>`), when it has one.
    pub after_kicker: Option<&'a str>,
    /// 1 or 2.
    pub level: u8,
    /// Kept as content, or in the story's own header: not navigation (a
    /// breadcrumb's SEO copy is).
    pub kept: bool,
    /// In the story's header, which was pruned as furniture.
    pub in_pruned_header: bool,
    /// How many blocks it stands before the body's first paragraph (`None`: not before it).
    pub before_body: Option<usize>,
    /// Inside page furniture (a header, a breadcrumb): a logo or section
    /// name unless the metadata says otherwise.
    pub in_furniture: bool,
}

/// The words of a title in marsad-text's matching form (case, diacritics,
/// hamza and alef variants folded), punctuation dropped, so that
/// "49-Euro-Ticket : Pendler" and "49-Euro-Ticket: Pendler" compare equal.
fn key(title: &str) -> Vec<String> {
    marsad_text::normalize_for_matching(title)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Entities some sites escape twice (`&amp;quot;` in an attribute, `&#8217;`
/// inside a JSON-LD string) are decoded once more; then whitespace collapsed.
pub(crate) fn decoded(s: &str) -> String {
    if s.contains('&') {
        collapse(&html_escape::decode_html_entities(s))
    } else {
        collapse(s)
    }
}

/// The heading nearest above the body that is kept as content and whose
/// words are one of the page's own titles (metadata, or `<title>` and
/// `og:title` before a separator: "Headline – Site Name"). A heading that
/// starts with a kicker gives the text after it.
fn visible_headline(src: &TitleSources<'_>) -> Option<String> {
    // The titles the page shows everyone (`og:title`, `<title>`), and
    // those it gives to search engines and one network (JSON-LD,
    // `twitter:title`).
    let forms = |t: &str| {
        let t = decoded(t);
        let mut keys = vec![key(&clean_title(&t, src.outlet))];
        keys.extend(
            heads_before_separators(&t)
                .filter(|(_, tail)| names_site(tail, src.outlet, src.host))
                .map(|(head, _)| key(head)),
        );
        keys.retain(|k| !k.is_empty());
        keys
    };
    let shown: Vec<Vec<String>> = [src.og_title, src.title_tag]
        .into_iter()
        .flatten()
        .flat_map(forms)
        .collect();
    let all: Vec<Vec<String>> = src
        .ld_headline
        .into_iter()
        .chain(src.confirming.iter().copied())
        .flat_map(forms)
        .chain(shown.iter().cloned())
        .collect();
    // A heading pruned with the story's header (beside its byline and
    // share bar) needs a title the page shows everyone to vouch for it.
    let is_title = |text: &str, h: &Heading<'_>| {
        let k = key(text);
        let titles = if h.in_pruned_header { &shown } else { &all };
        !k.is_empty() && titles.contains(&k)
    };
    let mut near: Vec<&Heading<'_>> = src
        .h1s
        .iter()
        .filter(|h| h.kept && h.before_body.is_some())
        .collect();
    near.sort_by_key(|h| h.before_body);
    near.into_iter().find_map(|h| {
        if is_title(h.text, h) {
            Some(decoded(h.text))
        } else {
            h.after_kicker.filter(|rest| is_title(rest, h)).map(decoded)
        }
    })
}

/// What stands before and after each title separator of a `<title>`:
/// "A | B – C" gives ("A", "B – C") and ("A | B", "C").
fn heads_before_separators(title: &str) -> impl Iterator<Item = (&str, &str)> {
    crate::metadata::TITLE_SEPARATORS
        .iter()
        .flat_map(move |sep| {
            title
                .match_indices(sep)
                .map(move |(pos, _)| (title[..pos].trim(), title[pos + sep.len()..].trim()))
                .filter(|(head, tail)| !head.is_empty() && !tail.is_empty())
        })
}

/// Whether the tail of a `<title>` is the site's name: it names the outlet,
/// or its words run together hold the name the site's domain is made of
/// ("Die Neue Südtiroler Tageszeitung" on tageszeitung.it; not "Güncel
/// haberler", "current news", on haberturk.com).
fn names_site(tail: &str, outlet: Option<&str>, host: Option<&str>) -> bool {
    let joined = |s: &str| key(s).concat();
    let tail = joined(tail);
    if tail.is_empty() {
        return false;
    }
    if outlet.is_some_and(|o| {
        let o = joined(o);
        !o.is_empty() && (tail.contains(&o) || o.contains(&tail))
    }) {
        return true;
    }
    host.map(site_label).is_some_and(|label| {
        label.chars().count() >= MIN_SITE_LABEL_CHARS
            && (tail.contains(&label) || label.contains(&tail))
    })
}

/// Shortest domain label that can name a site in a title ("ntv", "bild").
const MIN_SITE_LABEL_CHARS: usize = 3;

/// The label a host is named by: "www.tageszeitung.it" → "tageszeitung",
/// "edition.cnn.com" → "cnn" (the one before the top-level domain, or
/// before a two-letter second level: "bbc.co.uk" → "bbc"), hyphens dropped.
fn site_label(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    let pick = match n {
        0 => return String::new(),
        1 => labels[0],
        _ if n >= 3 && labels[n - 2].len() <= 3 && labels[n - 1].len() == 2 => labels[n - 3],
        _ => labels[n - 2],
    };
    pick.to_lowercase().replace('-', "")
}

/// The headline of the page's own article, or `None` when no source has one.
pub(crate) fn choose(src: &TitleSources<'_>) -> Option<String> {
    if let Some(headline) = visible_headline(src) {
        return Some(headline);
    }
    let meta: Vec<String> = [src.og_title, src.ld_headline, src.title_tag]
        .into_iter()
        .map(|t| {
            t.map(|t| clean_title(&decoded(t), src.outlet))
                .unwrap_or_default()
        })
        .collect();
    let meta_keys: Vec<Vec<String>> = meta.iter().map(|t| key(t)).collect();
    let agreeing = |k: &[String]| -> usize {
        meta_keys
            .iter()
            .filter(|m| !m.is_empty() && m.as_slice() == k)
            .count()
    };

    // The heading that agrees with the most metadata; among equals the one
    // nearest above the body (a logo or teaser heading sits elsewhere).
    let heading = src
        .h1s
        .iter()
        .filter(|h| h.level == 1)
        .map(|h| (decoded(h.text), h.before_body, h.in_furniture))
        .filter(|(t, _, in_furniture)| {
            let k = key(t);
            !k.is_empty() && (!in_furniture || agreeing(&k) > 0)
        })
        .max_by_key(|(t, before, _)| {
            (
                agreeing(&key(t)),
                before.is_some(),
                std::cmp::Reverse(before.unwrap_or(usize::MAX)),
            )
        })
        .map(|(t, _, _)| t);

    let candidates: Vec<(String, Vec<String>)> = heading
        .into_iter()
        .chain(meta)
        .map(|t| {
            let k = key(&t);
            (t, k)
        })
        .filter(|(_, k)| !k.is_empty())
        .collect();
    let mut best: Option<(usize, &str)> = None;
    for (text, k) in &candidates {
        let votes = candidates.iter().filter(|(_, other)| other == k).count();
        if best.is_none_or(|(v, _)| votes > v) {
            best = Some((votes, text));
        }
    }
    best.map(|(_, t)| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources<'a>(
        h1s: &[(&'a str, Option<usize>)],
        og: Option<&'a str>,
        ld: Option<&'a str>,
        title: Option<&'a str>,
    ) -> TitleSources<'a> {
        TitleSources {
            h1s: h1s
                .iter()
                .map(|&(text, before_body)| Heading {
                    text,
                    after_kicker: None,
                    level: 1,
                    kept: true,
                    in_pruned_header: false,
                    before_body,
                    in_furniture: false,
                })
                .collect(),
            og_title: og,
            ld_headline: ld,
            title_tag: title,
            confirming: Vec::new(),
            outlet: None,
            host: None,
        }
    }

    #[test]
    fn the_version_most_sources_share_wins_over_an_seo_headline() {
        let s = sources(
            &[("49-Euro-Ticket: Pendler zahlen 60 Prozent weniger", Some(2))],
            Some("49-Euro-Ticket: Pendler zahlen 60 Prozent weniger"),
            Some("49-Euro-Ticket : Pendler sparen 60 Prozent bei Bus und Bahn"),
            Some("49-Euro-Ticket: Pendler zahlen 60 Prozent weniger | FAZ"),
        );
        assert_eq!(
            choose(&s).as_deref(),
            Some("49-Euro-Ticket: Pendler zahlen 60 Prozent weniger")
        );
    }

    #[test]
    fn a_logo_heading_loses_to_the_one_that_matches_the_metadata() {
        let s = sources(
            &[("الجزيرة", Some(30)), ("عنوان الخبر الأول", Some(1))],
            Some("عنوان الخبر الأول"),
            None,
            Some("عنوان الخبر الأول | الجزيرة"),
        );
        assert_eq!(choose(&s).as_deref(), Some("عنوان الخبر الأول"));
    }

    #[test]
    fn a_lone_visible_heading_beats_disagreeing_metadata() {
        let s = sources(
            &[("Hühnersuppe und Co.: Diese Nahrungsmittel helfen", Some(1))],
            Some("Lebensmittel gegen Erkältung"),
            Some("Erkältet? Was hilft"),
            None,
        );
        assert_eq!(
            choose(&s).as_deref(),
            Some("Hühnersuppe und Co.: Diese Nahrungsmittel helfen")
        );
    }

    #[test]
    fn twice_escaped_entities_are_decoded() {
        let s = sources(
            &[],
            None,
            Some("Trainer: &quot;Nicht mehr viel&quot;"),
            None,
        );
        assert_eq!(choose(&s).as_deref(), Some("Trainer: \"Nicht mehr viel\""));
    }

    #[test]
    fn diacritics_do_not_split_words() {
        assert_eq!(key("خَبَرْيْن اليوم"), key("خبرين اليوم"));
    }
}
