//! From tags to entities: context rules on the tags, span trimming (clitics and punctuation
//! of the first and last word stay outside), roles, and the resolution of mentions within
//! one document (a surname to the full name met in it, country names to one name).

use std::ops::Range;

use crate::cues::{
    is_in, BELONGS_TO, DOCUMENT_HEADS, DOCUMENT_NAME_STOPS, ELDER_AFTER, ELDER_BEFORE,
    FATHER_EPITHETS, LOC_HEADS, NAME_FINAL_SYLLABLES, ORG_HEADS, ROLE_HEADS, ROLE_WORDS,
    SON_EPITHETS, SPEECH_VERBS, THAT_WORDS, WELL_KNOWN_SURNAMES, YOUNGER_AFTER, YOUNGER_BEFORE,
};
use crate::model::Model;
use crate::names::{
    alias_key, document_name_stems, entity_key, fewer_document_words, joined_alias_key,
    most_complete, name_key, org_alias, same_name_with, same_word, word_skeletons,
    MIN_JOINED_ALIAS_LETTERS,
};
use crate::tagger::{b_tag, is_begin, tag_type, MAX_GAZ_WORDS};
use crate::tokens::{skip_letters, CharIndex, Kind, Tokens};
use crate::{Entity, EntityType};

/// Words of time that end a name ("وزارة الخارجية البريطانية الأربعاء").
pub static TIME_WORDS: &[&str] = &[
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "اليوم",
    "امس",
    "الماضي",
    "الماضيه",
    "المقبل",
    "المقبله",
    "الجاري",
    "الحالي",
    "الاسبوع",
    "الشهر",
    "العام",
];

/// Longest organisation name the head rule builds, in words after the head.
pub const MAX_ORG_TAIL: usize = 4;
/// How far before a name a role title may start, in words.
pub const MAX_ROLE_WORDS: usize = 7;
/// Letters a known name must keep after a bare proclitic is cut from it.
pub const MIN_NAME_AFTER_PROCLITIC: usize = 3;
/// Proclitics removed from the first word of a name when what remains is a known name.
const NAME_PROCLITICS: &[&str] = &["وب", "ول", "وك", "فب", "فل", "ب", "ل", "ك", "ف"];

/// Entities of a document and the token range of each.
pub(crate) struct Found {
    pub entities: Vec<Entity>,
    pub ranges: Vec<Range<usize>>,
}

fn is_definite(tokens: &Tokens, i: usize) -> bool {
    tokens.kind(i) == Some(Kind::Word) && tokens.surface(i) != tokens.base(i) && {
        let p = tokens.proclitic(i);
        p.ends_with("ال") || p.ends_with("لل")
    }
}

/// Context rules on the tagger's output, in order:
/// 1. an organisation head (وزارة، مجلس، حزب، وكالة، جامعة…) followed by definite words or a
///    place is an organisation name, when the tagger saw no person there;
/// 2. "X التابع لـ Y" of two organisations is one name;
/// 3. a place head (ساحة، ميدان، مطار…) before a name makes it a place;
/// 4. a country or region name of two words or more from the alias table is a place;
/// 5. the unknown word(s) right after a speech verb, before إن/أن/على or punctuation, are
///    a person ("وشدد أوشاكوف على أن");
/// 6. a well-known family name ([`WELL_KNOWN_SURNAMES`], any spelling of one skeleton,
///    also behind a proclitic: لترمب) is a person;
/// 7. names found once are found everywhere in the document: the same words, and a
///    person's last name alone;
/// 8. a treaty or charter name (ميثاق/اتفاقية/معاهدة and its qualifying words) is MISC;
/// 9. a person's family name followed by الابن / الأب keeps the epithet in its span.
pub(crate) fn apply_context_rules(model: &Model, tokens: &Tokens, tags: &mut [u8]) {
    join_adjacent_persons(tags);
    org_heads(tokens, tags);
    org_belongs_to(tokens, tags);
    loc_heads(tokens, tags);
    long_gazetteer_places(model, tokens, tags);
    speech_subjects(model, tokens, tags);
    well_known_people(model, tokens, tags);
    named_after_role_or_first_name(model, tokens, tags);
    first_names_before_persons(model, tokens, tags);
    name_final_syllables(tokens, tags);
    join_adjacent_persons(tags);
    split_name_lists(model, tokens, tags);
    propagate(model, tokens, tags);
    document_names(tokens, tags);
    kinship_epithets(tokens, tags);
}

/// Letters of the proclitic in front of a well-known family name at token `i` (0 when the
/// word is the name, or its base is and the text layer already set the proclitic apart),
/// `None` when the word is no such name. Spellings meet through marsad-text's skeleton and
/// the spelling measure of [`same_word`] (ترمب = ترامب).
pub(crate) fn well_known_surname(model: &Model, tokens: &Tokens, i: usize) -> Option<usize> {
    if tokens.kind(i) != Some(Kind::Word) || is_definite(tokens, i) {
        return None;
    }
    let table = SurnameTable::get();
    let is_name = |w: &str| -> bool {
        // Cheapest tests first.
        if w.len() < MIN_SURNAME_LETTERS
            || w.chars().count() < MIN_SURNAME_LETTERS
            || !table.may_hold(w)
            || model.gazetteer.is_common(w)
            || marsad_text::lexicon::is_known_word(w)
        {
            return false;
        }
        let sk = marsad_text::skeleton(w);
        table
            .by_skeleton
            .get(&sk)
            .is_some_and(|names| names.iter().any(|n| same_word(w, n, &sk, &sk)))
    };
    if is_name(tokens.base(i)) {
        return Some(0);
    }
    let s = tokens.surface(i);
    if !tokens.proclitic(i).is_empty() {
        return None;
    }
    NAME_PROCLITICS
        .iter()
        .chain(&["و", "وف"])
        .find(|p| s.strip_prefix(**p).is_some_and(&is_name))
        .map(|p| p.chars().count())
}

/// [`WELL_KNOWN_SURNAMES`] by skeleton, with a letter filter in front: most words of a text
/// are no such name, and the filter tells so without building their skeleton.
struct SurnameTable {
    by_skeleton: rustc_hash::FxHashMap<String, Vec<&'static str>>,
    /// Per letter ([`letter_index`]), the skeletons of the table whose words may hold it, one
    /// bit each: a word may have one of these skeletons only if some bit is set for all of
    /// its letters.
    skeletons_with_letter: [u64; 64],
}

/// Index of every letter outside the Arabic block (Latin, digits…): the filter lets them
/// through rather than model what the skeleton does with them.
const OTHER_LETTER: usize = 63;

/// One index per letter of U+0621..U+065F (the Arabic letters of the matching form); every
/// other character is [`OTHER_LETTER`].
fn letter_index(c: char) -> usize {
    let offset = (c as u32).wrapping_sub(0x0621);
    if offset < 63 {
        offset as usize
    } else {
        OTHER_LETTER
    }
}

