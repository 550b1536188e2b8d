//! Step 2 of the chain: splitting clitics off a matching-form word.
//!
//! Arabic writes conjunctions (و ف), prepositions (ب ك ل) and the article (ال) as prefixes of
//! the next word, and object/possessive pronouns as suffixes. A blind prefix cut is wrong far
//! too often ("وزير" is not و+زير, "بوتين" is not ب+وتين), so the rules are, in order:
//!
//! 1. A word in the lexicon ([`crate::lexicon`]: general vocabulary such as وزير, وكالة,
//!    إلى, ألمانيا), or one of its inflections, keeps its prefixes.
//! 2. A proclitic ([`PROCLITICS`]) directly before a lexicon word is removed:
//!    "لوزير" → "وزير"; "بالمانيا" (بألمانيا) → "المانيا".
//! 3. A sequence ending in the article ([`ARTICLE_PREFIXES`]) is removed when at least
//!    [`MIN_STEM_AFTER_ARTICLE`] letters remain: "والاتفاقيه" → "اتفاقيه", "للولايات" → "ولايات".
//!    "لل" has a second reading, ل before a word that starts with ل ("للبنان" is ل + لبنان):
//!    [`lam_reading`] gives it, and the index keeps both.
//! 4. A bare و is removed when at least [`MIN_STEM_AFTER_WAW`] letters remain: "وبيونغ" → "بيونغ".
//!    Bare ب ك ل ف are never removed outside rule 2: too many words and names start with them
//!    (بحر, لجنة, فرنسا, بوتين). Whether "بصنعاء" is ب + صنعاء depends on the collection (is
//!    صنعاء a word of it?), so that is decided at search time, from the index's vocabulary,
//!    by marsad-index; here the whole form is kept.
//! 5. One pronoun suffix ([`PRONOUN_SUFFIXES`]) is removed when at least
//!    [`MIN_STEM_BEFORE_SUFFIX`] letters remain. The one-letter suffixes ه ك ي, and كم كن نا,
//!    are not removed (nor any suffix from a listed word such as اللهم or تفاهم): in the matching form ه is also the folded ة, ي is also the nisba ending,
//!    and كم/نا end many nouns and names (حاكم, تراكم, كورونا, فيينا).

use crate::lexicon::{is_known_word, is_listed};

/// Proclitic sequences that end in the article, longest first. "لل" is ل + ال with the alef
/// elided.
pub const ARTICLE_PREFIXES: &[&str] = &[
    "وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
];

/// Proclitics removed in front of a lexicon word, longest first.
pub const PROCLITICS: &[&str] = &["وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل"];

/// Pronoun suffixes removed by [`strip_clitics`], longest first.
pub const PRONOUN_SUFFIXES: &[&str] = &["هما", "ها", "هم", "هن"];

/// Letters that must remain after removing an article sequence (الحد → حد, but الي stays).
pub const MIN_STEM_AFTER_ARTICLE: usize = 2;
/// Letters that must remain after removing a bare و (وقال → قال, but وضع stays).
pub const MIN_STEM_AFTER_WAW: usize = 3;
/// Letters that must remain after removing a pronoun suffix (رئيسها → رئيس, but مهم stays).
pub const MIN_STEM_BEFORE_SUFFIX: usize = 3;
/// Letters a lexicon word must have for rule 2.
pub const MIN_KNOWN_AFTER_PROCLITIC: usize = 2;

/// `s` has at least `n` characters.
pub(crate) fn has_at_least(s: &str, n: usize) -> bool {
    n == 0 || s.chars().nth(n - 1).is_some()
}

/// `word` without `prefix`. A byte loop rather than `str::strip_prefix`: the affixes are a few
/// bytes long and a `memcmp` call per candidate dominated the tokenizer's profile.
#[inline]
pub(crate) fn after_prefix<'w>(word: &'w str, prefix: &str) -> Option<&'w str> {
    let (w, p) = (word.as_bytes(), prefix.as_bytes());
    if w.len() >= p.len() && w.iter().zip(p).all(|(a, b)| a == b) {
        word.get(p.len()..)
    } else {
        None
    }
}

/// `word` without `suffix`; see [`after_prefix`].
#[inline]
pub(crate) fn before_suffix<'w>(word: &'w str, suffix: &str) -> Option<&'w str> {
    let (w, s) = (word.as_bytes(), suffix.as_bytes());
    if w.len() >= s.len() && w.iter().rev().zip(s.iter().rev()).all(|(a, b)| a == b) {
        word.get(..w.len() - s.len())
    } else {
        None
    }
}

