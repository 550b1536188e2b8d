//! Publication dates in Arabic and English news pages.
//!
//! * [`find_dates`] / [`find_date`]: dates printed in free text — Arabic
//!   month names of every region (Egyptian/Gulf, Levantine/Iraqi, Algerian/
//!   Tunisian, Moroccan, dual "مارس/ آذار"), English and French names,
//!   numeric dates, Hijri dates, with an optional time (12-hour with ص/م,
//!   AM/PM, or 24-hour) before or after. Eastern Arabic and Persian digits
//!   and bidi/zero-width controls are handled anywhere.
//! * [`parse_machine_date`]: ISO 8601, RFC 2822 and friends from metadata.
//! * [`resolve_relative`]: "منذ 3 ساعات", "أمس", "3 hours ago".
//! * [`date_coverage`]: whether a line is a dateline or a body line.
//!
//! All results are local wall-clock dates as printed: nothing is ever
//! shifted to UTC.
//!
//! Speed: [`find_dates`] first scans the bytes for a digit and returns at
//! once when there is none (a full date always has a number); only then is
//! the line tokenized. Word lookups use a normalised lexicon built once.

mod coverage;
mod hijri;
mod lexicon;
mod machine;
mod relative;
mod scan;
mod text;
mod tokens;

#[cfg(test)]
mod tests;

pub use marsad_model::Published;

use crate::lexicon::Calendar;
use crate::tokens::Tokens;

/// A date found inside free text; byte offsets into the input.
///
/// `start..end` spans the date and its attached time (e.g. "19 نوفمبر 2024
/// 02:31 م", or "02:31 م - 19 نوفمبر 2024" when the time comes first); a
/// leading weekday or label is not included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateMatch {
    pub published: Published,
    pub start: usize,
    pub end: usize,
}

/// All full dates (day, month and year) in a line or short text, in order of
/// appearance.
///
/// A month without a year, or a year alone ("في عام 2000"), is not a date.
/// Hijri dates are converted to Gregorian (tabular calendar, ±1 day) and
/// reported only when the text has no Gregorian date: "11 شوال 1441هـ - 03
/// يونيو 2020م" yields just 2020-06-03. Relative dates are not looked for
/// here (see [`resolve_relative`]), so a text without digits returns an empty
/// vector without being tokenized.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    if !text::has_digit(text) {
        return Vec::new();
    }
    let cjk;
    let text = if text.contains('年') && text.contains('月') {
        cjk = cjk_as_numeric(text);
        cjk.as_str()
    } else {
        text
    };
    let t = Tokens::new(text);
    let times = scan::times(&t);
    let mut dates = scan::candidates(&t, &times);
    if dates.iter().any(|c| c.calendar == Calendar::Gregorian) {
        dates.retain(|c| c.calendar == Calendar::Gregorian);
    }
    dates
        .iter()
        .filter_map(|c| {
            Some(DateMatch {
                published: c.published()?,
                start: t.toks[c.first].start,
                end: t.toks[c.last - 1].end,
            })
        })
        .collect()
}

/// "2020年07月12日" (Chinese, Japanese; Korean pages use 년/월/일 rarely in
/// news metadata) read as the numeric "2020/07/12": each of 年 and 月 becomes
/// "/" and 日 a space, padded to the same byte length so that offsets into
/// the original text stay valid.
fn cjk_as_numeric(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '年' | '月' => out.push_str("/  "),
            '日' => out.push_str("   "),
            _ => out.push(c),
        }
    }
    out
}

/// The first date in the text (see [`find_dates`]).
pub fn find_date(text: &str) -> Option<DateMatch> {
    find_dates(text).into_iter().next()
}

/// A machine date from metadata: ISO 8601 / JSON-LD / OpenGraph /
/// `<time datetime>` ("2024-06-19", "2024-06-19T10:05:00+03:00",
/// "…+0400", "…Z", "2024-06-19 10:05"), WARC-Date, RFC 2822 ("Wed, 19 Jun
/// 2024 10:05:00 +0400", "… GMT"), RFC 850, asctime, compact
/// `20240619[1005[00]]`. Falls back to [`find_date`] for human-written
/// values ("19 يونيو 2024").
///
/// The local wall-clock date and time are kept as written; the offset is
/// never applied (an article at 23:30+03:00 stays on its day). Seconds are
/// dropped. Unix timestamps are not accepted (they have no local time).
pub fn parse_machine_date(s: &str) -> Option<Published> {
    machine::parse(s)
}

/// A relative date resolved against `anchor` (the fetch time): "منذ 3
/// ساعات", "منذ ساعتين", "منذ يومين", "قبل 5 دقائق", "منذ قليل", "أمس",
/// "أول أمس", "اليوم", "3 hours ago", "an hour ago", "yesterday", "today",
/// "just now". The first such expression in the text is used.
///
/// Seconds, minutes and hours give a time when the anchor has one (without
/// it, only whole days are subtracted and no time is returned). Days, weeks,
/// months (day clamped to the month's end) and years give a date; "أمس
/// الساعة 10:30" / "yesterday at 10:30" take the printed time. Number words
/// ("ثلاث ساعات") are not read.
pub fn resolve_relative(text: &str, anchor: Published) -> Option<Published> {
    relative::resolve(text, anchor)
}

/// The full date a URL's path spells ("/2020/03/11/…", "/2020-03-11-…",
/// "/news/2020_3_11/…"): year, month and day in that order, joined by one
/// kind of separator (`/`, `-` or `_`), not part of a longer number. Digit
/// runs without separators ("…/120200622120908039/…") are ids, not dates.
pub fn date_in_url(url: &str) -> Option<Published> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let b = path.as_bytes();
    let digits_at = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let year_len = digits_at(i);
        if year_len == 4 {
            if let Some(date) = ymd_after_year(path, i) {
                return Some(date);
            }
        }
        i += year_len;
    }
    None
}

/// `YYYY<sep>M[M]<sep>D[D]` starting at byte `i` of `path`, the day not
/// followed by another digit.
fn ymd_after_year(path: &str, i: usize) -> Option<Published> {
    let b = path.as_bytes();
    let year: i32 = path.get(i..i + 4)?.parse().ok()?;
    let sep = *b.get(i + 4)?;
    if !matches!(sep, b'/' | b'-' | b'_') {
        return None;
    }
    let number = |from: usize| -> Option<(u8, usize)> {
        let len = b
            .get(from..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=2).contains(&len) {
            return None;
        }
        Some((path[from..from + len].parse().ok()?, from + len))
    };
    let (month, j) = number(i + 5)?;
    if b.get(j) != Some(&sep) {
        return None;
    }
    let (day, _) = number(j + 1)?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    Published::new(year, month, day, None)
}

/// The fraction of a line's letters and digits that are date furniture:
/// dates and times (as found by [`find_dates`], Hijri included), relative
/// dates, weekday names, dateline labels ("تاريخ النشر", "نشر في", "آخر
/// تحديث", "Published on", "الموافق"), AM/PM and era markers and time-zone
/// words ("GMT", "بتوقيت غرينتش"). Spaces and punctuation count for nothing.
///
/// About 1.0 for a dateline ("الثلاثاء، 19 نوفمبر 2024 02:31 م"), low for a
/// body sentence that mentions a date; 0.0 when the line has no date, time
/// or relative date at all. The text extractor uses it to tell furniture
/// lines from body lines.
pub fn date_coverage(text: &str) -> f32 {
    coverage::coverage(text)
}