fn letter_bits(word: &str) -> u64 {
    word.chars().fold(0, |bits, c| bits | 1 << letter_index(c))
}

impl SurnameTable {
    fn get() -> &'static SurnameTable {
        static TABLE: std::sync::OnceLock<SurnameTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let mut by_skeleton: rustc_hash::FxHashMap<String, Vec<&'static str>> =
                Default::default();
            for w in WELL_KNOWN_SURNAMES {
                by_skeleton
                    .entry(marsad_text::skeleton(w))
                    .or_default()
                    .push(*w);
            }
            // A word whose skeleton is `sk` holds only: letters of the sound classes in `sk`
            // (marsad-text's `SOUND_CLASSES`), the vowel letters and hamza it drops, and a
            // final ه it drops.
            let always = letter_bits(&marsad_text::VOWEL_LETTERS.iter().collect::<String>())
                | letter_bits("ه")
                | 1 << OTHER_LETTER;
            let mut letter_sets: Vec<u64> = by_skeleton
                .keys()
                .map(|sk| {
                    sk.chars().fold(always, |bits, c| {
                        let class = marsad_text::SOUND_CLASSES
                            .iter()
                            .find(|group| group.contains(c))
                            .copied()
                            .unwrap_or_default();
                        bits | letter_bits(class) | letter_bits(c.encode_utf8(&mut [0; 4]))
                    })
                })
                .collect();
            // A set inside another adds nothing to `may_hold`'s answer.
            letter_sets.sort_unstable();
            letter_sets.dedup();
            let all = letter_sets.clone();
            letter_sets.retain(|&set| !all.iter().any(|&o| o != set && set & !o == 0));
            // More than 64 letter sets would need a wider mask; let every word through then.
            let mut skeletons_with_letter = [u64::MAX; 64];
            if letter_sets.len() <= 64 {
                for (letter, mask) in skeletons_with_letter.iter_mut().enumerate() {
                    *mask = letter_sets
                        .iter()
                        .enumerate()
                        .filter(|(_, set)| *set >> letter & 1 == 1)
                        .fold(0, |m, (k, _)| m | 1 << k);
                }
            }
            SurnameTable {
                by_skeleton,
                skeletons_with_letter,
            }
        })
    }

    /// False when `word` (matching form) cannot have the skeleton of any name of the table.
    fn may_hold(&self, word: &str) -> bool {
        let mut candidates = u64::MAX;
        for c in word.chars() {
            candidates &= self.skeletons_with_letter[letter_index(c)];
            if candidates == 0 {
                return false;
            }
        }
        true
    }
}

/// Letters a word needs to be taken for a well-known family name.
pub const MIN_SURNAME_LETTERS: usize = 4;

fn well_known_people(model: &Model, tokens: &Tokens, tags: &mut [u8]) {
    let pers = 1 << EntityType::Pers.index();
    for i in 0..tags.len() {
        // Untagged, or a one-word place or organisation of the tagger ("وبايدن" as a place):
        // the table is curated, the tagger's guess on one word is not.
        let single = tags[i] != 0
            && is_begin(tags[i])
            && tag_type(tags[i]) != Some(EntityType::Pers)
            && tags.get(i + 1).is_none_or(|&n| n == 0 || is_begin(n));
        if (tags[i] != 0 && !single) || well_known_surname(model, tokens, i).is_none() {
            continue;
        }
        // A first name right before it belongs to the name ("دونالد ترامب").
        let first = i > 0
            && tags[i - 1] == 0
            && tokens.kind(i - 1) == Some(Kind::Word)
            && !is_definite(tokens, i - 1)
            && model.gazetteer.types(std::iter::once(tokens.base(i - 1))) & pers != 0
            && !model.gazetteer.is_common(tokens.base(i - 1));
        if first {
            set_span(tags, i - 1..i + 1, EntityType::Pers);
        } else {
            set_span(tags, i..i + 1, EntityType::Pers);
        }
    }
}

/// Longest treaty name the rule builds, in words after the head noun.
pub const MAX_DOCUMENT_NAME_WORDS: usize = 5;

/// "ميثاق الشراكة الاستراتيجية الشاملة", "اتفاقية شراكة استراتيجية شاملة", "اتفاقية
/// «التعاون الاستراتيجي الشامل»": a head noun of [`DOCUMENT_HEADS`] without the article,
/// then a name in quotation marks, or definite words, or an indefinite noun followed by
/// adjectives that agree with it (not "اتفاقية دفاعية تاريخية": a description starts with
/// an adjective), is a MISC name. Words the tagger gave a person, place or organisation end
/// it ("ميثاق حلف الناتو" stays the organisation).
fn document_names(tokens: &Tokens, tags: &mut [u8]) {
    let mut i = 0;
    while i < tags.len() {
        let head = tokens.kind(i) == Some(Kind::Word)
            && free_for_misc(tags, i)
            && !is_definite(tokens, i)
            && tokens.head_in(DOCUMENT_HEADS, i);
        match head.then(|| document_name_end(tokens, tags, i)).flatten() {
            Some(e) => {
                set_span(tags, i..e, EntityType::Misc);
                i = e;
            }
            None => i += 1,
        }
    }
}

fn free_for_misc(tags: &[u8], j: usize) -> bool {
    tags[j] == 0 || tag_type(tags[j]) == Some(EntityType::Misc)
}

/// The end (exclusive) of the treaty name whose head noun is at `i`.
fn document_name_end(tokens: &Tokens, tags: &[u8], i: usize) -> Option<usize> {
    let n = tags.len();
    let j = i + 1;
    let word = |k: usize| k < n && tokens.kind(k) == Some(Kind::Word) && free_for_misc(tags, k);
    if j < n && tokens.is_punct(j, "\"") {
        // The name in quotation marks: the opening mark is inside, the closing one outside.
        let mut k = j + 1;
        while word(k) && k - j <= MAX_DOCUMENT_NAME_WORDS {
            k += 1;
        }
        return (k > j + 1 && tokens.is_punct(k, "\"")).then_some(k);
    }
    if !word(j) || tokens.surface_in(DOCUMENT_NAME_STOPS, j) {
        return None;
    }
    if is_definite(tokens, j) {
        let mut k = j;
        while word(k)
            && k - j < MAX_DOCUMENT_NAME_WORDS
            && is_definite(tokens, k)
            && !tokens.surface_in(TIME_WORDS, k)
            && !tokens.surface_in(DOCUMENT_NAME_STOPS, k)
        {
            k += 1;
        }
        return (k > j).then_some(k);
    }
    // An indefinite noun, not a relational adjective (…ية, …ي), then agreeing adjectives.
    let noun = tokens.base(j);
    if noun.chars().count() < 3 || noun.ends_with("يه") || noun.ends_with('ي') {
        return None;
    }
    let feminine = noun.ends_with('ه');
    let mut k = j + 1;
    while word(k) && k - j < MAX_DOCUMENT_NAME_WORDS && !is_definite(tokens, k) {
        let b = tokens.base(k);
        let agrees = if feminine {
            b.ends_with('ه')
        } else {
            b.ends_with('ي')
        };
        if !agrees || b.chars().count() < 3 {
            break;
        }
        k += 1;
    }
    (k > j + 1).then_some(k)
}