/// Removes proclitics (rules 1–4 of the module doc). `word` must be in the matching form.
pub fn strip_proclitics(word: &str) -> &str {
    let Some(first) = word.chars().next() else {
        return word;
    };
    // Every rule needs the word to start with one of these; most words are done here.
    if !matches!(first, 'و' | 'ف' | 'ب' | 'ك' | 'ل' | 'ا') || is_known_word(word) {
        return word;
    }
    if first == 'ا' {
        return match after_prefix(word, "ال") {
            Some(rest) if has_at_least(rest, MIN_STEM_AFTER_ARTICLE) => rest,
            _ => word,
        };
    }
    for p in PROCLITICS {
        if let Some(rest) = after_prefix(word, p) {
            if has_at_least(rest, MIN_KNOWN_AFTER_PROCLITIC) && is_known_word(rest) {
                return rest;
            }
        }
    }
    for p in ARTICLE_PREFIXES {
        if let Some(rest) = after_prefix(word, p) {
            if has_at_least(rest, MIN_STEM_AFTER_ARTICLE) {
                return rest;
            }
        }
    }
    if let Some(rest) = after_prefix(word, "و") {
        if has_at_least(rest, MIN_STEM_AFTER_WAW) {
            return rest;
        }
    }
    word
}

/// Sequences "(و|ف)لل" whose last ل may be the first letter of the word (rule 3's second
/// reading), longest first.
const LAM_LAM_PREFIXES: &[&str] = &["ولل", "فلل", "لل"];

/// The second reading of a word that rule 3 cut after "لل": ل + a word that starts with ل
/// ("للبنان" → "لبنان", "وللجنة" → "لجنه"), where [`strip_clitics`] gives ل + ال + the rest
/// ("بنان", "جنه"). Arabic writes ل + ال + لX as "للX", so when لX is a word this reading is
/// always possible. `None` when rule 3 did not cut "لل". A sub-slice of `word`, pronoun suffix
/// removed as in [`strip_clitics`].
///
/// ```
/// use marsad_text::{lam_reading, strip_clitics};
/// assert_eq!(strip_clitics("للبنان"), "بنان");
/// assert_eq!(lam_reading("للبنان"), Some("لبنان"));
/// assert_eq!(lam_reading("لبنان"), None);
/// ```
pub fn lam_reading(word: &str) -> Option<&str> {
    for prefix in LAM_LAM_PREFIXES {
        if let Some(rest) = after_prefix(word, prefix) {
            if strip_proclitics(word).len() != rest.len() {
                return None;
            }
            // Keep the last ل of the prefix: one letter, two bytes, before `rest`.
            let start = word.len() - rest.len() - 'ل'.len_utf8();
            return word.get(start..).map(strip_pronoun_suffix);
        }
    }
    None
}

/// Removes one pronoun suffix (rule 5 of the module doc). `word` must be in the matching form.
pub fn strip_pronoun_suffix(word: &str) -> &str {
    for suffix in PRONOUN_SUFFIXES {
        if let Some(stem) = before_suffix(word, suffix) {
            if has_at_least(stem, MIN_STEM_BEFORE_SUFFIX) && !is_listed(word) {
                return stem;
            }
            return word;
        }
    }
    word
}

