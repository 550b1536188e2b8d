//! Machine-readable dates from metadata: ISO 8601 / JSON-LD / OpenGraph /
//! `<time datetime>`, WARC-Date, RFC 2822 / RFC 850 / asctime (HTTP dates),
//! compact `YYYYMMDD[HHMM[SS]]`. The wall-clock date and time are kept as
//! written: the zone is checked for syntax and then ignored, never applied.

use marsad_model::Published;

use crate::lexicon::{lexicon, Calendar, TIME_ZONE, WEEKDAY};
use crate::scan::GREGORIAN_YEARS;
use crate::text::{digit_value, is_invisible, normalize_word};

pub(crate) fn parse(s: &str) -> Option<Published> {
    // Invisible characters out, Eastern digits to ASCII.
    let clean: String = s
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| digit_value(c).map_or(c, |d| char::from(b'0' + d)))
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return None;
    }
    iso(clean)
        .or_else(|| compact(clean))
        .or_else(|| http_date(clean))
        // Human dates in metadata ("19 يونيو 2024", "June 19, 2024").
        .or_else(|| crate::find_date(clean).map(|m| m.published))
}

fn make(year: u32, month: u32, day: u32, time: Option<(u32, u32)>) -> Option<Published> {
    if !GREGORIAN_YEARS.contains(&year) {
        return None;
    }
    let time = match time {
        Some((h, m)) => Some((u8::try_from(h).ok()?, u8::try_from(m).ok()?)),
        None => None,
    };
    Published::new(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
        time,
    )
}

/// A byte cursor over ASCII-ish text.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor {
            b: s.as_bytes(),
            i: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn done(&self) -> bool {
        self.i >= self.b.len()
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.i += usize::from(hit);
        hit
    }

    fn eat_any(&mut self, set: &[u8]) -> Option<u8> {
        let c = self.peek().filter(|c| set.contains(c))?;
        self.i += 1;
        Some(c)
    }

    fn spaces(&mut self) {
        while self.eat(b' ') {}
    }

    /// `min..=max` ASCII digits (stops after `max`).
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        let mut v: u32 = 0;
        while self.i - start < max {
            match self.peek() {
                Some(c @ b'0'..=b'9') => {
                    v = v * 10 + u32::from(c - b'0');
                    self.i += 1;
                }
                _ => break,
            }
        }
        (self.i - start >= min).then_some(v)
    }

    fn rest(&self) -> &'a [u8] {
        &self.b[self.i.min(self.b.len())..]
    }
}

/// "2024-06-19", "2024-06-19T10:05:00+03:00", "…+0400", "…Z", "…T10:05:00.123Z",
/// "2024-06-19 10:05", "2024/06/19 10:05:00".
fn iso(s: &str) -> Option<Published> {
    let mut c = Cursor::new(s);
    let year = c.digits(4, 4)?;
    let sep = c.eat_any(b"-/")?;
    let month = c.digits(1, 2)?;
    if !c.eat(sep) {
        return None;
    }
    let day = c.digits(1, 2)?;
    let mut time = None;
    if c.eat_any(b"Tt ").is_some() {
        c.spaces();
        let h = c.digits(1, 2)?;
        if !c.eat(b':') {
            return None;
        }
        let m = c.digits(2, 2)?;
        if c.eat(b':') {
            c.digits(2, 2)?;
            if c.eat_any(b".,").is_some() {
                c.digits(1, usize::MAX)?;
            }
        }
        time = Some((h, m));
    }
    c.spaces();
    zone(&mut c)?;
    c.spaces();
    if !c.done() {
        return None;
    }
    make(year, month, day, time)
}

