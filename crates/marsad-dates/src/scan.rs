//! Dates and times in free text, over [`Tokens`].

use marsad_model::Published;

use crate::hijri::hijri_to_gregorian;
use crate::lexicon::{
    lexicon, Calendar, AM, CONNECTOR, FILLER, GREGORIAN_MARK, HIJRI_MARK, LABEL, MONTH_HEAD, NIGHT,
    NOON, ORDINAL, PM, TIME_CONNECTOR_PUNCT, TIME_ZONE, WEEKDAY,
};
use crate::tokens::Tokens;

/// Gregorian years accepted in free text.
pub(crate) const GREGORIAN_YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;
/// Hijri years accepted in free text (1900–2100 CE is about 1317–1529 AH).
pub(crate) const HIJRI_YEARS: std::ops::RangeInclusive<u32> = 1300..=1600;
/// How many connector tokens may separate a date from its time.
const MAX_CONNECTORS: usize = 4;

/// A time of day: tokens `first..last`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimeSpan {
    pub first: usize,
    pub last: usize,
    pub hour: u8,
    pub minute: u8,
}

/// A date found in tokens `first..last` (time included once attached).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub first: usize,
    pub last: usize,
    pub calendar: Calendar,
    /// Year, month and day in `calendar`.
    pub ymd: (i32, u8, u8),
    /// A two-digit-year numeric date: kept only with a time or a label.
    pub weak: bool,
    pub time: Option<(u8, u8)>,
}

impl Candidate {
    /// The Gregorian date, or `None` for an impossible one.
    pub(crate) fn published(&self) -> Option<Published> {
        let (y, m, d) = self.ymd;
        let date = match self.calendar {
            Calendar::Gregorian => Published::new(y, m, d, None)?,
            Calendar::Hijri => hijri_to_gregorian(y, m, d)?,
        };
        Some(Published {
            time: self.time,
            ..date
        })
    }
}

/// All times of day ("14:31", "02:31 م", "2:31 p.m.", "10:05:00").
pub(crate) fn times(t: &Tokens) -> Vec<TimeSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match time_at(t, i) {
            Some(span) => {
                i = span.last;
                out.push(span);
            }
            None => i += 1,
        }
    }
    out
}

fn time_at(t: &Tokens, i: usize) -> Option<TimeSpan> {
    let (h, hd) = t.num(i)?;
    let sep = t.punct(i + 1);
    if hd > 2
        || h > 23
        || !matches!(sep, Some(':' | '.'))
        || !t.adjacent(i + 1)
        || !t.adjacent(i + 2)
    {
        return None;
    }
    let (m, md) = t.num(i + 2)?;
    if md != 2 || m > 59 {
        return None;
    }
    // Not the tail of a longer chain ("1:10:05:00") or a zone offset
    // ("+03:00", "10:05:00-05:00"; but "2024-14:31" is a date and a time).
    if i > 0 && t.adjacent(i) {
        match t.punct(i - 1) {
            Some(':' | '+') => return None,
            Some('-')
                if t.adjacent(i - 1) && t.num(i.wrapping_sub(2)).is_some_and(|(_, d)| d == 2) =>
            {
                return None
            }
            _ => {}
        }
    }
    let mut j = i + 3;
    if t.punct(j) == Some(':') && t.adjacent(j) && t.adjacent(j + 1) {
        if t.num(j + 1).is_some_and(|(s, d)| d == 2 && s <= 60) {
            j += 2;
            if t.punct(j) == Some(':') && t.adjacent(j) && t.num(j + 1).is_some() {
                return None;
            }
        } else {
            return None;
        }
    }
    if matches!(t.punct(j), Some('.' | ',')) && t.adjacent(j) && t.adjacent(j + 1) {
        if let Some(_fraction) = t.num(j + 1) {
            j += 2;
        }
    }
    // "06.12 BST", "6.12 pm": a dotted time only with a marker or zone after it.
    if sep == Some('.') && !t.has(j, AM | PM | NOON | NIGHT | TIME_ZONE) {
        return None;
    }
    let (hour, j) = meridiem(t, j, h as u8);
    let j = zone_offset(t, j);
    Some(TimeSpan {
        first: i,
        last: j,
        hour,
        minute: m as u8,
    })
}

