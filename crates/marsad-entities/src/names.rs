//! Keys and comparisons of names: the matching key (clitic-free bases), per-word skeletons
//! and the spelling-variant test that merges transliterations without merging different
//! names.
//!
//! The variant test follows the one of `marsad-index` (a weighted edit distance where
//! transliteration letters are equal and ا costs half an edit), written again here so that
//! this stage does not depend on the index; see the README.

use marsad_text::{normalize_for_matching, skeleton, strip_clitics};

/// Words of a name that are not part of it for comparison: the article is already gone from
/// bases; these are generic government-form words of official country names.
pub static GOVERNMENT_FORMS: &[&str] = &["جمهوريه", "شعبيه", "مملكه", "اتحاديه", "دوله"];

/// Trailing modifiers that do not change which organisation is meant: "مجلس الأمن الدولي" =
/// "مجلس الأمن".
pub static ORG_TRAILERS: &[&str] = &["دولي", "دوليه"];

/// Head nouns of names that mean the same (ميدان كيم إيل سونغ = ساحة كيم إيل سونغ): the
/// second is written as the first in keys.
pub const HEAD_SYNONYMS: &[(&str, &str)] = &[("ساحه", "ميدان")];

/// A letter or digit, quickly for ASCII and Arabic (the matching form has no marks left).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{0621}'..='\u{064A}').contains(&c)
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{0671}'..='\u{06D3}').contains(&c)
    {
        return true;
    }
    c.is_alphanumeric()
}

/// The matching key of a name: the clitic-free base of each word, joined by spaces.
pub fn name_key(name: &str) -> String {
    let norm = normalize_for_matching(name);
    let mut out = String::new();
    for (i, w) in norm
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut b = strip_clitics(w);
        if i == 0 {
            if let Some((k, _)) = HEAD_SYNONYMS.iter().find(|(_, v)| *v == b) {
                b = k;
            }
        }
        out.push_str(b);
    }
    out
}

/// The key a name is looked up with in the alias table: a one-word name as its base; a
/// longer name as the sorted skeletons of its words, so that word order and vowel spelling
/// do not matter (جمهورية كوريا الشعبية الديموقراطية = جمهورية كوريا الديمقراطية الشعبية).
pub fn alias_key(key: &str) -> String {
    let letters = key.chars().filter(|c| *c != ' ').count();
    if !key.contains(' ') || letters < MIN_LOOSE_ALIAS_LETTERS {
        return key.to_owned();
    }
    let mut w = word_skeletons(key);
    w.sort();
    w.join(" ")
}

/// Names shorter than this (letters) are looked up exactly: sorted skeletons of short
/// words collide ("كيم بأن").
pub const MIN_LOOSE_ALIAS_LETTERS: usize = 10;

/// A second alias key, for names written in one word or two (بيونغيانغ = بيونغ يانغ): the
/// skeleton of the joined words, marked with `=`. Only long one-word names are stored
/// under it (see [`MIN_JOINED_ALIAS_LETTERS`]); short skeletons collide too often.
pub fn joined_alias_key(key: &str) -> String {
    format!("={}", skeleton(key))
}

/// Letters a one-word alias needs to be also stored under its [`joined_alias_key`].
pub const MIN_JOINED_ALIAS_LETTERS: usize = 7;

/// The key an entity is compared with: its [`name_key`], and for an organisation without
/// trailing modifiers ("مجلس الأمن الدولي", "مجلس الأمن التابع للأمم المتحدة" → "مجلس الأمن").
pub fn entity_key(ty: crate::EntityType, canonical: &str) -> String {
    let key = name_key(canonical);
    if ty != crate::EntityType::Org {
        return key;
    }
    let mut words: Vec<&str> = key.split(' ').collect();
    while words.len() > 1 && words.last().is_some_and(|w| ORG_TRAILERS.contains(w)) {
        words.pop();
    }
    if let Some(p) = words
        .iter()
        .position(|w| crate::cues::BELONGS_TO.contains(w))
    {
        if p > 0 {
            words.truncate(p);
        }
    }
    words.join(" ")
}

