//! Named word lists used by the clitic splitter. They are written in ordinary spelling and
//! brought to the matching form once, on first use.
//!
//! They are general Arabic vocabulary whose first letters look like clitics. There is no
//! list of names: whether a bare ب ل ك ف in front of a word is a preposition is decided from
//! each collection's own vocabulary at search time (marsad-index), not from a list.
//!
//! A listed entry also covers the entry followed by one of [`INFLECTIONS`] (وزير → وزيرة,
//! وزيرا, وزيرها; وكالة → وكالات, وكالتها), so the lists stay short.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::normalize::normalize_for_matching;

/// Words whose first letter looks like a proclitic (و ف ب ك ل) but belongs to the word.
/// Without them "وزير" would lose its و, "والده" would read as و+ال+ده.
#[rustfmt::skip]
pub const ROOT_INITIAL: &[&str] = &[
    // و as a root letter: frequent news vocabulary
    "وزير", "وزراء", "وزار", "وكال", "وكيل", "ولاي", "وطن", "وصول", "وصل", "وجود", "وجه",
    "وثيق", "وثائق", "وحد", "وحدات", "وفاة", "وفا", "واحد", "وقت", "وضع", "وقع", "وقائع",
    "واقع", "وقف", "وعد", "وعود", "ورق", "ولد", "والد", "والدة", "والي", "وادي", "وسط", "وسيل",
    "وسائل", "وصف", "وظيف", "وظائف", "وفد", "وفود", "وفق", "ولي", "ورش", "وارد", "وراء",
    "وحيد", "وزن", "وعي", "واجب", "واجه", "واضح", "واسع", "وافق", "وقود", "ولاء", "وسام",
    "ورد",
    // و-initial names
    "واشنطن", "وارسو", "ويلز", "وليام", "وليامز", "وائل", "وليد", "ووهان", "وانغ", "ويكيليكس",
    "واتساب", "ويندوز",
    // ب/ك/ف/ل + "ال" that is not a preposition plus the article
    "بالغ", "بالي", "بالون", "بالتيمور", "كاليفورنيا", "كالينينغراد", "فالنسيا", "والتر",
    "والاس", "والمارت",
];

/// Words that begin with "ال" that is not the article (إلى, الذي, ألمانيا, ألعاب ...).
/// Entries of three letters are dangerous with [`INFLECTIONS`]: ألم would also cover المهم
/// (ال + مهم) and إلا would cover الأهم, so they are left out.
#[rustfmt::skip]
pub const NOT_ARTICLE: &[&str] = &[
    "الله", "اللهم", "الذي", "التي", "الذين", "اللذان", "اللذين", "اللتان", "اللتين", "اللاتي",
    "اللواتي", "اللائي", "إلى", "آلي", "الآن", "ألف", "آلاف", "ألماني", "ألمان", "ألماس",
    "ألعاب", "ألوان", "ألغام", "ألياف", "ألبوم", "ألبان", "ألكسندر", "ألكسي", "أليكس", "ألبرت",
    "إلياس", "إليزابيث", "ألاسكا",
];

/// Words that end like a pronoun suffix (ها هم هن هما) but where the ending is part of the
/// word: "تفاهم" must not become "تفا".
#[rustfmt::skip]
pub const ENDS_LIKE_PRONOUN: &[&str] = &[
    "تفاهم", "مساهم", "يساهم", "تساهم", "يداهم", "تداهم", "مراهن",
];

/// Endings that a listed entry may carry and still count as that entry.
#[rustfmt::skip]
pub const INFLECTIONS: &[&str] = &[
    "", "ا", "ت", "ك", "ه", "ي", "ة", "ات", "ان", "ين", "ون", "وا", "ها", "هم", "هن", "كم", "نا",
    "ته", "تي", "تك", "يا", "يه", "ية", "هما", "تها", "تهم", "يات", "يين", "يون",
];

struct Lexicon {
    /// Every listed entry combined with every inflection, in the matching form: one hash
    /// lookup per question.
    forms: FxHashSet<String>,
    /// The entries themselves (and [`ENDS_LIKE_PRONOUN`]), without inflections.
    entries: FxHashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let inflections: Vec<String> = INFLECTIONS
            .iter()
            .map(|w| normalize_for_matching(w))
            .collect();
        let mut forms = FxHashSet::default();
        let mut entries = FxHashSet::default();
        for entry in ROOT_INITIAL.iter().chain(NOT_ARTICLE) {
            let entry = normalize_for_matching(entry);
            for inflection in &inflections {
                forms.insert(format!("{entry}{inflection}"));
            }
            entries.insert(entry);
        }
        entries.extend(ENDS_LIKE_PRONOUN.iter().map(|w| normalize_for_matching(w)));
        Lexicon { forms, entries }
    })
}

/// Is this matching-form word a listed word, possibly with one of the [`INFLECTIONS`]?
pub fn is_known_word(word: &str) -> bool {
    !word.is_empty() && lexicon().forms.contains(word)
}

/// Is this matching-form word exactly an entry of one of the lists (no inflection)? Such a
/// word also keeps an ending that looks like a pronoun suffix (اللهم, تفاهم).
pub fn is_listed(word: &str) -> bool {
    lexicon().entries.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_inflections_are_known() {
        assert!(is_known_word("وزير"));
        assert!(is_known_word("وزيره"));
        assert!(is_known_word("وكالات"));
        assert!(is_known_word("المانيا"));
        assert!(is_known_word("اليه"));
        // No names are listed: بوتين, لندن keep their letters by the default rule, not a list.
        assert!(!is_known_word("بوتين"));
        assert!(!is_known_word("دمشق"));
        assert!(!is_known_word("قال"));
        assert!(!is_known_word("وقال"));
        assert!(!is_known_word("والاتفاقيه"));
        assert!(!is_known_word(""));
        assert!(is_listed("وزير"));
        assert!(is_listed("تفاهم"));
        assert!(!is_listed("وزيره"));
    }
}