/// "كيم الابن", "بوش الأب": the epithet after a person's name is part of the mention.
fn kinship_epithets(tokens: &Tokens, tags: &mut [u8]) {
    for i in 1..tags.len() {
        if tags[i] == 0
            && tag_type(tags[i - 1]) == Some(EntityType::Pers)
            && (tokens.surface_in(SON_EPITHETS, i) || tokens.surface_in(FATHER_EPITHETS, i))
        {
            tags[i] = b_tag(EntityType::Pers) + 1;
        }
    }
}

/// Which generation of a family a mention is said to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Generation {
    Younger,
    Elder,
}

/// What the text around a mention says of its generation: the epithet it ends with
/// ("كيم الابن"), and the kinship words right before or after it ("ابنه، كيم جونغ أون",
/// "كيم إيل سونغ مؤسس…", "الراحل").
#[derive(Clone, Copy, Debug, Default)]
struct Kinship {
    epithet: Option<Generation>,
    said: Option<Generation>,
}

fn kinship_of(tokens: &Tokens, r: &Range<usize>) -> Kinship {
    let last = r.end - 1;
    let epithet = if r.len() > 1 && tokens.surface_in(SON_EPITHETS, last) {
        Some(Generation::Younger)
    } else if r.len() > 1 && tokens.surface_in(FATHER_EPITHETS, last) {
        Some(Generation::Elder)
    } else {
        None
    };
    let mut said = None;
    let mut before = r.start;
    if before > 0 && tokens.is_punct(before - 1, "،,") {
        before -= 1;
    }
    if before > 0 && tokens.kind(before - 1) == Some(Kind::Word) {
        if tokens.surface_in(YOUNGER_BEFORE, before - 1) {
            said = Some(Generation::Younger);
        } else if tokens.surface_in(ELDER_BEFORE, before - 1) {
            said = Some(Generation::Elder);
        }
    }
    let mut after = r.end;
    if tokens.is_punct(after, "،,") {
        after += 1;
    }
    if said.is_none() && tokens.kind(after) == Some(Kind::Word) {
        if tokens.base_in(YOUNGER_AFTER, after) {
            said = Some(Generation::Younger);
        } else if tokens.base_in(ELDER_AFTER, after) {
            said = Some(Generation::Elder);
        }
    }
    Kinship { epithet, said }
}

/// "موسكو وبيونج يانج", "بوتين وكيم" tagged as one name are two: a name is split before a
/// word that starts with the conjunction و when the rest of that word is a known name
/// (gazetteer) and the whole is not one (ترينيداد وتوباغو).
fn split_name_lists(model: &Model, tokens: &Tokens, tags: &mut [u8]) {
    let mut i = 0;
    while i < tags.len() {
        let Some(ty) = tag_type(tags[i]).filter(|_| is_begin(tags[i])) else {
            i += 1;
            continue;
        };
        let e = entity_end(tags, i);
        let key: Vec<&str> = (i..e).map(|j| tokens.base(j)).collect();
        if e - i > 1 && model.aliases.get(&alias_key(&key.join(" "))).is_none() {
            for (j, tag) in tags.iter_mut().enumerate().take(e).skip(i + 1) {
                let rest = tokens.surface(j).strip_prefix('و').unwrap_or("");
                let known = rest.chars().count() >= 3
                    && (model.gazetteer.types(std::iter::once(rest)) != 0
                        || well_known_surname(model, tokens, j).is_some()
                        || model.gazetteer.types(std::iter::once(tokens.base(j))) != 0
                            && tokens.proclitic(j).starts_with('و'));
                if known {
                    *tag = b_tag(ty);
                }
            }
        }
        i = e;
    }
}

/// Longest run of unknown words taken as a name after a role or a first name.
pub const MAX_NAME_WORDS: usize = 3;

/// "وزيرة خارجية كوريا الشمالية تشوي سون هوي", "الرئيس الأمريكي دونالد ترامب": unknown
/// words after a role phrase (a role head, then definite words or a place), or after a
/// first name of the people gazetteer, are a person.
fn named_after_role_or_first_name(model: &Model, tokens: &Tokens, tags: &mut [u8]) {
    let pers = 1 << EntityType::Pers.index();
    // First words of the full names the tagger found are first names too.
    let mut firsts: Vec<&str> = Vec::new();
    for (r, ty) in tag_spans(tokens, tags) {
        if ty == EntityType::Pers && r.len() > 1 {
            let w = tokens.base(r.start);
            if !firsts.contains(&w) && !model.gazetteer.is_common(w) {
                firsts.push(w);
            }
        }
    }
    let mut i = 0;
    while i < tags.len() {
        if tags[i] != 0 || tokens.kind(i) != Some(Kind::Word) {
            i += 1;
            continue;
        }
        // A first name: in the people gazetteer and not a common word.
        let first_name = (model.gazetteer.types(std::iter::once(tokens.base(i))) & pers != 0
            || firsts.contains(&tokens.base(i)))
            && !model.gazetteer.is_common(tokens.base(i))
            && !is_definite(tokens, i);
        if first_name {
            let mut e = i + 1;
            while e < tags.len()
                && e - i <= MAX_NAME_WORDS
                && tags[e] == 0
                && name_like(model, tokens, e)
            {
                e += 1;
            }
            if e > i + 1 {
                set_span(tags, i..e, EntityType::Pers);
                i = e;
                continue;
            }
        }
        if tokens.head_in(ROLE_HEADS, i) {
            // The role phrase: definite words, other role words, places.
            let mut j = i + 1;
            while j < tags.len() && j - i <= MAX_ROLE_WORDS {
                let inside = match tag_type(tags[j]) {
                    Some(EntityType::Loc) | Some(EntityType::Org) => true,
                    Some(_) => false,
                    None => {
                        tokens.kind(j) == Some(Kind::Word)
                            && (is_definite(tokens, j)
                                || tokens.base_in(ROLE_HEADS, j)
                                || tokens.base_in(ROLE_WORDS, j)
                                || model.gazetteer.is_common(tokens.base(j)))
                    }
                };
                if !inside {
                    break;
                }
                j += 1;
            }
            // "وزيرة خارجية كوريا الشمالية، تشوي سون هوي"
            if tokens.is_punct(j, "،,") && j > i + 1 {
                j += 1;
            }
            let mut e = j;
            while e < tags.len()
                && e - j < MAX_NAME_WORDS
                && tags[e] == 0
                && name_like(model, tokens, e)
            {
                e += 1;
            }
            // The name is known, or ends where a clause goes on (punctuation, إن, a verb of
            // speech): "مشارك في" after "باحث" is not a name.
            let known =
                (j..e).any(|k| model.gazetteer.types(std::iter::once(tokens.base(k))) & pers != 0);
            let bounded = e >= tags.len()
                || tokens.kind(e) == Some(Kind::Punct)
                || tag_type(tags[e]) == Some(EntityType::Pers)
                || tokens.surface_in(THAT_WORDS, e)
                || tokens.base_in(SPEECH_VERBS, e);
            if e > j && (known || bounded) {
                set_span(tags, j..e, EntityType::Pers);
                i = e;
                continue;
            }
        }
        i += 1;
    }
}