/// The id of a well-known organisation named by `key` ([`crate::cues::ORG_ALIASES`]).
pub fn org_alias(key: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashMap<String, &'static str>> =
        std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            let mut m = rustc_hash::FxHashMap::default();
            for (id, names) in crate::cues::ORG_ALIASES {
                for n in *names {
                    m.insert(alias_key(&name_key(n)), *id);
                }
            }
            m
        })
        .get(&alias_key(key))
        .copied()
}

/// The key of an official country name without its government-form words
/// ("جمهورية كوريا الديمقراطية الشعبية" → "كوريا ديمقراطيه"), when something specific is
/// left.
pub fn without_government_forms(key: &str) -> Option<String> {
    let words: Vec<&str> = key
        .split(' ')
        .filter(|w| !GOVERNMENT_FORMS.contains(w))
        .collect();
    let changed = words.len() != key.split(' ').count();
    let first_is_adjective = words
        .first()
        .is_none_or(|w| ["متحده", "عربيه", "ديمقراطيه", "اسلاميه", "اشتراكيه"].contains(w));
    (changed && !first_is_adjective).then(|| words.join(" "))
}

/// The words a treaty or charter name is compared by, when `key` (a [`name_key`]) is one:
/// the head noun (ميثاق، اتفاقية، معاهدة: [`crate::cues::DOCUMENT_HEADS`]) left out, each
/// other word without its feminine ending (الاستراتيجية = الاستراتيجي) and with the
/// synonyms of [`crate::cues::DOCUMENT_WORD_SYNONYMS`] as one, sorted: "ميثاق الشراكة
/// الاستراتيجية الشاملة" = "اتفاقية «التعاون الاستراتيجي الشامل»".
pub fn document_name_stems(key: &str) -> Option<Vec<String>> {
    let mut words = key.split(' ');
    let head = words.next()?;
    if !crate::cues::DOCUMENT_HEADS.contains(&head) {
        return None;
    }
    let mut stems: Vec<String> = words
        .map(|w| {
            let w = w
                .strip_suffix('ه')
                .filter(|s| s.chars().count() >= 2)
                .unwrap_or(w);
            crate::cues::DOCUMENT_WORD_SYNONYMS
                .iter()
                .find(|(a, _)| *a == w)
                .map_or(w, |(_, b)| b)
                .to_owned()
        })
        .collect();
    stems.sort();
    stems.dedup();
    (!stems.is_empty()).then_some(stems)
}

/// `a` names a treaty by fewer of the words of `b` (all of them in `b`).
pub fn fewer_document_words(a: &[String], b: &[String]) -> bool {
    a.len() < b.len() && a.iter().all(|w| b.contains(w))
}

/// Of `candidates` (indices), the ones whose stem set no other candidate's set contains:
/// a treaty name of fewer words goes to the one most complete name when there is one.
pub fn most_complete<'a>(
    candidates: &[usize],
    stems: impl Fn(usize) -> &'a [String],
) -> Vec<usize> {
    candidates
        .iter()
        .copied()
        .filter(|&j| {
            !candidates
                .iter()
                .any(|&k| k != j && fewer_document_words(stems(j), stems(k)))
        })
        .collect()
}

/// Per-word skeletons of a key, with the transliteration of a final "ng" (نغ, نج) reduced
/// to ن: سون = سونغ (Son / Song), but only at the end of a word.
pub fn word_skeletons(key: &str) -> Vec<String> {
    key.split(' ')
        .map(|w| {
            let w = w
                .strip_suffix('غ')
                .or_else(|| w.strip_suffix('ج'))
                .filter(|s| s.ends_with('ن') && s.chars().count() >= 2)
                .unwrap_or(w);
            skeleton(w)
        })
        .collect()
}

pub use marsad_text::spelling::{allowed_edits, spelling_distance};

