//! A page's URL identity: the same page reached by different spellings of
//! its URL is one page.

use url::Url;

/// Query parameters that only say how a reader arrived (campaigns, click
/// ids, share buttons); matched case-insensitively, `utm_*` as a prefix.
pub const TRACKING_PARAMETERS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gclsrc",
    "msclkid",
    "yclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "ocid",
    "cmpid",
    "ito",
    "at_medium",
    "at_campaign",
    "share",
    "amp;utm_source",
];

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_") || TRACKING_PARAMETERS.contains(&name.as_str())
}

/// The host of a URL or a bare domain, as written: no scheme, user, port or
/// path ("https://user@www.Example.com:8080/a" → "www.Example.com"); `None`
/// when nothing is left.
pub fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// The normalized form of a page URL: scheme and host lowercased, the
/// default port, the fragment and tracking parameters dropped, an empty
/// query removed. Path and remaining parameters are kept as written (sites
/// differ on whether they are case-sensitive). `None` when `url` is not an
/// absolute http(s) URL.
pub fn normalize_url(url: &str) -> Option<String> {
    let mut u = Url::parse(url.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return None;
    }
    u.set_fragment(None);
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(u.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_url_meet() {
        let key = normalize_url("https://www.example.com/news/123?id=5").unwrap();
        for other in [
            "HTTPS://WWW.Example.COM/news/123?id=5",
            "https://www.example.com:443/news/123?id=5#comments",
            "https://www.example.com/news/123?utm_source=twitter&id=5&UTM_Medium=social",
            "https://www.example.com/news/123?id=5&fbclid=abc",
        ] {
            assert_eq!(
                normalize_url(other).as_deref(),
                Some(key.as_str()),
                "{other}"
            );
        }
    }

    #[test]
    fn what_names_another_page_is_kept() {
        let a = normalize_url("https://example.com/news/123?id=5").unwrap();
        assert_ne!(
            normalize_url("https://example.com/news/123?id=6").unwrap(),
            a
        );
        assert_ne!(
            normalize_url("https://example.com/News/123?id=5").unwrap(),
            a
        );
        assert_eq!(
            normalize_url("https://example.com/a?utm_campaign=x").as_deref(),
            Some("https://example.com/a")
        );
    }

    #[test]
    fn the_host_of_a_url_or_a_bare_domain() {
        assert_eq!(
            url_host("https://user@www.Example.com:8080/a?b#c"),
            Some("www.Example.com")
        );
        assert_eq!(url_host("aljazeera.net/news"), Some("aljazeera.net"));
        assert_eq!(url_host("https:///path"), None);
    }

    #[test]
    fn non_web_urls_have_no_key() {
        assert_eq!(normalize_url("file:///tmp/a.html"), None);
        assert_eq!(normalize_url("not a url"), None);
        assert_eq!(normalize_url(""), None);
    }
}