/// Skips a zone glued to a time ("Z", "+03:00", "+0400", "-05:00", "GMT+3"):
/// the token after it. The offset is never applied.
fn zone_offset(t: &Tokens, j: usize) -> usize {
    if t.adjacent(j) && t.word(j) == Some("z") {
        return j + 1;
    }
    let k = if t.has(j, TIME_ZONE) { j + 1 } else { j };
    let sign = t.punct(k);
    if !matches!(sign, Some('+' | '-')) || !t.adjacent(k) || !t.adjacent(k + 1) {
        return k;
    }
    let Some((_, digits)) = t.num(k + 1) else {
        return k;
    };
    let minutes = t.punct(k + 2) == Some(':')
        && t.adjacent(k + 2)
        && t.adjacent(k + 3)
        && t.num(k + 3).is_some_and(|(_, d)| d == 2);
    if digits == 2 && minutes {
        k + 4
    } else if digits == 4
        || (sign == Some('+')
            && digits <= 2
            && !matches!(t.punct(k + 2), Some('/' | '-' | '.' | ':')))
    {
        k + 2
    } else {
        k
    }
}

/// Applies an AM/PM marker at token `j`, if any: the hour and the next token.
fn meridiem(t: &Tokens, j: usize, h: u8) -> (u8, usize) {
    let flags = t.lexeme(j).map_or(0, |l| l.flags);
    let (flag, next) = if flags & (AM | PM | NOON | NIGHT) != 0 {
        (flags, j + 1)
    } else if matches!(t.word(j), Some("a" | "p"))
        && t.punct(j + 1) == Some('.')
        && t.word(j + 2) == Some("m")
    {
        let flag = if t.word(j) == Some("a") { AM } else { PM };
        let next = if t.punct(j + 3) == Some('.') && t.adjacent(j + 3) {
            j + 4
        } else {
            j + 3
        };
        (flag, next)
    } else {
        return (h, j);
    };
    let hour = if h > 12 {
        h
    } else if flag & AM != 0 {
        if h == 12 {
            0
        } else {
            h
        }
    } else if flag & PM != 0 {
        if h == 12 {
            12
        } else {
            h + 12
        }
    } else if flag & NOON != 0 {
        if (1..=6).contains(&h) {
            h + 12
        } else {
            h
        }
    } else if h == 12 {
        0
    } else if (6..=11).contains(&h) {
        h + 12
    } else {
        h
    };
    (hour, next)
}

/// All dates in the tokens, times attached, Hijri ones included; impossible
/// dates and unconfirmed two-digit-year dates dropped.
pub(crate) fn candidates(t: &Tokens, times: &[TimeSpan]) -> Vec<Candidate> {
    let mut in_time = vec![false; t.len()];
    for s in times {
        in_time[s.first..s.last].iter_mut().for_each(|x| *x = true);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if in_time[i] {
            i += 1;
            continue;
        }
        let found = if t.num(i).is_some() {
            numeric_at(t, i).or_else(|| day_month_year_at(t, i))
        } else if t.word(i).is_some() && (i + 1..=i + 4).any(|k| t.num(k).is_some()) {
            month_day_year_at(t, i)
        } else {
            None
        }
        .filter(|c| c.published().is_some());
        match found {
            Some(c) => {
                i = c.last;
                out.push(c);
            }
            None => i += 1,
        }
    }
    attach_times(t, &mut out, times);
    if out.iter().any(|c| c.weak && c.time.is_none()) {
        let labelled = (0..t.len()).any(|k| t.has(k, LABEL | WEEKDAY));
        out.retain(|c| !c.weak || c.time.is_some() || labelled);
    }
    out
}

