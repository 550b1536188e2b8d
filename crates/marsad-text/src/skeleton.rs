//! A loose key for *names*, used by entity merging: two spellings of one transliterated name
//! get the same skeleton (بيونغ يانغ, بيونج يانج, بیونغ یانغ, بيونغيانغ).
//!
//! Built from the matching form by:
//! 1. joining the words (spaces, hyphens and punctuation inside the name are removed), after
//!    dropping a word-final ه (folded ة, or the ه/ة/ا alternation of a final "a": سارة = سارا);
//! 2. dropping the long-vowel letters ا و ي and the hamza ء everywhere but at the very start
//!    (transliterations disagree mostly on vowels: ترامب = ترمب, جونغ إيل = جونغ إل);
//! 3. mapping letters that transliteration confuses to one letter per [`SOUND_CLASSES`]
//!    (غ ج گ ك for g: سيرجي = سيرغي);
//! 4. collapsing adjacent repeats of a class.
//!
//! This is far too loose for ordinary words (it would merge many unrelated roots), so it is
//! meant only for comparing names that are already known to be names, alongside other
//! evidence. Latin letters are lowercased and lose their vowels the same way.

use crate::normalize::normalize_for_matching;

/// Letters that transliteration writes interchangeably, each group mapped to its first letter.
/// ق, ح, خ, ع and ض stay apart: they are real Arabic consonants, not spelling variants of a
/// foreign sound.
pub const SOUND_CLASSES: &[&str] = &[
    "غجگكڭڠڨ", // g: Pyongyang بيونغ/بيونج, Sergei سيرغي/سيرجي, Persian/Maghrebi gaf
    "فڤ",      // f / v
    "بپ",      // b / p
    "تط",      // t
    "زذظ",     // z
    "سصث",     // s
];

/// Letters dropped after the first position: long vowels and hamza.
pub const VOWEL_LETTERS: &[char] = &['ا', 'و', 'ي', 'ء', 'a', 'e', 'i', 'o', 'u'];

fn sound_class(c: char) -> char {
    SOUND_CLASSES
        .iter()
        .find(|group| group.chars().any(|x| x == c))
        .and_then(|group| group.chars().next())
        .unwrap_or(c)
}

/// The skeleton of a name; see the module documentation.
///
/// ```
/// use marsad_text::skeleton;
/// assert_eq!(skeleton("بيونغ يانغ"), skeleton("بيونج-يانج"));
/// assert_ne!(skeleton("ترامب"), skeleton("بوتين"));
/// ```
pub fn skeleton(name: &str) -> String {
    let normalized = normalize_for_matching(name);
    let mut out = String::new();
    let mut at_start = true;
    let mut last: Option<char> = None;
    for word in normalized
        // Arabic letters first: the Unicode tables are slow for them.
        .split(|c: char| !(crate::is_arabic_letter(c) || c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
    {
        let word = match word.strip_suffix('ه') {
            Some(shorter) if shorter.chars().nth(1).is_some() => shorter,
            _ => word,
        };
        for c in word.chars() {
            if !at_start && VOWEL_LETTERS.contains(&c) {
                last = None;
                continue;
            }
            at_start = false;
            let k = sound_class(c);
            if last != Some(k) {
                out.push(k);
            }
            last = Some(k);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_values() {
        assert_eq!(skeleton("ترامب"), "ترمب");
        assert_eq!(skeleton("بيونغ يانغ"), "بنغنغ");
        assert_eq!(skeleton("سيرجي لافروف"), "سرغلفرف");
        assert_eq!(skeleton("إيران"), "ارن");
        assert_eq!(skeleton("Kennedy"), "kndy");
        assert_eq!(skeleton(""), "");
    }

    #[test]
    fn spellings_of_one_name_meet() {
        let groups: &[&[&str]] = &[
            &[
                "بيونغ يانغ",
                "بيونج يانج",
                "بیونغ یانغ",
                "بيونغيانغ",
                "بيونغ-يانغ",
            ],
            &["ترامب", "ترمب", "تْرَامْب"],
            &["سيرجي لافروف", "سيرغي لافروف"],
            &["كيم جونغ إيل", "كيم جونغ إل", "كيم جونج ايل"],
            &["سارة", "سارا", "ساره"],
            &["طهران", "تهران"],
            &["بوتين", "پوتين"],
            &["فلاديمير", "ڤلاديمير"],
        ];
        for group in groups {
            for name in group.iter() {
                assert_eq!(skeleton(name), skeleton(group[0]), "{name} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn unrelated_names_stay_apart() {
        let pairs = [
            ("ترامب", "بوتين"),
            ("كيم", "كييف"),
            ("موسكو", "مصر"),
            ("بايدن", "بوتين"),
            ("لندن", "لبنان"),
            ("قطر", "كوريا"),
            ("حماس", "هماس"),
            ("عمان", "امان"),
        ];
        for (a, b) in pairs {
            assert_ne!(skeleton(a), skeleton(b), "{a} vs {b}");
        }
    }
}
