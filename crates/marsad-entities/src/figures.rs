//! Figures: a number (digits in any script, number words, multipliers such as ألف/مليون and
//! their duals, fractions of sized units such as "ربع قرن"), its qualifier (نحو، أكثر من…)
//! and what it counts (the unit table of [`crate::cues`]; otherwise the noun that follows).

use crate::cues::{
    is_in, FIGURE_QUALIFIERS, FRACTIONS, MULTIPLIERS, NOT_FIGURE_BEFORE, NUMBER_WORDS, SIZED_UNITS,
    UNITS,
};
use crate::tokens::{CharIndex, Kind, Tokens};
use crate::Figure;

/// Words that never name what a number counts (prepositions, particles, months…): a number
/// followed by one has no unit.
pub static NOT_A_UNIT: &[&str] = &[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "مع",
    "او",
    "و",
    "ثم",
    "حتي",
    "منذ",
    "بعد",
    "قبل",
    "بين",
    "الف",
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "اذار",
    "نيسان",
    "ايار",
    "حزيران",
    "تموز",
    "اب",
    "ايلول",
    "تشرين",
    "هو",
    "هي",
    "التي",
    "الذي",
    "ان",
    "لا",
    "ما",
    "قد",
    "كان",
    "كانت",
    "عاما",
    "عام",
    "الماضي",
    "المقبل",
    "الجاري",
    "ص",
    "م",
    "ه",
    "فقط",
    "تقريبا",
    "نحو",
    "يوم",
    "شخصا",
    "ذلك",
    "هذا",
    "هذه",
    "كل",
    "اي",
    "ايضا",
    "الاول",
    "الثاني",
    "دقيقه",
];

fn number_word(w: &str) -> Option<f64> {
    static MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, f64>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| NUMBER_WORDS.iter().copied().collect())
        .get(w)
        .copied()
}

fn multiplier_word(w: &str) -> Option<(f64, bool)> {
    static MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, (f64, bool)>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| MULTIPLIERS.iter().map(|(w, m, d)| (*w, (*m, *d))).collect())
        .get(w)
        .copied()
}

/// A number at token `i`: (value, tokens used, is it a bare year-like integer).
fn number_at(tokens: &Tokens, i: usize) -> Option<(f64, usize)> {
    match tokens.kind(i)? {
        Kind::Number => {
            let mut s = tokens.surface(i).to_owned();
            let mut used = 1;
            // 1.5 / 1,500 / 3٫5 written without spaces.
            while tokens.is_punct(i + used, ".,٫٬")
                && tokens.kind(i + used + 1) == Some(Kind::Number)
                && tokens.toks[i + used].start == tokens.toks[i + used - 1].end
                && tokens.toks[i + used + 1].start == tokens.toks[i + used].end
            {
                let sep = tokens.surface(i + used);
                let next = tokens.surface(i + used + 1);
                if (sep == "," || sep == "٬") && next.len() == 3 {
                    s.push_str(next);
                } else if s.contains('.') {
                    break;
                } else {
                    s.push('.');
                    s.push_str(next);
                }
                used += 2;
            }
            s.parse::<f64>().ok().map(|v| (v, used))
        }
        Kind::Word => {
            let w = word_of(tokens, i);
            let v = number_word(w)?;
            // "خمسة وعشرون"
            if let Some(next) = tokens.surface(i + 1).strip_prefix('و') {
                if let Some(t) = number_word(next) {
                    if t >= 20.0 && v < 10.0 {
                        return Some((v + t, 2));
                    }
                }
            }
            Some((v, 1))
        }
        Kind::Punct => None,
    }
}

/// The word at `i` without a leading و or ب (numbers take them: "وثلاثة", "بألف").
fn word_of(tokens: &Tokens, i: usize) -> &str {
    let s = tokens.surface(i);
    for p in ["و", "ب"] {
        if let Some(r) = s.strip_prefix(p) {
            if number_word(r).is_some() || multiplier_word(r).is_some() {
                return r;
            }
        }
    }
    s
}

fn multiplier(tokens: &Tokens, i: usize) -> Option<(f64, bool)> {
    if tokens.kind(i) != Some(Kind::Word) {
        return None;
    }
    multiplier_word(word_of(tokens, i))
}

/// The unit at token `i`: (shown form, tokens used).
fn unit_at(tokens: &Tokens, i: usize) -> Option<(String, usize)> {
    if tokens.is_punct(i, "%٪") {
        return Some(("%".to_owned(), 1));
    }
    if tokens.kind(i) != Some(Kind::Word) {
        return None;
    }
    let forms = |j: usize| -> [String; 3] {
        let b = tokens.base(j).to_owned();
        let s = tokens.surface(j).to_owned();
        let acc = b
            .strip_suffix('ا')
            .map(str::to_owned)
            .unwrap_or_else(|| b.clone());
        [b, s, acc]
    };
    let f0 = forms(i);
    if tokens.kind(i + 1) == Some(Kind::Word) {
        let f1 = forms(i + 1);
        for (list, shown) in UNITS {
            for form in list.iter().filter(|f| f.contains(' ')) {
                let mut parts = form.split(' ');
                let (a, b) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                if f0.iter().any(|x| x == a) && f1.iter().any(|x| x == b) {
                    return Some(((*shown).to_owned(), 2));
                }
            }
        }
    }
    for (list, shown) in UNITS {
        if list
            .iter()
            .any(|form| !form.contains(' ') && f0.iter().any(|x| x == form))
        {
            return Some(((*shown).to_owned(), 1));
        }
    }
    None
}

