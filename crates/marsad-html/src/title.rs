//! The page's own headline, chosen by agreement between the places a page
//! states it: the visible `<h1>`, `og:title`, JSON-LD `headline` and
//! `<title>` minus the site name.
//!
//! Each source alone misleads on some sites: JSON-LD carries an SEO headline,
//! `og:title` a social-media variant, `<title>` the site name, and a page can
//! have a logo `<h1>` or a teaser `<h1>`. The version most sources agree on
//! (compared as word sequences) is the one the page shows as its headline;
//! on a tie the visible heading wins, then `og:title`, JSON-LD, `<title>`.

use crate::metadata::{clean_title, collapse};

/// The title sources of one page, raw as found.
pub(crate) struct TitleSources<'a> {
    /// Visible `<h1>`s in document order.
    pub h1s: Vec<Heading<'a>>,
    pub og_title: Option<&'a str>,
    pub ld_headline: Option<&'a str>,
    pub title_tag: Option<&'a str>,
    pub outlet: Option<&'a str>,
}

/// One visible `<h1>`.
#[derive(Clone, Copy)]
pub(crate) struct Heading<'a> {
    pub text: &'a str,
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

/// The headline of the page's own article, or `None` when no source has one.
pub(crate) fn choose(src: &TitleSources<'_>) -> Option<String> {
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
                    before_body,
                    in_furniture: false,
                })
                .collect(),
            og_title: og,
            ld_headline: ld,
            title_tag: title,
            outlet: None,
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
