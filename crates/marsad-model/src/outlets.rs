//! The one outlet table: one canonical name per outlet, whatever id, domain
//! or spelling a corpus, a page or a user gives.
//!
//! Canonical names are the outlets' own Arabic names, as their pages print
//! them, so that corpus records, extracted pages and filters of the same
//! outlet share one `outlet` value. Names are compared in marsad-text's
//! matching form (case, diacritics, hamza and alef variants, ة/ه folded):
//! خَبَرْيْن = خبرين, الجزيره = الجزيرة. Domains match with or without
//! "www." and on any subdomain (arabic.cnn.com → cnn.com's entry).

/// One outlet: canonical name, other spellings and corpus ids, domains.
struct Outlet {
    name: &'static str,
    spellings: &'static [&'static str],
    domains: &'static [&'static str],
}

const fn outlet(
    name: &'static str,
    spellings: &'static [&'static str],
    domains: &'static [&'static str],
) -> Outlet {
    Outlet {
        name,
        spellings,
        domains,
    }
}

const OUTLETS: &[Outlet] = &[
    // ANT corpus `SRC` values (case varies: `BBC`, `skynews`).
    outlet(
        "العربية",
        &["alarabia", "alarabiya", "al arabiya", "العربية نت"],
        &["alarabiya.net"],
    ),
    outlet(
        "بي بي سي عربي",
        &["bbc", "bbc arabic", "bbc news عربي", "بي بي سي"],
        &["bbc.com", "bbc.co.uk"],
    ),
    outlet(
        "سي إن إن بالعربية",
        &["cnn", "cnn arabic", "cnn بالعربية", "سي ان ان", "سي إن إن"],
        &["cnn.com", "cnnarabic.com"],
    ),
    outlet("فرانس 24", &["france24", "france 24"], &["france24.com"]),
    outlet(
        "سكاي نيوز عربية",
        &["skynews", "sky news arabia", "sky news"],
        &["skynewsarabia.com"],
    ),
    // SaudiNewsNet `source` ids.
    outlet(
        "الشرق الأوسط",
        &["aawsat", "asharq al-awsat"],
        &["aawsat.com"],
    ),
    outlet("الاقتصادية", &["aleqtisadiya", "aleqt"], &["aleqt.com"]),
    // The Saudi daily, not the Qatari channel (الجزيرة).
    outlet(
        "صحيفة الجزيرة",
        &["aljazirah", "al-jazirah"],
        &["al-jazirah.com"],
    ),
    outlet(
        "الجزيرة",
        &["al jazeera", "aljazeera", "الجزيرة نت"],
        &["aljazeera.net"],
    ),
    outlet("المدينة", &["almadina"], &["al-madina.com"]),
    outlet("الرياض", &["alriyadh"], &["alriyadh.com"]),
    outlet("الوطن", &["alwatan"], &["alwatan.com.sa"]),
    outlet("الوئام", &["alweeam"], &["alweeam.com.sa"]),
    outlet("اليوم", &["alyaum"], &["alyaum.com"]),
    outlet("الرياضي", &["arreyadi"], &["arreyadi.com.sa"]),
    // The data spells it `arriyadiyah`; its README `arreyadiyah`.
    outlet(
        "الرياضية",
        &["arriyadiyah", "arreyadiyah"],
        &["arriyadiyah.com"],
    ),
    outlet("عكاظ", &["okaz"], &["okaz.com.sa"]),
    outlet("سبق", &["sabq"], &["sabq.org"]),
    outlet(
        "واس",
        &["was", "spa", "وكالة الأنباء السعودية"],
        &["spa.gov.sa"],
    ),
    outlet("عين اليوم", &["3alyoum"], &["3alyoum.com"]),
    // Outlets of the seed pages and other common Arabic sites.
    outlet("خبرين", &["khabarayn"], &[]),
    outlet("النهار العربي", &["annahar al arabi"], &["annaharar.com"]),
    outlet("اليوم السابع", &["youm7"], &["youm7.com"]),
    outlet(
        "المصري اليوم",
        &["almasryalyoum", "al-masry al-youm"],
        &["almasryalyoum.com"],
    ),
    outlet("روسيا اليوم", &["rt", "rt arabic", "آر تي"], &["rt.com"]),
    outlet("دويتشه فيله", &["dw", "dw عربية"], &["dw.com"]),
    outlet("الأناضول", &["anadolu", "وكالة الأناضول"], &["aa.com.tr"]),
    outlet(
        "إندبندنت عربية",
        &["independent arabia"],
        &["independentarabia.com"],
    ),
];