/// A noun after the number that is not in the unit table: taken as written (without
/// clitics), unless it is a particle, a month or a date word.
fn generic_unit(tokens: &Tokens, i: usize, text: &str) -> Option<String> {
    if tokens.kind(i) != Some(Kind::Word) {
        return None;
    }
    let s = tokens.surface(i);
    let b = tokens.base(i);
    if s.bytes().next().is_some_and(|c| c.is_ascii())
        || is_in(NOT_A_UNIT, s)
        || is_in(NOT_A_UNIT, b)
        || b.chars().count() < 3
    {
        return None;
    }
    if s.starts_with("ال") {
        return None;
    }
    let t = &tokens.toks[i];
    text.get(t.start..t.end).map(str::to_owned)
}

fn qualifier_before(tokens: &Tokens, i: usize) -> Option<(&'static str, usize)> {
    for (words, q) in FIGURE_QUALIFIERS {
        let n = words.len();
        if i < n {
            continue;
        }
        let ok = (0..n).all(|k| {
            let j = i - n + k;
            let s = tokens.surface(j);
            let bare = s
                .strip_prefix('و')
                .or_else(|| s.strip_prefix('ب'))
                .unwrap_or(s);
            tokens.kind(j) == Some(Kind::Word)
                && (s == words[k] || bare == words[k] || tokens.base(j) == words[k])
        });
        if ok {
            return Some((q, i - n));
        }
    }
    None
}

pub(crate) fn find(text: &str, tokens: &Tokens) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut ix = CharIndex::new(text);
    let mut i = 0;
    while i < tokens.len() {
        let Some(found) = figure_at(text, tokens, i) else {
            i += 1;
            continue;
        };
        let (value, unit, first, end) = found;
        let (qualifier, qstart) = match qualifier_before(tokens, i) {
            Some((q, s)) => (Some(q.to_owned()), s),
            None => (None, first),
        };
        let a = tokens.toks[qstart].start;
        let b = tokens.toks[end - 1].end;
        if let Some(t) = text.get(a..b) {
            out.push(Figure {
                text: t.to_owned(),
                value,
                unit,
                qualifier,
                start: ix.at(a),
                end: ix.at(b),
            });
        }
        i = end;
    }
    out
}

/// A figure starting at token `i`: value, unit, first token, end token (exclusive).
fn figure_at(text: &str, tokens: &Tokens, i: usize) -> Option<(f64, Option<String>, usize, usize)> {
    match tokens.kind(i)? {
        Kind::Punct => return None,
        Kind::Number => {}
        Kind::Word => {
            let w = word_of(tokens, i);
            let b = tokens.base(i);
            if number_word(w).is_none()
                && multiplier_word(w).is_none()
                && !FRACTIONS.iter().any(|(f, _)| *f == b)
            {
                return None;
            }
        }
    }
    if i > 0 {
        let prev = tokens.surface(i - 1);
        if is_in(NOT_FIGURE_BEFORE, prev) || tokens.base_in(NOT_FIGURE_BEFORE, i - 1) {
            return None;
        }
    }
    // "ربع قرن" = 25 years.
    if tokens.kind(i) == Some(Kind::Word) {
        if let Some((_, frac)) = FRACTIONS.iter().find(|(f, _)| *f == tokens.base(i)) {
            let next = tokens.base(i + 1);
            if let Some((_, size, unit)) = SIZED_UNITS.iter().find(|(u, _, _)| *u == next) {
                return Some((frac * size, Some((*unit).to_owned()), i, i + 2));
            }
            return None;
        }
    }
    let (value, mut end, has_multiplier) = if let Some((v, used)) = number_at(tokens, i) {
        match multiplier(tokens, i + used) {
            Some((m, false)) => (v * m, i + used + 1, true),
            _ => (v, i + used, false),
        }
    } else if let Some((m, dual)) = multiplier(tokens, i) {
        // "مليون دولار", "ألفا جندي" (dual): the multiplier alone is the number. Plural
        // multipliers alone (آلاف، ملايين) are not a number.
        let w = word_of(tokens, i);
        let plural = ["الاف", "ملايين", "مليارات", "بلايين", "مءات", "عشرات"].contains(&w);
        if plural {
            return None;
        }
        (if dual { 2.0 * m } else { m }, i + 1, true)
    } else {
        return None;
    };
    // "3 ملايين من القذائف"
    let mut unit = unit_at(tokens, end);
    if unit.is_none() && has_multiplier && tokens.surface(end) == "من" {
        if let Some(u) = unit_at(tokens, end + 1) {
            end += 1;
            unit = Some(u);
        }
    }
    if let Some((u, used)) = unit {
        return Some((value, Some(u), i, end + used));
    }
    let is_digits = tokens.kind(i) == Some(Kind::Number);
    let year_like =
        is_digits && !has_multiplier && (1900.0..=2100.0).contains(&value) && value.fract() == 0.0;
    if has_multiplier {
        if let Some(u) = generic_unit(tokens, end, text) {
            return Some((value, Some(u), i, end + 1));
        }
        return Some((value, None, i, end));
    }
    if year_like {
        return None;
    }
    if is_digits {
        if let Some(u) = generic_unit(tokens, end, text) {
            return Some((value, Some(u), i, end + 1));
        }
    }
    None
}
