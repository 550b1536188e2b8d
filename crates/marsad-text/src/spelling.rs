//! How far apart two spellings of a name are: the one measure that search
//! (spelling variants of a query word) and entities (variants of one name
//! across documents) both use.

/// Letters that stand for one foreign sound in transliterations (g, v, p): they compare
/// equal. ك is not among them: كونغ (Kong) and جونغ (Jong) are different names.
pub const TRANSLITERATION_CLASSES: &[&str] = &["غجگڭڠڨ", "فڤ", "بپ"];

/// Letter pairs that spellings of one name swap (طهران/تهران, and the hamza seat
/// folded to ء beside ا): half an edit. Other substitutions cost one and a half edits.
pub const NEAR_LETTERS: &[&str] = &["تط", "سصث", "زذظ", "دض", "اء"];

/// Letters that transliterations add or drop most (ترامب/ترمب, نتانياهو/نتنياهو): adding
/// or dropping one costs half an edit; any other letter, و and ي included, a full edit.
pub const WEAK_LETTERS: &[char] = &['ا', 'ء'];

/// Costs are counted in half edits.
const HALF: u32 = 1;
const EDIT: u32 = 2;
/// A substitution outside the letter classes: a name's spellings add or drop vowel letters
/// (نيتنياهو, زلينسكي), they rarely swap one letter for another, while different words and
/// names do (سعودية/سعيدية, روحاني/ريحاني). So it costs more than adding a letter.
const SUBSTITUTION: u32 = 3;

fn class_of(classes: &[&str], c: char) -> Option<usize> {
    // Only Arabic letters are in the classes; ASCII (most of what Latin names
    // compare) skips the scan. Chars, not `str::contains`: it is called per
    // cell of the edit table.
    if c.is_ascii() {
        return None;
    }
    classes
        .iter()
        .position(|class| class.chars().any(|x| x == c))
}

fn fold(c: char) -> char {
    match class_of(TRANSLITERATION_CLASSES, c) {
        Some(i) => TRANSLITERATION_CLASSES[i].chars().next().unwrap_or(c),
        None => c,
    }
}

fn indel_cost(c: char) -> u32 {
    if WEAK_LETTERS.contains(&c) {
        HALF
    } else {
        EDIT
    }
}

fn substitution_cost(a: char, b: char) -> u32 {
    if a == b {
        0
    } else if class_of(NEAR_LETTERS, a).is_some_and(|i| Some(i) == class_of(NEAR_LETTERS, b)) {
        HALF
    } else {
        SUBSTITUTION
    }
}

/// Weighted edit distance, in half edits, between two folded spellings.
fn edit_cost(a: &[char], b: &[char]) -> u32 {
    let mut row: Vec<u32> = std::iter::once(0)
        .chain(b.iter().scan(0, |acc, &c| {
            *acc += indel_cost(c);
            Some(*acc)
        }))
        .collect();
    for &ca in a {
        let mut diagonal = row[0];
        row[0] += indel_cost(ca);
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + substitution_cost(ca, cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution
                .min(row[j] + indel_cost(cb))
                .min(diagonal + indel_cost(ca));
        }
    }
    row[b.len()]
}

fn folded(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).map(fold).collect()
}

/// Weighted edit distance between two matching-form spellings, in edits: spaces ignored (a
/// name in one word or two compares equal), transliteration letters equal (غ/ج), a weak
/// letter (ا ء) or near letters (ط/ت) half an edit, other substitutions one and a half.
pub fn spelling_distance(a: &str, b: &str) -> f32 {
    edit_cost(&folded(a), &folded(b)) as f32 / EDIT as f32
}

/// Edits allowed between two spellings of one name, by the length of the shorter one (in
/// letters, spaces not counted): none up to 3 letters (مصر ≠ مسار, سعد ≠ صعد), half up to 5
/// (ترمب = ترامب, طهران = تهران, but بيونغ ≠ بينغ), one up to 8 (نيتنياهو = نتنياهو,
/// زيلينسكي = زيلنسكي), two beyond.
pub fn allowed_edits(letters: usize) -> f32 {
    match letters {
        0..=3 => 0.0,
        4..=5 => 0.5,
        6..=8 => 1.0,
        _ => 2.0,
    }
}

/// Letters at the end of a word that a variant must share with it (after folding): word
/// endings carry Arabic morphology (ـية/ـة, ـي, ـات, ـين), so سعودية–سعودة or عربية–عربي
/// are different words, while names vary inside (ترامب–ترمب, نتنياهو–نتانياهو).
pub const SAME_ENDING_LETTERS: usize = 2;

/// `a` and `b` are close enough spellings to be one name: the same last
/// [`SAME_ENDING_LETTERS`] letters, and at most [`allowed_edits`] before them.
pub fn is_spelling_variant(a: &str, b: &str) -> bool {
    let (a, b) = (folded(a), folded(b));
    let letters = a.len().min(b.len());
    if letters < SAME_ENDING_LETTERS
        || a[a.len() - SAME_ENDING_LETTERS..] != b[b.len() - SAME_ENDING_LETTERS..]
    {
        return false;
    }
    let cost = edit_cost(
        &a[..a.len() - SAME_ENDING_LETTERS],
        &b[..b.len() - SAME_ENDING_LETTERS],
    );
    cost as f32 / EDIT as f32 <= allowed_edits(letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_are_close_and_other_words_far() {
        assert_eq!(spelling_distance("بيونغ يانغ", "بيونج يانج"), 0.0);
        assert_eq!(spelling_distance("ترامب", "ترمب"), 0.5);
        assert_eq!(spelling_distance("طهران", "تهران"), 0.5);
        assert_eq!(spelling_distance("مسءول", "مسوول"), 1.5);
        assert!(spelling_distance("سعوديه", "سعيديه") > allowed_edits(6));
        assert_eq!(allowed_edits(3), 0.0);
    }
}