/// Numeric dates: Y-M-D, D/M/Y (M/D/Y when the second number exceeds 12),
/// with `-`, `/` or `.`; two-digit years only as DD/MM/YY (weak).
fn numeric_at(t: &Tokens, i: usize) -> Option<Candidate> {
    let (a, ad) = t.num(i)?;
    let sep = t.punct(i + 1)?;
    if !matches!(sep, '/' | '-' | '.') || t.punct(i + 3) != Some(sep) {
        return None;
    }
    let (b, bd) = t.num(i + 2)?;
    let (c, cd) = t.num(i + 4)?;
    let spaced = (i + 1..=i + 4).any(|k| !t.adjacent(k));
    if spaced && sep != '/' {
        return None;
    }
    // Part of a longer chain with the same separator (phone numbers, IPs,
    // version strings)? A different one is fine: "14:31-19/11/2024".
    if i > 0 && t.adjacent(i) {
        match t.punct(i - 1) {
            Some('+') => return None,
            Some(p) if p == sep && t.adjacent(i - 1) && i >= 2 && t.num(i - 2).is_some() => {
                return None
            }
            _ => {}
        }
    }
    if t.punct(i + 5) == Some(sep)
        && t.adjacent(i + 5)
        && t.adjacent(i + 6)
        && t.num(i + 6).is_some()
    {
        return None;
    }
    let day_month = |x: u32, y: u32| -> Option<(u8, u8)> {
        // (day, month): day first unless only month-first makes sense.
        if x <= 12 && y > 12 {
            Some((y as u8, x as u8))
        } else if y <= 12 {
            Some((x.min(99) as u8, y as u8))
        } else {
            None
        }
    };
    let (year, month, day, weak) = if ad == 4 && bd <= 2 && cd <= 2 {
        (a, b as u8, c as u8, false)
    } else if cd == 4 && ad <= 2 && bd <= 2 {
        let (d, m) = day_month(a, b)?;
        (c, m, d, false)
    } else if cd == 2 && ad == 2 && bd == 2 && !spaced {
        let (d, m) = day_month(a, b)?;
        (if c < 70 { 2000 + c } else { 1900 + c }, m, d, true)
    } else {
        return None;
    };
    let mut last = i + 5;
    let calendar = if t.has(last, HIJRI_MARK) && HIJRI_YEARS.contains(&year) && !weak {
        last += 1;
        Calendar::Hijri
    } else if GREGORIAN_YEARS.contains(&year) {
        if t.has(last, GREGORIAN_MARK) {
            last += 1;
        }
        Calendar::Gregorian
    } else {
        return None;
    };
    Some(Candidate {
        first: i,
        last,
        calendar,
        ymd: (year as i32, month, day),
        weak,
        time: None,
    })
}

/// A day number (1–31, optionally "28th"): the day and the next token.
fn day_at(t: &Tokens, i: usize) -> Option<(u8, usize)> {
    let (d, dd) = t.num(i)?;
    if dd > 2 || !(1..=31).contains(&d) {
        return None;
    }
    let mut j = i + 1;
    if t.adjacent(j) && t.has(j, ORDINAL) {
        j += 1;
    }
    Some((d as u8, j))
}

/// A month name (one or two words), optionally doubled as the dual forms
/// "مارس/ آذار", "آذار (مارس)", "مارس - آذار": calendar, month, next token.
fn month_at(t: &Tokens, i: usize) -> Option<(Calendar, u8, usize)> {
    let (cal, month, j) = single_month_at(t, i)?;
    let (open, k) = match t.punct(j) {
        Some(p @ ('/' | '-' | '–' | '(' | '،' | ',' | '\\')) => (Some(p), j + 1),
        _ => (None, j),
    };
    if let Some((c2, m2, mut end)) = single_month_at(t, k) {
        if c2 == cal && m2 == month {
            if open == Some('(') && t.punct(end) == Some(')') {
                end += 1;
            }
            return Some((cal, month, end));
        }
    }
    Some((cal, month, j))
}

fn single_month_at(t: &Tokens, i: usize) -> Option<(Calendar, u8, usize)> {
    let lex = lexicon();
    let w = t.word(i)?;
    let lexeme = lex.get(w);
    if lexeme.is_some_and(|l| l.flags & MONTH_HEAD != 0) {
        if let Some((c, m)) = t.word(i + 1).and_then(|q| lex.two_word_month(w, q)) {
            return Some((c, m, i + 2));
        }
    }
    let (c, m) = match lexeme {
        Some(l) => l.month?,
        None => lex.month(w)?,
    };
    // "Jun." abbreviation dot.
    let next = if t.punct(i + 1) == Some('.') && t.adjacent(i + 1) && w.is_ascii() {
        i + 2
    } else {
        i + 1
    };
    Some((c, m, next))
}