/// "يسرى مصطفى إبراهيم" tagged "مصطفى إبراهيم": untagged first names (people gazetteer, not
/// common words, not definite) right before a person name belong to it, up to
/// [`MAX_NAME_WORDS`] of them.
fn first_names_before_persons(model: &Model, tokens: &Tokens, tags: &mut [u8]) {
    let pers = 1 << EntityType::Pers.index();
    let first_name = |j: usize| {
        tokens.kind(j) == Some(Kind::Word)
            && !is_definite(tokens, j)
            && model.gazetteer.types(std::iter::once(tokens.base(j))) & pers != 0
            && !model.gazetteer.is_common(tokens.base(j))
    };
    let mut i = 0;
    while i < tags.len() {
        if !(is_begin(tags[i]) && tag_type(tags[i]) == Some(EntityType::Pers)) {
            i += 1;
            continue;
        }
        let e = entity_end(tags, i);
        let mut s = i;
        while s > 0 && i - s < MAX_NAME_WORDS && tags[s - 1] == 0 && first_name(s - 1) {
            s -= 1;
        }
        if s < i {
            set_span(tags, s..e, EntityType::Pers);
        }
        i = e;
    }
}

/// Words a person name needs for [`name_final_syllables`] to look past its end.
pub const MIN_WORDS_BEFORE_FINAL_SYLLABLE: usize = 2;

/// A person name of [`MIN_WORDS_BEFORE_FINAL_SYLLABLE`] or more words none of which is a word
/// of the lexicon (a transliterated name), then a word of [`NAME_FINAL_SYLLABLES`] closing the
/// phrase (a comma, a full stop or the end follows): that word ends the name.
fn name_final_syllables(tokens: &Tokens, tags: &mut [u8]) {
    let mut i = 0;
    while i < tags.len() {
        if !(is_begin(tags[i]) && tag_type(tags[i]) == Some(EntityType::Pers)) {
            i += 1;
            continue;
        }
        let e = entity_end(tags, i);
        let transliterated = e - i >= MIN_WORDS_BEFORE_FINAL_SYLLABLE
            && (i..e).all(|j| {
                tokens.kind(j) == Some(Kind::Word)
                    && !marsad_text::lexicon::is_known_word(tokens.base(j))
            });
        let closes = |j: usize| {
            j >= tokens.len()
                || (tokens.kind(j) == Some(Kind::Punct)
                    && matches!(tokens.surface(j), "،" | "," | "." | "؛" | ";"))
        };
        if transliterated
            && e < tags.len()
            && tags[e] == 0
            && tokens.kind(e) == Some(Kind::Word)
            && tokens.surface(e) == tokens.base(e)
            && is_in(NAME_FINAL_SYLLABLES, tokens.base(e))
            && closes(e + 1)
        {
            tags[e] = tags[i] + 1;
        }
        i = e;
    }
}

/// Two person names side by side with nothing between are one name ("تشوي" "سون هوي").
fn join_adjacent_persons(tags: &mut [u8]) {
    let b = b_tag(EntityType::Pers);
    for i in 1..tags.len() {
        if tags[i] == b && tag_type(tags[i - 1]) == Some(EntityType::Pers) {
            tags[i] = b + 1;
        }
    }
}

fn set_span(tags: &mut [u8], r: Range<usize>, ty: EntityType) {
    let b = b_tag(ty);
    for (k, t) in tags[r.clone()].iter_mut().enumerate() {
        *t = if k == 0 { b } else { b + 1 };
    }
}

/// The end of the entity starting at `i` (tags[i] is B or I).
fn entity_end(tags: &[u8], i: usize) -> usize {
    let mut e = i + 1;
    while e < tags.len() && tags[e] != 0 && !is_begin(tags[e]) {
        e += 1;
    }
    e
}

/// The base of a head word, also behind a bare proclitic the text layer keeps ("لحلف"):
/// computed once per token by [`Tokens::head`].
fn head_base(tokens: &Tokens, i: usize) -> &str {
    tokens.head(i)
}

