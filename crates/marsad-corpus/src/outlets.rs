//! One display name per outlet, whatever id or spelling a corpus uses.
//!
//! Display names are the outlets' own Arabic names, as their pages print
//! them, so that corpus records and extracted pages of the same outlet
//! share one `outlet` value.

/// (display name, ids and spellings seen in corpora, compared lowercase).
const OUTLETS: &[(&str, &[&str])] = &[
    // ANT corpus `SRC` values (case varies: `BBC`, `skynews`).
    (
        "العربية",
        &["alarabia", "alarabiya", "al arabiya", "العربية"],
    ),
    (
        "بي بي سي عربي",
        &["bbc", "bbc arabic", "بي بي سي عربي", "بي بي سي"],
    ),
    (
        "سي إن إن بالعربية",
        &["cnn", "cnn arabic", "سي إن إن بالعربية"],
    ),
    ("فرانس 24", &["france24", "france 24", "فرانس 24"]),
    (
        "سكاي نيوز عربية",
        &["skynews", "sky news arabia", "sky news", "سكاي نيوز عربية"],
    ),
    // SaudiNewsNet `source` ids.
    ("الشرق الأوسط", &["aawsat", "الشرق الأوسط"]),
    ("الاقتصادية", &["aleqtisadiya", "aleqt", "الاقتصادية"]),
    // The Saudi daily, not the Qatari channel (الجزيرة).
    (
        "صحيفة الجزيرة",
        &["aljazirah", "al-jazirah", "صحيفة الجزيرة"],
    ),
    ("المدينة", &["almadina", "المدينة"]),
    ("الرياض", &["alriyadh", "الرياض"]),
    ("الوطن", &["alwatan", "الوطن"]),
    ("الوئام", &["alweeam", "الوئام"]),
    ("اليوم", &["alyaum", "اليوم"]),
    ("الرياضي", &["arreyadi", "الرياضي"]),
    // The data spells it `arriyadiyah`; its README `arreyadiyah`.
    ("الرياضية", &["arriyadiyah", "arreyadiyah", "الرياضية"]),
    ("عكاظ", &["okaz", "عكاظ"]),
    ("سبق", &["sabq", "سبق"]),
    ("واس", &["was", "spa", "واس"]),
    ("عين اليوم", &["3alyoum", "عين اليوم"]),
];

/// The display name for an outlet id or name; an unknown one is returned
/// trimmed, as given. Empty names give `None`.
pub fn display_name(id: &str) -> Option<String> {
    let id = id.trim();
    if id.is_empty() {
        return None;
    }
    let lower = id.to_lowercase();
    for (name, ids) in OUTLETS {
        if ids.iter().any(|i| *i == lower) {
            return Some((*name).to_string());
        }
    }
    Some(id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_meet_in_one_name() {
        assert_eq!(display_name("BBC").as_deref(), Some("بي بي سي عربي"));
        assert_eq!(display_name("bbc").as_deref(), Some("بي بي سي عربي"));
        assert_eq!(display_name("skynews").as_deref(), Some("سكاي نيوز عربية"));
        assert_eq!(display_name("SkyNews").as_deref(), Some("سكاي نيوز عربية"));
        assert_eq!(display_name("arriyadiyah").as_deref(), Some("الرياضية"));
        assert_eq!(display_name("arreyadiyah").as_deref(), Some("الرياضية"));
        assert_eq!(display_name(" Qsarpress ").as_deref(), Some("Qsarpress"));
        assert_eq!(display_name("  "), None);
    }
}