/// Two words of names are spellings of one word: same skeleton (after the final-ng rule)
/// and a close spelling, or a close spelling alone.
pub fn same_word(a: &str, b: &str, skel_a: &str, skel_b: &str) -> bool {
    same_word_with(a, b, skel_a, skel_b, false)
}

/// [`same_word`]; `loose` also lets short words of one skeleton differ by a vowel letter
/// (هوي/هي, إيل/إل), which is only safe inside long transliterated names: سعد ≠ سعيد.
fn same_word_with(a: &str, b: &str, skel_a: &str, skel_b: &str, loose: bool) -> bool {
    if a == b {
        return true;
    }
    let n = a.chars().count().min(b.chars().count());
    let d = spelling_distance(a, b);
    if skel_a == skel_b && loose {
        return d <= allowed_edits(n).max(1.0);
    }
    d <= allowed_edits(n)
}

/// Names of at least this many words compare their later words loosely (see
/// [`same_word`]): "كيم جونغ إيل" = "كيم جونغ إل".
pub const LOOSE_NAME_WORDS: usize = 3;

/// Two multi-word names are one: as many words, each a spelling of the other's.
pub fn same_name(a: &str, b: &str) -> bool {
    if a.split(' ').count() != b.split(' ').count() {
        return false;
    }
    same_name_with(a, &word_skeletons(a), b, &word_skeletons(b))
}

/// [`same_name`] with the [`word_skeletons`] of both keys already computed.
pub fn same_name_with(a: &str, sa: &[String], b: &str, sb: &[String]) -> bool {
    if a == b {
        return true;
    }
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    if wa.len() != wb.len() || sa.len() != wa.len() || sb.len() != wb.len() {
        return false;
    }
    let long = wa.len() >= LOOSE_NAME_WORDS;
    wa.iter()
        .zip(&wb)
        .zip(sa.iter().zip(sb.iter()))
        .enumerate()
        .all(|(i, ((x, y), (p, q)))| same_word_with(x, y, p, q, long && i > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        same_name(&name_key(a), &name_key(b))
    }

    #[test]
    fn transliterations_meet() {
        assert!(same("بيونغ يانغ", "بيونج يانج"));
        assert!(same("بيونغ يانغ", "بیونغ یانغ"));
        assert!(same("كيم جونغ إيل", "كيم جونغ إل"));
        assert!(same("سيرجي لافروف", "سيرغي لافروف"));
        assert!(same("ترامب", "ترمب"));
        assert!(same("تشوي سون هوي", "تشوي سونغ هي"));
    }

    #[test]
    fn different_names_stay_apart() {
        assert!(!same("كيم جونغ أون", "كيم جونغ إيل"));
        assert!(!same("كيم جونغ أون", "كيم جونغ"));
        assert!(!same("مصر", "مسار"));
        assert!(!same("بوتين", "بايدن"));
        assert!(!same("سعد", "سعيد"));
        assert!(!same("محمد سعد", "محمد سعيد"));
    }

    #[test]
    fn treaty_names_compare_without_head_noun_and_endings() {
        let stems = |n: &str| document_name_stems(&name_key(n));
        let full = stems("ميثاق الشراكة الاستراتيجية الشاملة");
        assert!(full.is_some());
        assert_eq!(full, stems("اتفاقية «التعاون الاستراتيجي الشامل»"));
        assert_eq!(full, stems("معاهدة شراكة استراتيجية شاملة"));
        let short = stems("معاهدة الشراكة الإستراتيجية").unwrap_or_default();
        assert!(fewer_document_words(&short, full.as_deref().unwrap_or(&[])));
        // Another treaty, and a name that is not one.
        assert_ne!(full, stems("معاهدة عدم الانتشار النووي"));
        assert_eq!(stems("حلف شمال الأطلسي"), None);
    }

    #[test]
    fn official_names_lose_their_government_form() {
        let k = name_key("جمهورية كوريا الديمقراطية الشعبية");
        assert_eq!(
            without_government_forms(&k).as_deref(),
            Some("كوريا ديمقراطيه")
        );
        assert_eq!(without_government_forms(&name_key("المملكة المتحدة")), None);
    }
}