fn org_heads(tokens: &Tokens, tags: &mut [u8]) {
    let mut i = 0;
    while i < tags.len() {
        let head = tokens.kind(i) == Some(Kind::Word)
            && tags[i] == 0
            && tokens.head_in(ORG_HEADS, i)
            && !is_definite(tokens, i);
        if !head {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < tags.len() && end - i <= MAX_ORG_TAIL {
            let ok = match tag_type(tags[end]) {
                // "حلف شمال الأطلسي": one indefinite word before a definite one.
                None if tokens.surface_in(TIME_WORDS, end) => false,
                None => {
                    is_definite(tokens, end)
                        || (end == i + 1
                            && tokens.kind(end) == Some(Kind::Word)
                            && is_definite(tokens, end + 1)
                            && tag_type(tags[end + 1]).is_none())
                }
                Some(EntityType::Loc) | Some(EntityType::Org) => true,
                _ => false,
            };
            if !ok {
                break;
            }
            end += 1;
        }
        while end < tags.len() && tag_type(tags[end]).is_some() && !is_begin(tags[end]) {
            end += 1;
        }
        if end > i + 1 {
            set_span(tags, i..end, EntityType::Org);
            i = end;
        } else {
            i += 1;
        }
    }
}

fn org_belongs_to(tokens: &Tokens, tags: &mut [u8]) {
    let mut i = 0;
    while i < tags.len() {
        if tag_type(tags[i]) == Some(EntityType::Org) && is_begin(tags[i]) {
            let e = entity_end(tags, i);
            let link = e < tags.len() && tags[e] == 0 && tokens.base_in(BELONGS_TO, e);
            if link
                && e + 1 < tags.len()
                && tag_type(tags[e + 1]) == Some(EntityType::Org)
                && is_begin(tags[e + 1])
            {
                let e2 = entity_end(tags, e + 1);
                set_span(tags, i..e2, EntityType::Org);
                i = e2;
                continue;
            }
            i = e;
        } else {
            i += 1;
        }
    }
}

fn loc_heads(tokens: &Tokens, tags: &mut [u8]) {
    for i in 0..tags.len().saturating_sub(1) {
        if tags[i] != 0 || tokens.kind(i) != Some(Kind::Word) || !tokens.head_in(LOC_HEADS, i) {
            continue;
        }
        if matches!(
            tag_type(tags[i + 1]),
            Some(EntityType::Pers) | Some(EntityType::Loc)
        ) && is_begin(tags[i + 1])
        {
            let e = entity_end(tags, i + 1);
            set_span(tags, i..e, EntityType::Loc);
        }
    }
}

fn long_gazetteer_places(model: &Model, tokens: &Tokens, tags: &mut [u8]) {
    let mut i = 0;
    while i < tags.len() {
        let mut matched = 0;
        for len in (2..=MAX_GAZ_WORDS.min(tags.len() - i)).rev() {
            let free = |j: usize| tags[j] == 0 || tag_type(tags[j]) == Some(EntityType::Loc);
            if (i..i + len).any(|j| tokens.kind(j) != Some(Kind::Word) || !free(j)) {
                continue;
            }
            // The match must not cut a place the tagger found.
            if i + len < tags.len() && tags[i + len] != 0 && !is_begin(tags[i + len]) {
                continue;
            }
            if !(i..i + len).all(|j| model.is_place_word(tokens.base(j))) {
                continue;
            }
            let key: Vec<&str> = (i..i + len).map(|j| tokens.base(j)).collect();
            if model
                .aliases
                .get(&alias_key(&key.join(" ")))
                .is_some_and(|(id, _)| id.starts_with("LOC:"))
            {
                set_span(tags, i..i + len, EntityType::Loc);
                matched = len;
                break;
            }
        }
        i += matched.max(1);
    }
}

/// A word that can be part of a name: not punctuation, not common, not definite.
fn name_like(model: &Model, tokens: &Tokens, i: usize) -> bool {
    tokens.kind(i) == Some(Kind::Word)
        && !is_definite(tokens, i)
        && tokens.base(i).chars().count() >= 2
        && !model.gazetteer.is_common(tokens.base(i))
        && !marsad_text::lexicon::is_known_word(tokens.base(i))
        && !tokens.base_in(SPEECH_VERBS, i)
        && !tokens.surface_in(THAT_WORDS, i)
        && !tokens.surface_in(SUBJECT_STOPS, i)
}

/// Words that end the subject of a speech verb.
pub(crate) static SUBJECT_STOPS: &[&str] = &[
    "علي", "في", "الي", "من", "عن", "مع", "ان", "انه", "لا", "ما", "قد", "هذا", "هذه", "ذلك", "كل",
];

fn speech_subjects(model: &Model, tokens: &Tokens, tags: &mut [u8]) {
    for v in 0..tags.len() {
        let verb = tokens.kind(v) == Some(Kind::Word) && tokens.base_in(SPEECH_VERBS, v);
        if !verb || v + 1 >= tags.len() || tags[v + 1] != 0 {
            continue;
        }
        let mut e = v + 1;
        while e < tags.len() && e - v <= 3 && tags[e] == 0 && name_like(model, tokens, e) {
            e += 1;
        }
        if e == v + 1 || e >= tags.len() {
            continue;
        }
        let closes = tokens.kind(e) == Some(Kind::Punct)
            || tokens.surface_in(THAT_WORDS, e)
            || tokens.surface_in(SUBJECT_STOPS, e);
        if closes {
            set_span(tags, v + 1..e, EntityType::Pers);
        }
    }
}

/// The word at `i` is `w`, possibly behind a proclitic (لبوتين, وترامب).
fn word_is(tokens: &Tokens, i: usize, w: &str) -> bool {
    if tokens.base(i) == w || tokens.surface(i) == w {
        return true;
    }
    let s = tokens.surface(i);
    ["و", "ف", "ب", "ل", "ك", "وب", "ول", "فل"]
        .iter()
        .any(|p| s.strip_prefix(p) == Some(w))
}

fn propagate(model: &Model, tokens: &Tokens, tags: &mut [u8]) {
    // Names found: their words (bases), type; and last names of persons.
    let mut names: Vec<(Vec<String>, EntityType)> = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if let Some(ty) = tag_type(tags[i]).filter(|_| is_begin(tags[i])) {
            let e = entity_end(tags, i);
            let words: Vec<String> = (i..e)
                .filter(|&j| tokens.kind(j) == Some(Kind::Word))
                .map(|j| tokens.base(j).to_owned())
                .collect();
            let ok = words.len() > 1
                || words.first().is_some_and(|w| {
                    w.chars().count() >= 3
                        && !model.gazetteer.is_common(w)
                        && !marsad_text::lexicon::is_known_word(w)
                });
            if ok && !names.iter().any(|(w, _)| *w == words) {
                if ty == EntityType::Pers && words.len() > 1 {
                    if let Some(last) = words.last() {
                        if last.chars().count() >= 3 && !model.gazetteer.is_common(last) {
                            names.push((vec![last.clone()], ty));
                        }
                    }
                }
                names.push((words, ty));
            }
            i = e;
        } else {
            i += 1;
        }
    }
    if names.is_empty() {
        return;
    }
    names.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    // A name cut short ("كيم جونغ" where the document has "كيم جونغ أون") is extended, over
    // untagged words or over names of its type that the longer name covers whole ("بيونغ"
    // "يانغ" tagged as two places where the document has the place "بيونغ يانغ").
    let mut i = 0;
    while i < tags.len() {
        if tag_type(tags[i]).is_some() && is_begin(tags[i]) {
            let e = entity_end(tags, i);
            let ty = tag_type(tags[i]).unwrap_or(EntityType::Misc);
            let longer = names.iter().find(|(w, t)| {
                *t == ty
                    && w.len() > e - i
                    && i + w.len() <= tags.len()
                    && (i..e).all(|j| tokens.kind(j) == Some(Kind::Word))
                    && w.iter().enumerate().all(|(k, x)| {
                        let j = i + k;
                        (j < e || tags[j] == 0 || tag_type(tags[j]) == Some(ty))
                            && (tokens.base(j) == x || (k == 0 && word_is(tokens, j, x)))
                    })
                    && tags
                        .get(i + w.len())
                        .is_none_or(|&next| next == 0 || is_begin(next))
            });
            if let Some((w, _)) = longer {
                let n = w.len();
                set_span(tags, i..i + n, ty);
                i += n;
                continue;
            }
            i = e;
        } else {
            i += 1;
        }
    }
    let firsts: rustc_hash::FxHashSet<&str> = names.iter().map(|(w, _)| w[0].as_str()).collect();
    let mut i = 0;
    while i < tags.len() {
        if tags[i] != 0 || tokens.kind(i) != Some(Kind::Word) {
            i += 1;
            continue;
        }
        let s = tokens.surface(i);
        let maybe = firsts.contains(tokens.base(i))
            || firsts.contains(s)
            || ["و", "ف", "ب", "ل", "ك", "وب", "ول", "فل"]
                .iter()
                .any(|p| s.strip_prefix(p).is_some_and(|r| firsts.contains(r)));
        if !maybe {
            i += 1;
            continue;
        }
        let hit = names.iter().find(|(w, _)| {
            i + w.len() <= tags.len()
                && word_is(tokens, i, &w[0])
                && w.iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, x)| tags[i + k] == 0 && tokens.base(i + k) == x)
        });
        match hit {
            Some((w, ty)) => {
                let n = w.len();
                set_span(tags, i..i + n, *ty);
                i += n;
            }
            None => i += 1,
        }
    }
}