fn key(s: &str) -> String {
    marsad_text::normalize_for_matching(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The host of a URL or a bare domain, lowercase, without "www." and port;
/// `None` for something that is not a domain (has a space, no dot).
fn host_of(s: &str) -> Option<String> {
    let host = crate::url_host(s)?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let domain_like = host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    domain_like.then_some(host)
}

/// The canonical name of a known outlet, from its name in any spelling, a
/// corpus id, a domain or a URL; `None` when the table does not know it.
pub fn known_outlet(name_or_domain: &str) -> Option<&'static str> {
    let s = name_or_domain.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(host) = host_of(s) {
        let on_domain =
            |d: &str| host == d || host.strip_suffix(d).is_some_and(|sub| sub.ends_with('.'));
        let found = OUTLETS
            .iter()
            .find(|o| o.domains.iter().any(|d| on_domain(d)));
        if found.is_some() {
            return found.map(|o| o.name);
        }
    }
    by_key().get(&key(s)).copied()
}

/// Every name and spelling of the table by its [`key`], to the canonical name (the first
/// outlet that spells it so, as the table is read top down). Made once: a page's outlet,
/// credits and every article's record are looked up here.
fn by_key() -> &'static std::collections::HashMap<String, &'static str> {
    static BY_KEY: std::sync::OnceLock<std::collections::HashMap<String, &'static str>> =
        std::sync::OnceLock::new();
    BY_KEY.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for o in OUTLETS {
            for spelling in std::iter::once(&o.name).chain(o.spellings) {
                map.entry(key(spelling)).or_insert(o.name);
            }
        }
        map
    })
}

/// The name to store and filter by: the canonical name of a known outlet;
/// for an unknown one given by a domain or URL, its host as extraction names
/// a site ("https://www.news.example.sd/a" → "news.example.sd"); else the
/// name trimmed as given. Empty names give `None`.
pub fn canonical_outlet(name_or_domain: &str) -> Option<String> {
    let s = name_or_domain.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(name) = known_outlet(s) {
        return Some(name.to_string());
    }
    Some(host_of(s).unwrap_or_else(|| s.to_string()))
}

/// The key two outlet names are compared by, wherever outlets are filtered
/// (store listings, the search index): the words of the canonical name in
/// marsad-text's matching form, one space apart, so that spellings the table
/// does not know still meet ("صحيفة الأيام" = "صحيفه الايام", "Sky  News" =
/// "sky news"). Empty for a name with no words.
pub fn outlet_key(name_or_domain: &str) -> String {
    let canonical = canonical_outlet(name_or_domain).unwrap_or_default();
    words_key(&canonical)
}

/// Words in the matching form, one space apart (the index's historical
/// `outlet_key`, kept byte for byte so existing indexes need no rebuild).
fn words_key(name: &str) -> String {
    let mut key = String::new();
    marsad_text::tokenize_into(name, |t| {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(t.surface);
    });
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_ids_and_domains_meet_in_one_name() {
        let c = |s: &str| canonical_outlet(s);
        assert_eq!(c("BBC").as_deref(), Some("بي بي سي عربي"));
        assert_eq!(c("skynews").as_deref(), Some("سكاي نيوز عربية"));
        assert_eq!(c("SkyNews").as_deref(), Some("سكاي نيوز عربية"));
        assert_eq!(c("arriyadiyah").as_deref(), Some("الرياضية"));
        assert_eq!(c("arreyadiyah").as_deref(), Some("الرياضية"));
        assert_eq!(c("خَبَرْيْن").as_deref(), Some("خبرين"));
        assert_eq!(c("aawsat.com").as_deref(), Some("الشرق الأوسط"));
        assert_eq!(
            c("https://www.aawsat.com/node/1").as_deref(),
            Some("الشرق الأوسط")
        );
        assert_eq!(c("arabic.cnn.com").as_deref(), Some("سي إن إن بالعربية"));
        assert_eq!(c("CNN بالعربية").as_deref(), Some("سي إن إن بالعربية"));
        assert_eq!(c("الجزيره").as_deref(), Some("الجزيرة"));
        assert_eq!(c("الشرق الاوسط").as_deref(), Some("الشرق الأوسط"));
        assert_eq!(c(" Qsarpress ").as_deref(), Some("Qsarpress"));
        assert_eq!(c("news.example.sd").as_deref(), Some("news.example.sd"));
        assert_eq!(c("  "), None);
    }

    #[test]
    fn keys_fold_what_the_table_does_not_know() {
        assert_eq!(outlet_key("صحيفة الأيّام"), outlet_key("صحيفه الايام"));
        assert_eq!(outlet_key("Sky  News"), outlet_key("سكاي نيوز عربية"));
        assert_eq!(
            outlet_key("https://www.news.example.sd/a"),
            outlet_key("news.example.sd")
        );
        assert_eq!(
            canonical_outlet("WWW.News.Example.SD").as_deref(),
            Some("news.example.sd")
        );
        assert_ne!(outlet_key("الأيام"), outlet_key("اليوم"));
        assert_eq!(outlet_key("  "), "");
    }

    #[test]
    fn the_saudi_daily_is_not_the_channel() {
        assert_eq!(known_outlet("al-jazirah.com"), Some("صحيفة الجزيرة"));
        assert_eq!(known_outlet("aljazeera.net"), Some("الجزيرة"));
    }
}
