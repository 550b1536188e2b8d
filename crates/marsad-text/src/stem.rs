//! Step 3 of the chain: a light stemmer for recall.
//!
//! After [`strip_clitics`], the suffixes of Larkey's light10 are removed in order, each only
//! if at least [`MIN_STEM`] letters remain. There are no root extraction and no infix rules:
//! light stemming is what works best for Arabic retrieval, and it fails softly. It still
//! conflates names with words (بوتين → بوت), so it feeds a separate, recall-only search field;
//! exact and name matching use the unstemmed base.

use crate::clitics::{before_suffix, has_at_least, strip_clitics};

/// light10 suffixes in the matching form (ة and ية are folded into ه and يه), in the order
/// they are tried.
pub const LIGHT10_SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// Letters that must remain after removing a suffix.
pub const MIN_STEM: usize = 2;

/// The light stem of a matching-form word, as a sub-slice (no allocation).
pub fn light_stem_ref(word: &str) -> &str {
    let mut stem = strip_clitics(word);
    for suffix in LIGHT10_SUFFIXES {
        if let Some(shorter) = before_suffix(stem, suffix) {
            if has_at_least(shorter, MIN_STEM) {
                stem = shorter;
            }
        }
    }
    stem
}

/// The light stem of a matching-form word.
///
/// ```
/// use marsad_text::{light_stem, normalize_for_matching};
/// assert_eq!(light_stem(&normalize_for_matching("والاتفاقيات")), "اتفاق");
/// ```
pub fn light_stem(word: &str) -> String {
    light_stem_ref(word).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_for_matching;

    fn stem(word: &str) -> String {
        light_stem(&normalize_for_matching(word))
    }

    #[test]
    fn inflections_meet_at_one_stem() {
        for w in [
            "الاتفاقية",
            "والاتفاقية",
            "بالاتفاقية",
            "اتفاقيات",
            "الاتفاقيات",
        ] {
            assert_eq!(stem(w), "اتفاق", "{w}");
        }
        assert_eq!(stem("المعلمون"), "معلم");
        assert_eq!(stem("المعلمين"), "معلم");
        assert_eq!(stem("معلمان"), "معلم");
        assert_eq!(stem("مدرستها"), "مدرست");
    }

    #[test]
    fn guards_keep_short_words_and_names_of_the_lexicon() {
        assert_eq!(stem("بيونغ"), "بيونغ");
        assert_eq!(stem("وزير"), "وزير");
        assert_eq!(stem("لافروف"), "لافروف");
        assert_eq!(stem("فيه"), "في");
        assert_eq!(stem("هي"), "هي");
    }

    #[test]
    fn names_are_over_stemmed_which_is_why_this_is_recall_only() {
        assert_eq!(stem("بوتين"), "بوت");
    }
}