/// Token ranges of entities in BIO tags, punctuation at their edges excluded (punctuation
/// inside, as the quotation mark of "اتفاقية «التعاون…", stays).
fn tag_spans(tokens: &Tokens, tags: &[u8]) -> Vec<(Range<usize>, EntityType)> {
    let mut out: Vec<(Range<usize>, EntityType)> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        let Some(ty) = tag_type(t) else { continue };
        if tokens.kind(i) == Some(Kind::Punct) {
            let inside = !is_begin(t)
                && tags.get(i + 1).is_some_and(|&n| {
                    !is_begin(n)
                        && tag_type(n) == Some(ty)
                        && tokens.kind(i + 1) != Some(Kind::Punct)
                });
            match out.last_mut() {
                Some((r, lt)) if inside && *lt == ty && r.end == i => r.end = i + 1,
                _ => {}
            }
            continue;
        }
        match out.last_mut() {
            Some((r, lt)) if !is_begin(t) && *lt == ty && r.end == i => r.end = i + 1,
            _ => out.push((i..i + 1, ty)),
        }
    }
    out
}

/// Letters to cut from the front of the first word of a name, and whether the cut elided
/// the alef of the article (للولايات → ولايات, canonical الولايات).
fn proclitic_cut(model: &Model, tokens: &Tokens, i: usize) -> (usize, bool) {
    let p = tokens.proclitic(i);
    if !p.is_empty() {
        if let Some(before) = p.strip_suffix("لل") {
            return (before.chars().count() + 2, true);
        }
        if let Some(before) = p.strip_suffix("ال") {
            return (before.chars().count(), false);
        }
        return (p.chars().count(), false);
    }
    // A bare ب ل ك ف (which the text layer keeps) goes when the rest is a known name and
    // the whole word is not: لأفغانستان → أفغانستان, but بيونغ stays.
    let w = tokens.surface(i);
    // "لحلف شمال الأطلسي": a head word behind a bare proclitic.
    let head = head_base(tokens, i);
    if head != tokens.base(i) {
        return (w.chars().count() - head.chars().count(), false);
    }
    if let Some(cut) = well_known_surname(model, tokens, i) {
        return (cut, false);
    }
    if model.gazetteer.types(std::iter::once(w)) != 0 {
        return (0, false);
    }
    for pre in NAME_PROCLITICS {
        if let Some(rest) = w.strip_prefix(pre) {
            if rest.chars().count() >= MIN_NAME_AFTER_PROCLITIC
                && model.gazetteer.types(std::iter::once(rest)) != 0
            {
                return (pre.chars().count(), false);
            }
        }
    }
    (0, false)
}

/// The role phrase before the name at token `s` ("وزير الخارجية الروسي"), or after it
/// between commas ("لافروف، وزير الخارجية الروسي،").
fn role_of(tokens: &Tokens, tags: &[u8], range: &Range<usize>) -> Option<Range<usize>> {
    let mut s = range.start;
    // "وزيرة خارجية كوريا الشمالية، تشوي سون هوي"
    if s > 1 && tokens.is_punct(s - 1, "،,") {
        s -= 1;
    }
    let name_start = s;
    let mut head = None;
    let mut j = s;
    while j > 0 && s - j < MAX_ROLE_WORDS {
        j -= 1;
        if tokens.kind(j) != Some(Kind::Word) || tag_type(tags[j]) == Some(EntityType::Pers) {
            break;
        }
        let b = tokens.base(j);
        if is_in(SPEECH_VERBS, b) || tokens.surface_in(THAT_WORDS, j) {
            break;
        }
        if is_in(ROLE_HEADS, b) {
            head = Some(j);
        }
    }
    if let Some(h) = head {
        let mut end = name_start;
        while end > h && tokens.kind(end - 1) == Some(Kind::Punct) {
            end -= 1;
        }
        return Some(h..end);
    }
    let e = range.end;
    if tokens.is_punct(e, ",،")
        && tokens.kind(e + 1) == Some(Kind::Word)
        && tokens.base_in(ROLE_HEADS, e + 1)
    {
        let mut k = e + 1;
        while k < tokens.len() && k - e <= MAX_ROLE_WORDS && tokens.kind(k) == Some(Kind::Word) {
            if tokens.base_in(SPEECH_VERBS, k) || tokens.surface_in(THAT_WORDS, k) {
                break;
            }
            k += 1;
        }
        return Some(e + 1..k);
    }
    None
}

struct Cluster {
    ty: EntityType,
    /// The stems of a treaty name ([`document_name_stems`]).
    doc: Option<Vec<String>>,
    /// Mentions ending with a kinship epithet (all of the cluster's, or none).
    epithet: Option<Generation>,
    /// Mentions the text calls the younger / the elder of a family.
    younger: usize,
    elder: usize,
    /// Matching key of the longest form, and its word skeletons.
    key: String,
    skels: Vec<String>,
    canonical: String,
    words: usize,
    alias: Option<String>,
    members: Vec<usize>,
}

pub(crate) fn build(model: &Model, text: &str, tokens: &Tokens, tags: &[u8]) -> Found {
    let spans = tag_spans(tokens, tags);
    let mut ix = CharIndex::new(text);
    let mut entities = Vec::with_capacity(spans.len());
    let mut ranges = Vec::with_capacity(spans.len());
    let mut kinship = Vec::with_capacity(spans.len());
    for (r, ty) in spans {
        let first = &tokens.toks[r.start];
        let last = &tokens.toks[r.end - 1];
        let (cut, elided) = proclitic_cut(model, tokens, r.start);
        let start_b = skip_letters(text, first.start, cut).min(first.end);
        let end_b = last.end;
        let Some(name) = text.get(start_b..end_b) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let start = ix.at(start_b);
        let end = ix.at(end_b);
        let role = if ty == EntityType::Pers {
            role_of(tokens, tags, &r).and_then(|rr| {
                let (c, elided) = proclitic_cut(model, tokens, rr.start);
                let a = skip_letters(text, tokens.toks[rr.start].start, c);
                let b = tokens.toks[rr.end - 1].end;
                // "للرئيس الروسي" → "الرئيس الروسي"
                text.get(a..b).map(|r| {
                    if elided {
                        format!("ال{r}")
                    } else {
                        r.to_owned()
                    }
                })
            })
        } else {
            None
        };
        let canonical = if elided {
            format!("ال{name}")
        } else {
            name.to_owned()
        };
        entities.push(Entity {
            text: name.to_owned(),
            entity_type: ty,
            start,
            end,
            canonical,
            role,
            key: String::new(),
        });
        kinship.push(if ty == EntityType::Pers {
            kinship_of(tokens, &r)
        } else {
            Kinship::default()
        });
        ranges.push(r);
    }
    resolve_in_document(model, &mut entities, &kinship);
    Found { entities, ranges }
}