/// The base of a matching-form word: proclitics and one pronoun suffix removed. Always a
/// sub-slice of `word`.
///
/// ```
/// use marsad_text::{normalize_for_matching, strip_clitics};
/// assert_eq!(strip_clitics(&normalize_for_matching("والاتفاقية")), "اتفاقيه");
/// assert_eq!(strip_clitics("وزير"), "وزير");
/// ```
pub fn strip_clitics(word: &str) -> &str {
    strip_pronoun_suffix(strip_proclitics(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_for_matching;

    fn base(word: &str) -> String {
        strip_clitics(&normalize_for_matching(word)).to_owned()
    }

    #[test]
    fn article_sequences_are_removed() {
        assert_eq!(base("الاتفاقية"), "اتفاقيه");
        assert_eq!(base("والاتفاقية"), "اتفاقيه");
        assert_eq!(base("بالاتفاقية"), "اتفاقيه");
        assert_eq!(base("فالاتفاقية"), "اتفاقيه");
        assert_eq!(base("كالعادة"), "عاده");
        assert_eq!(base("وبالتالي"), "تالي");
        assert_eq!(base("للولايات"), "ولايات");
        assert_eq!(base("وللولايات"), "ولايات");
        assert_eq!(base("الحد"), "حد");
        assert_eq!(base("للحد"), "حد");
    }

    #[test]
    fn root_letters_that_look_like_proclitics_stay() {
        for w in [
            "وزير",
            "وزارة",
            "وكالة",
            "ولاية",
            "ولايات",
            "واشنطن",
            "بوتين",
            "بيونغ",
            "كوريا",
            "لندن",
            "فرنسا",
            "لافروف",
            "لبنان",
            "كييف",
            "بريطانيا",
            "والده",
            "بالغة",
            "كاليفورنيا",
        ] {
            assert_eq!(base(w), normalize_for_matching(w), "{w}");
        }
    }

    #[test]
    fn bare_waw_is_removed_when_enough_remains() {
        assert_eq!(base("وبيونغ"), "بيونغ");
        assert_eq!(base("وقال"), "قال");
        assert_eq!(base("وضع"), "وضع");
        assert_eq!(base("وهو"), "وهو");
    }

    #[test]
    fn bare_prepositions_are_removed_only_before_lexicon_words() {
        assert_eq!(base("بواشنطن"), "واشنطن");
        assert_eq!(base("والوزير"), "وزير");
        assert_eq!(base("ولوزير"), "وزير");
        assert_eq!(base("لوزير"), "وزير");
        // Any other word keeps its ب ل ك ف: the index decides at search time.
        assert_eq!(base("لبوتين"), "لبوتين");
        assert_eq!(base("بفرنسا"), "بفرنسا");
        assert_eq!(base("بصنعاء"), "بصنعاء");
        assert_eq!(base("بقرار"), "بقرار");
        assert_eq!(base("بحماس"), "بحماس");
        // و before them still goes: وبصنعاء is written as بصنعاء is.
        assert_eq!(base("وبصنعاء"), "بصنعاء");
    }

    #[test]
    fn lam_lam_has_two_readings() {
        let reading = |w: &str| lam_reading(&normalize_for_matching(w)).map(str::to_owned);
        assert_eq!(base("للبنان"), "بنان");
        assert_eq!(reading("للبنان").as_deref(), Some("لبنان"));
        assert_eq!(reading("وللجنة").as_deref(), Some("لجنه"));
        assert_eq!(reading("فلليبيا").as_deref(), Some("ليبيا"));
        assert_eq!(reading("للجنتهم").as_deref(), Some("لجنت"));
        assert_eq!(base("للولايات"), "ولايات");
        assert_eq!(reading("للولايات").as_deref(), Some("لولايات"));
        // Rule 3 did not cut "لل": no second reading.
        for w in ["لبنان", "لل", "للي", "الليلة", "بالاتفاقية", "لوزير"]
        {
            assert_eq!(reading(w), None, "{w}");
        }
    }

    #[test]
    fn words_starting_with_al_that_is_not_the_article() {
        assert_eq!(base("الله"), "الله");
        assert_eq!(base("والله"), "الله");
        assert_eq!(base("إلى"), "الي");
        assert_eq!(base("ألمانيا"), "المانيا");
        assert_eq!(base("بألمانيا"), "المانيا");
        assert_eq!(base("الألمانية"), "المانيه");
        assert_eq!(base("ألعاب"), "العاب");
        assert_eq!(base("الذي"), "الذي");
        // three-letter look-alikes are not listed: المهم is ال + مهم, الأهم is ال + أهم
        assert_eq!(base("المهم"), "مهم");
        assert_eq!(base("الأهم"), "اهم");
    }

    #[test]
    fn pronoun_suffixes() {
        assert_eq!(base("رئيسها"), "رءيس");
        assert_eq!(base("قادتهم"), "قادت");
        assert_eq!(base("بلادهما"), "بلاد");
        assert_eq!(base("وزيرها"), "وزير");
        assert_eq!(base("مهم"), "مهم");
        assert_eq!(base("المتهم"), "متهم");
        assert_eq!(base("تفاهم"), "تفاهم");
        assert_eq!(base("الراهن"), "راهن");
        // single-letter and ambiguous suffixes are kept
        assert_eq!(base("كتابه"), "كتابه");
        assert_eq!(base("كورونا"), "كورونا");
        assert_eq!(base("حاكم"), "حاكم");
    }

    #[test]
    fn every_listed_word_stays_whole() {
        use crate::lexicon::{NOT_ARTICLE, ROOT_INITIAL};
        for w in ROOT_INITIAL.iter().chain(NOT_ARTICLE) {
            let m = normalize_for_matching(w);
            assert_eq!(strip_clitics(&m), m, "{w}");
        }
    }

    #[test]
    fn latin_and_digits_pass_through() {
        assert_eq!(strip_clitics("reuters"), "reuters");
        assert_eq!(strip_clitics("2024"), "2024");
        assert_eq!(strip_clitics(""), "");
    }
}