/// An optional zone: "Z", "+03:00", "+0400", "-05", "GMT", "UTC+3".
fn zone(c: &mut Cursor) -> Option<()> {
    if c.done() {
        return Some(());
    }
    if c.eat_any(b"Zz").is_some() {
        return Some(());
    }
    let rest = c.rest();
    for name in [&b"GMT"[..], b"UTC", b"UT"] {
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name) {
            c.i += name.len();
            if c.done() {
                return Some(());
            }
            break;
        }
    }
    c.eat_any(b"+-")?;
    c.digits(1, 2)?;
    c.eat(b':');
    c.digits(0, 2)?;
    Some(())
}

/// "20240619", "202406191005", "20240619100500" (CDX / ARC timestamps).
fn compact(s: &str) -> Option<Published> {
    if !matches!(s.len(), 8 | 12 | 14) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let time = if s.len() >= 12 {
        Some((n(8..10)?, n(10..12)?))
    } else {
        None
    };
    make(n(0..4)?, n(4..6)?, n(6..8)?, time)
}

fn english_month(word: &str) -> Option<u32> {
    let w = normalize_word(word.trim_end_matches('.'));
    match lexicon().month(&w)? {
        (Calendar::Gregorian, m) if w.is_ascii() => Some(u32::from(m)),
        _ => None,
    }
}

fn hh_mm(part: &str) -> Option<(u32, u32)> {
    let mut c = Cursor::new(part);
    let h = c.digits(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let m = c.digits(2, 2)?;
    if c.eat(b':') {
        c.digits(2, 2)?;
    }
    c.done().then_some((h, m))
}

fn number(part: &str, min_len: usize, max_len: usize) -> Option<u32> {
    let mut c = Cursor::new(part);
    let v = c.digits(min_len, max_len)?;
    c.done().then_some(v)
}

fn year_of(part: &str) -> Option<u32> {
    match part.len() {
        4 => number(part, 4, 4),
        2 => number(part, 2, 2).map(|y| if y < 70 { 2000 + y } else { 1900 + y }),
        _ => None,
    }
}

/// A trailing zone part of an HTTP date: "GMT", "+0400", "-0500", "(GST)".
fn is_zone_part(part: &str) -> bool {
    let w = normalize_word(part);
    lexicon().has(&w, TIME_ZONE)
        || part.starts_with('(')
        || (part.len() == 5
            && part.starts_with(['+', '-'])
            && part[1..].bytes().all(|b| b.is_ascii_digit()))
}

/// RFC 2822 "Wed, 19 Jun 2024 10:05:00 +0400", RFC 850
/// "Wednesday, 19-Jun-24 10:05:00 GMT", asctime "Wed Jun 19 10:05:00 2024".
fn http_date(s: &str) -> Option<Published> {
    let parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    let mut p = &parts[..];
    if let Some(first) = p.first() {
        if lexicon().has(&normalize_word(first), WEEKDAY) {
            p = &p[1..];
        }
    }
    let (year, month, day, time, rest) = match p {
        // RFC 850: 19-Jun-24
        [dmy, t, rest @ ..] if dmy.contains('-') => {
            let mut it = dmy.split('-');
            let (d, m, y) = (it.next()?, it.next()?, it.next()?);
            if it.next().is_some() {
                return None;
            }
            (
                year_of(y)?,
                english_month(m)?,
                number(d, 1, 2)?,
                hh_mm(t)?,
                rest,
            )
        }
        // asctime: Jun 19 10:05:00 2024
        [m, d, t, y, rest @ ..] if english_month(m).is_some() => (
            number(y, 4, 4)?,
            english_month(m)?,
            number(d, 1, 2)?,
            hh_mm(t)?,
            rest,
        ),
        // RFC 2822: 19 Jun 2024 10:05[:00]
        [d, m, y, t, rest @ ..] => (
            year_of(y)?,
            english_month(m)?,
            number(d, 1, 2)?,
            hh_mm(t)?,
            rest,
        ),
        _ => return None,
    };
    if !rest.iter().all(|part| is_zone_part(part)) {
        return None;
    }
    make(year, month, day, Some(time))
}