/// The alias of a name written in several words that the table has as one
/// ([`joined_alias_key`]: بيونغ يانغ = بيونغيانغ); names of fewer letters than the table's
/// one-word entries have none (the skeleton of "كيم الابن" is the one of كامبانيا).
fn joined_alias<'m>(model: &'m Model, key: &str) -> Option<(&'m str, &'m str)> {
    let letters = key.chars().filter(|c| *c != ' ').count();
    if letters < MIN_JOINED_ALIAS_LETTERS {
        return None;
    }
    model.aliases.get(&joined_alias_key(key))
}

/// One name, one type in a document: a name the alias table knows is a place; otherwise the
/// type most of its mentions got (the first seen on a tie).
fn unify_types(model: &Model, entities: &mut [Entity]) {
    let keys: Vec<String> = entities.iter().map(|e| name_key(&e.canonical)).collect();
    let mut votes: rustc_hash::FxHashMap<&str, [usize; 4]> = rustc_hash::FxHashMap::default();
    for (k, e) in keys.iter().zip(entities.iter()) {
        votes.entry(k.as_str()).or_default()[e.entity_type.index()] += 1;
    }
    let mut chosen: rustc_hash::FxHashMap<&str, EntityType> = rustc_hash::FxHashMap::default();
    for (k, e) in keys.iter().zip(entities.iter()) {
        chosen.entry(k.as_str()).or_insert_with(|| {
            let v = votes[k.as_str()];
            let place = model
                .aliases
                .get(&alias_key(k))
                .is_some_and(|(id, _)| id.starts_with("LOC:"))
                || joined_alias(model, k).is_some_and(|(id, _)| id.starts_with("LOC:"));
            let person = model.gazetteer.types(k.split(' ')) & (1 << EntityType::Pers.index()) != 0;
            if place && !person && e.entity_type != EntityType::Org {
                return EntityType::Loc;
            }
            let best = (0..4)
                .max_by_key(|&t| (v[t], t == e.entity_type.index()))
                .unwrap_or(0);
            EntityType::from_index(best).unwrap_or(e.entity_type)
        });
    }
    for (k, e) in keys.iter().zip(entities.iter_mut()) {
        if let Some(t) = chosen.get(k.as_str()) {
            e.entity_type = *t;
        }
    }
}

/// Merges the mentions of one document: aliases (country names), spelling variants, and a
/// one-word person name to the only full name in the document that ends with it.
fn resolve_in_document(model: &Model, entities: &mut [Entity], kinship: &[Kinship]) {
    unify_types(model, entities);
    let mut clusters: Vec<Cluster> = Vec::new();
    for (n, e) in entities.iter().enumerate() {
        let key = entity_key(e.entity_type, &e.canonical);
        let kin = kinship.get(n).copied().unwrap_or_default();
        let doc = (e.entity_type == EntityType::Misc)
            .then(|| document_name_stems(&key))
            .flatten();
        let alias = match e.entity_type {
            EntityType::Org => org_alias(&key).map(|id| (id.to_owned(), e.canonical.clone())),
            _ => None,
        }
        .or_else(|| {
            model
                .aliases
                .get(&alias_key(&key))
                .map(|(id, c)| (id.to_owned(), c.to_owned()))
        })
        .or_else(|| joined_alias(model, &key).map(|(id, c)| (id.to_owned(), c.to_owned())));
        let words = key.split(' ').count();
        let skels = word_skeletons(&key);
        let found = clusters.iter_mut().find(|c| {
            c.ty == e.entity_type
                && c.epithet == kin.epithet
                && match (&doc, &c.doc) {
                    (Some(a), Some(b)) => a == b,
                    (None, None) => match (&alias, &c.alias) {
                        (Some((id, _)), Some(cid)) => id == cid,
                        _ => same_name_with(&c.key, &c.skels, &key, &skels),
                    },
                    _ => false,
                }
        });
        let (younger, elder) = match kin.said {
            Some(Generation::Younger) => (1, 0),
            Some(Generation::Elder) => (0, 1),
            None => (0, 0),
        };
        match found {
            Some(c) => {
                c.members.push(n);
                c.younger += younger;
                c.elder += elder;
                if alias.is_none() && c.alias.is_none() && words > c.words {
                    c.words = words;
                    c.key = key;
                    c.skels = skels;
                    c.canonical = e.canonical.clone();
                }
            }
            None => clusters.push(Cluster {
                ty: e.entity_type,
                doc,
                epithet: kin.epithet,
                younger,
                elder,
                canonical: alias
                    .as_ref()
                    .map_or_else(|| e.canonical.clone(), |a| a.1.clone()),
                alias: alias.map(|a| a.0),
                key,
                skels,
                words,
                members: vec![n],
            }),
        }
    }
    // A one-word person name: the only full name of the document ending with that word.
    for i in 0..clusters.len() {
        if clusters[i].ty != EntityType::Pers || clusters[i].words != 1 {
            continue;
        }
        let w = clusters[i].key.clone();
        let ws = clusters[i].skels.first().cloned().unwrap_or_default();
        // A cluster's `skels` are the word skeletons of its `key`, word by word.
        let targets: Vec<usize> = (0..clusters.len())
            .filter(|&j| {
                let c = &clusters[j];
                j != i && c.ty == EntityType::Pers && c.words > 1 && !c.members.is_empty() && {
                    let last = c.key.rsplit(' ').next().unwrap_or("");
                    let ls = c.skels.last().map_or("", String::as_str);
                    same_word(&w, last, &ws, ls)
                }
            })
            .collect();
        if let [t] = targets[..] {
            let m = std::mem::take(&mut clusters[i].members);
            clusters[t].members.extend(m);
        }
    }
    resolve_epithets(&mut clusters);
    // A treaty named by fewer of its words: the one most complete name that has them all.
    for i in 0..clusters.len() {
        let Some(s) = clusters[i].doc.as_deref() else {
            continue;
        };
        let supersets: Vec<usize> = (0..clusters.len())
            .filter(|&j| {
                j != i
                    && !clusters[j].members.is_empty()
                    && clusters[j]
                        .doc
                        .as_deref()
                        .is_some_and(|t| fewer_document_words(s, t))
            })
            .collect();
        let best = most_complete(&supersets, |j| clusters[j].doc.as_deref().unwrap_or(&[]));
        if let [t] = best[..] {
            let m = std::mem::take(&mut clusters[i].members);
            clusters[t].members.extend(m);
        }
    }
    for c in &clusters {
        let key = match &c.alias {
            Some(id) => id.clone(),
            None => format!("{}:{}", c.ty.label(), c.skels.join(" ")),
        };
        for &m in &c.members {
            entities[m].canonical = c.canonical.clone();
            entities[m].key = key.clone();
        }
    }
}

