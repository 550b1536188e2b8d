//! Character classes and the spelling normalisation shared by the scanners.

/// Bidi controls, zero-width characters and the BOM: ignored everywhere.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}'
    )
}

/// The value of an ASCII, Eastern Arabic (٠-٩) or Persian (۰-۹) digit.
pub(crate) fn digit_value(c: char) -> Option<u8> {
    let base = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        _ => return None,
    };
    u8::try_from(u32::from(c) - u32::from(base)).ok()
}

/// Whether `text` contains any digit find_dates can read: a branch-free byte
/// scan in blocks (vectorised by the compiler), no decoding. ٠-٩ are
/// `D9 A0..=A9` in UTF-8, ۰-۹ are `DB B0..=B9`.
pub(crate) fn has_digit(text: &str) -> bool {
    const BLOCK: usize = 64;
    let b = text.as_bytes();
    let Some((&last, _)) = b.split_last() else {
        return false;
    };
    // Each byte with its successor; the last byte on its own.
    let (xs, ys) = (&b[..b.len() - 1], &b[1..]);
    let hit = |(&x, &y): (&u8, &u8)| {
        x.wrapping_sub(b'0') < 10
            || (x == 0xD9 && y.wrapping_sub(0xA0) < 10)
            || (x == 0xDB && y.wrapping_sub(0xB0) < 10)
    };
    last.is_ascii_digit()
        || xs
            .chunks(BLOCK)
            .zip(ys.chunks(BLOCK))
            .any(|(xc, yc)| xc.iter().zip(yc).fold(false, |acc, p| acc | hit(p)))
}

/// A letter: ASCII and the Arabic block without a Unicode table lookup (the
/// general `char::is_alphabetic` is slow on Arabic text).
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06E5}'..='\u{06E6}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}' => true,
        '\u{0600}'..='\u{06FF}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Diacritics and the tatweel: part of a word, but dropped when normalising.
pub(crate) fn is_word_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{0640}'
            | '\u{0300}'..='\u{036F}'
    )
}

/// Appends the normalised form of one word character: Arabic letter variants
/// folded (أ/إ/آ→ا, ة→ه, ى/ئ→ي, ؤ→و), marks dropped, Latin lower-cased and
/// stripped of accents.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if is_word_mark(c) {
        return;
    }
    let folded = match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ة' => 'ه',
        'ى' | 'ئ' | 'ی' => 'ي',
        'ؤ' => 'و',
        'ک' => 'ك',
        'ڤ' => 'ف',
        'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
        'î' | 'ï' => 'i',
        'ô' | 'ö' => 'o',
        'û' | 'ù' | 'ü' => 'u',
        'ç' => 'c',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        // The Arabic block has no case.
        '\u{0600}'..='\u{06FF}' => c,
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(folded);
}

/// The normalised form of a whole word (used to build the lexicon).
pub(crate) fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !is_invisible(c) {
            fold_char(c, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_three_scripts() {
        assert_eq!(digit_value('7'), Some(7));
        assert_eq!(digit_value('٧'), Some(7));
        assert_eq!(digit_value('۷'), Some(7));
        assert_eq!(digit_value('a'), None);
    }

    #[test]
    fn has_digit_sees_eastern_and_persian_digits() {
        assert!(has_digit("abc 1"));
        assert!(has_digit("نشر ٢٠٢٤"));
        assert!(has_digit("۱۴۰۳"));
        assert!(!has_digit("منذ يومين"));
        assert!(!has_digit(""));
        // ـ (U+0640, D9 80) and ة (U+0629, D8 A9) share bytes with digits but are not digits.
        assert!(!has_digit("ـــ ة ت"));
    }

    #[test]
    fn letters_match_unicode_on_the_arabic_block() {
        for c in ('\u{0600}'..='\u{06FF}').chain('\0'..='\x7f') {
            let expected = c.is_alphabetic() && !is_word_mark(c) || c == '\u{0640}';
            if digit_value(c).is_none() && !is_word_mark(c) {
                assert_eq!(is_letter(c), expected, "{c:?} U+{:04X}", u32::from(c));
            }
        }
        assert!(is_letter('é'));
        assert!(!is_letter('،'));
    }

    #[test]
    fn normalisation_folds_spelling_variants() {
        assert_eq!(normalize_word("أبريل"), normalize_word("ابريل"));
        assert_eq!(normalize_word("إبريل"), "ابريل");
        assert_eq!(normalize_word("الأولى"), "الاولي");
        assert_eq!(normalize_word("نُشِر"), "نشر");
        assert_eq!(normalize_word("هـ"), "ه");
        assert_eq!(normalize_word("Février"), "fevrier");
        assert_eq!(normalize_word("آذار"), "اذار");
    }
}