/// A four-digit year fitting the calendar, with an optional era marker
/// ("2020م", "1441 هـ"): the year and the next token.
fn year_at(t: &Tokens, i: usize, calendar: Calendar) -> Option<(i32, usize)> {
    let (y, yd) = t.num(i)?;
    if yd != 4 {
        return None;
    }
    let (range, mark) = match calendar {
        Calendar::Gregorian => (GREGORIAN_YEARS, GREGORIAN_MARK),
        Calendar::Hijri => (HIJRI_YEARS, HIJRI_MARK),
    };
    if !range.contains(&y) {
        return None;
    }
    // A following time ("2024 02:31 م") is not an era; "2020 م" is.
    let next = if t.has(i + 1, mark) { i + 2 } else { i + 1 };
    Some((y as i32, next))
}

fn skip_punct(t: &Tokens, i: usize, allowed: &[char]) -> usize {
    match t.punct(i) {
        Some(p) if allowed.contains(&p) => i + 1,
        _ => i,
    }
}

/// "19 نوفمبر 2024", "28th, June 2024", "17 آذار (مارس) 2020", "3 من مارس 2020",
/// "11 شوال 1441هـ".
fn day_month_year_at(t: &Tokens, i: usize) -> Option<Candidate> {
    let (day, j) = day_at(t, i)?;
    let mut j = skip_punct(t, j, &[',', '،', '-', '/', '.']);
    for _ in 0..2 {
        if t.has(j, FILLER) {
            j += 1;
        }
    }
    let (calendar, month, k) = month_at(t, j)?;
    let mut k = skip_punct(t, k, &[',', '،', '-', '/', '.']);
    if t.has(k, FILLER) {
        k += 1;
    }
    let (year, last) = year_at(t, k, calendar)?;
    Some(Candidate {
        first: i,
        last,
        calendar,
        ymd: (year, month, day),
        weak: false,
        time: None,
    })
}

/// "June 28, 2024", "Jun 28 2024", "June 28th, 2024".
fn month_day_year_at(t: &Tokens, i: usize) -> Option<Candidate> {
    t.word(i)?;
    let (calendar, month, j) = month_at(t, i)?;
    let (day, k) = day_at(t, j)?;
    let k = skip_punct(t, k, &[',', '،']);
    let (year, last) = year_at(t, k, calendar)?;
    Some(Candidate {
        first: i,
        last,
        calendar,
        ymd: (year, month, day),
        weak: false,
        time: None,
    })
}

pub(crate) fn is_connector(t: &Tokens, k: usize) -> bool {
    match t.punct(k) {
        Some(p) => TIME_CONNECTOR_PUNCT.contains(&p),
        None => t.has(k, CONNECTOR | LABEL | WEEKDAY | TIME_ZONE),
    }
}

/// The time that follows token `k` with only connectors between, if any.
pub(crate) fn time_after(t: &Tokens, k: usize, times: &[TimeSpan]) -> Option<usize> {
    for k in (k..).take(MAX_CONNECTORS + 1) {
        if let Some(ti) = times.iter().position(|s| s.first == k) {
            return Some(ti);
        }
        if !is_connector(t, k) {
            return None;
        }
    }
    None
}

/// Gives each date the nearest free time after it (only connectors between),
/// else the one just before it ("02:31 م - 19 نوفمبر 2024").
fn attach_times(t: &Tokens, dates: &mut [Candidate], times: &[TimeSpan]) {
    let mut used = vec![false; times.len()];
    for c in dates.iter_mut() {
        if let Some(ti) = time_after(t, c.last, times).filter(|&ti| !used[ti]) {
            used[ti] = true;
            c.time = Some((times[ti].hour, times[ti].minute));
            c.last = times[ti].last;
        }
    }
    for c in dates.iter_mut().filter(|c| c.time.is_none()) {
        let mut k = c.first;
        for _ in 0..=MAX_CONNECTORS {
            if let Some(ti) = times.iter().position(|s| s.last == k) {
                if !used[ti] {
                    used[ti] = true;
                    c.time = Some((times[ti].hour, times[ti].minute));
                    c.first = times[ti].first;
                }
                break;
            }
            if k == 0 || !is_connector(t, k - 1) {
                break;
            }
            k -= 1;
        }
    }
}