/// "كيم الابن" / "بوش الأب": the full name of the document that holds the family name and
/// is of that generation. Candidates are the document's person names of more words that
/// contain the epithet's name words; the text's kinship words decide (ابنه، نجله، الراحل،
/// مؤسس… [`kinship_of`]): a candidate said to be of the other generation is never taken;
/// one said to be of this generation is, when it is the only one; else the only candidate
/// left; else, for the son, the one mentioned [`crate::resolve::DOMINANCE`] times as often
/// as any other (the family member an article is about, while the father is the one
/// recalled). Otherwise the mention stays alone: two members of one family are never merged.
fn resolve_epithets(clusters: &mut [Cluster]) {
    for i in 0..clusters.len() {
        let Some(generation) = clusters[i].epithet else {
            continue;
        };
        if clusters[i].members.is_empty() || clusters[i].ty != EntityType::Pers {
            continue;
        }
        let words: Vec<&str> = clusters[i].key.split(' ').collect();
        let name = &words[..words.len().saturating_sub(1)];
        if name.is_empty() {
            continue;
        }
        let name_skels = word_skeletons(&name.join(" "));
        let cands: Vec<usize> = (0..clusters.len())
            .filter(|&j| {
                let c = &clusters[j];
                j != i
                    && c.ty == EntityType::Pers
                    && c.epithet.is_none()
                    && c.doc.is_none()
                    && !c.members.is_empty()
                    && c.words > name.len()
                    && name.iter().zip(&name_skels).all(|(w, ws)| {
                        c.key
                            .split(' ')
                            .zip(&c.skels)
                            .any(|(x, xs)| same_word(w, x, ws, xs))
                    })
            })
            .collect();
        let said = |c: &Cluster, g: Generation| match g {
            Generation::Younger => c.younger,
            Generation::Elder => c.elder,
        };
        let opposite = match generation {
            Generation::Younger => Generation::Elder,
            Generation::Elder => Generation::Younger,
        };
        let left: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&j| said(&clusters[j], opposite) == 0)
            .collect();
        let confirmed: Vec<usize> = left
            .iter()
            .copied()
            .filter(|&j| said(&clusters[j], generation) > 0)
            .collect();
        let target = match (&confirmed[..], &left[..]) {
            ([t], _) => Some(*t),
            (_, [t]) => Some(*t),
            (_, many) if generation == Generation::Younger && many.len() > 1 => {
                let mut by_mentions: Vec<(usize, usize)> = many
                    .iter()
                    .map(|&j| (clusters[j].members.len(), j))
                    .collect();
                by_mentions.sort_by_key(|p| std::cmp::Reverse(*p));
                (by_mentions[0].0 >= crate::resolve::DOMINANCE * by_mentions[1].0)
                    .then_some(by_mentions[0].1)
            }
            _ => None,
        };
        if let Some(t) = target {
            let m = std::mem::take(&mut clusters[i].members);
            clusters[t].members.extend(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A first name of the people gazetteer right before a person name is part of it; a
    /// definite word there is not.
    #[test]
    fn a_first_name_before_a_person_name_joins_it() {
        let analyzer = crate::Analyzer::embedded().expect("embedded model");
        let model = analyzer.model();
        let pers = 1 << EntityType::Pers.index();
        let first = marsad_text::normalize_for_matching("أحمد");
        assert!(model.gazetteer.types(std::iter::once(first.as_str())) & pers != 0);
        assert!(!model.gazetteer.is_common(&first));
        let (b, i) = (b_tag(EntityType::Pers), b_tag(EntityType::Pers) + 1);
        let tokens = Tokens::new("وقال أحمد عبد الناصر إن");
        let mut tags = vec![0, 0, b, i, 0];
        first_names_before_persons(model, &tokens, &mut tags);
        assert_eq!(tags, vec![0, b, i, i, 0]);
        let tokens = Tokens::new("وقال الرئيس عبد الناصر إن");
        let mut tags = vec![0, 0, b, i, 0];
        first_names_before_persons(model, &tokens, &mut tags);
        assert_eq!(tags, vec![0, 0, b, i, 0]);
    }

    /// A place of two words found in the document is one place where the tagger split it
    /// into two names of that type, but not where the second name runs on past it.
    #[test]
    fn a_name_of_the_document_joins_two_names_of_its_type() {
        let analyzer = crate::Analyzer::embedded().expect("embedded model");
        let model = analyzer.model();
        let (b, i) = (b_tag(EntityType::Loc), b_tag(EntityType::Loc) + 1);
        let tokens = Tokens::new("زار سان خوسيه ثم وسان خوسيه");
        let mut tags = vec![0, b, i, 0, b, b];
        propagate(model, &tokens, &mut tags);
        assert_eq!(tags, vec![0, b, i, 0, b, i]);
        let tokens = Tokens::new("زار سان خوسيه ثم وسان خوسيه الجديدة");
        let mut tags = vec![0, b, i, 0, b, b, i];
        propagate(model, &tokens, &mut tags);
        assert_eq!(tags, vec![0, b, i, 0, b, b, i]);
        // Names of another type are left apart.
        let p = b_tag(EntityType::Pers);
        let tokens = Tokens::new("زار سان خوسيه ثم وسان خوسيه");
        let mut tags = vec![0, b, i, 0, b, p];
        propagate(model, &tokens, &mut tags);
        assert_eq!(tags, vec![0, b, i, 0, b, p]);
    }

    /// The letter filter never turns away a word the skeleton lookup would take.
    #[test]
    fn the_surname_filter_keeps_every_spelling_of_the_table() {
        let table = SurnameTable::get();
        let variants = [
            "ترمب",
            "ترامب",
            "بوتن",
            "پوتين",
            "اوباما",
            "أوباما",
            "ماكرون",
            "بايدين",
        ];
        for w in WELL_KNOWN_SURNAMES.iter().chain(&variants) {
            let w = marsad_text::normalize_for_matching(w);
            assert!(table.may_hold(&w), "{w} filtered out");
        }
        // Any word whose skeleton is in the table passes the filter.
        let text = "قال الرئيس ترامب وبوتين في موسكو إن المحادثات مع ماكرون وأوباما وبايدن \
                    تناولت الاقتصاد والسياسة والحرب في أوكرانيا وسوريا وكوريا الشمالية";
        for w in marsad_text::normalize_for_matching(text).split(' ') {
            if table.by_skeleton.contains_key(&marsad_text::skeleton(w)) {
                assert!(table.may_hold(w), "{w} filtered out");
            }
        }
        // Most ordinary words are told apart by their letters alone.
        let ordinary = ["المحادثات", "الاقتصاد", "تناولت", "والسياسة"];
        assert!(ordinary
            .iter()
            .any(|w| !table.may_hold(&marsad_text::normalize_for_matching(w))));
    }
}
