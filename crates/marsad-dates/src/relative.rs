//! Relative dates ("منذ 3 ساعات", "أمس", "3 hours ago") resolved against the
//! fetch time.

use marsad_model::Published;

use crate::lexicon::{
    lexicon, Unit, ENGLISH_JUST_NOW, JUST_NOW, ONE, REL_FILLER, REL_PREFIX, REL_SUFFIX, TODAY,
    YESTERDAY,
};
use crate::scan;
use crate::tokens::Tokens;

/// Larger amounts are not publication dates ("منذ 100000 عام").
const MAX_AMOUNT: u32 = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relative {
    /// `amount` units before the anchor.
    Ago(i64, Unit),
    /// A calendar day this many days before the anchor's (0 = today).
    DaysBack(i64),
    /// "منذ قليل", "just now": the anchor itself.
    JustNow,
}

/// A relative expression in tokens `first..last`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RelativeSpan {
    pub first: usize,
    pub last: usize,
    pub kind: Relative,
}

/// The first relative expression in the tokens.
pub(crate) fn find_relative(t: &Tokens) -> Option<RelativeSpan> {
    (0..t.len()).find_map(|i| relative_at(t, i))
}

fn amount(t: &Tokens, i: usize) -> Option<i64> {
    t.num(i)
        .filter(|(n, _)| *n <= MAX_AMOUNT)
        .map(|(n, _)| i64::from(n))
}

fn relative_at(t: &Tokens, i: usize) -> Option<RelativeSpan> {
    let span = |last: usize, kind: Relative| {
        Some(RelativeSpan {
            first: i,
            last,
            kind,
        })
    };
    if let Some(n) = amount(t, i) {
        // "3 hours ago"
        let unit = t.lexeme(i + 1)?.unit?;
        return if t.has(i + 2, REL_SUFFIX) {
            span(i + 3, Relative::Ago(n, unit))
        } else {
            None
        };
    }
    let lex = lexicon();
    let w = t.word(i)?;
    let flags = lex.get(w).map_or(0, |l| l.flags);
    if flags & REL_PREFIX != 0 {
        // "منذ 3 ساعات", "منذ نحو ساعتين", "قبل يوم", "منذ قليل"
        let mut j = i + 1;
        if t.has(j, REL_FILLER) {
            j += 1;
        }
        if let Some(n) = amount(t, j) {
            let unit = t.lexeme(j + 1)?.unit?;
            return span(j + 2, Relative::Ago(n, unit));
        }
        let next = t.lexeme(j)?;
        return match (next.dual, next.unit) {
            (Some(u), _) => span(j + 1, Relative::Ago(2, u)),
            (None, Some(u)) => span(j + 1, Relative::Ago(1, u)),
            _ if next.flags & JUST_NOW != 0 => span(j + 1, Relative::JustNow),
            _ => None,
        };
    }
    if flags & ONE != 0 {
        // "an hour ago"
        let unit = t.lexeme(i + 1)?.unit?;
        return if t.has(i + 2, REL_SUFFIX) {
            span(i + 3, Relative::Ago(1, unit))
        } else {
            None
        };
    }
    if let Some(next) = t.word(i + 1) {
        if ENGLISH_JUST_NOW.contains(&(w, next)) {
            return span(i + 2, Relative::JustNow);
        }
    }
    if lex.is_before_yesterday_head(w) {
        // "أول أمس", "أول من أمس"
        let j = if t.word(i + 1) == Some("من") {
            i + 2
        } else {
            i + 1
        };
        return if t.has(j, YESTERDAY) {
            span(j + 1, Relative::DaysBack(2))
        } else {
            None
        };
    }
    if flags & YESTERDAY != 0 {
        return span(i + 1, Relative::DaysBack(1));
    }
    if flags & TODAY != 0 {
        return span(i + 1, Relative::DaysBack(0));
    }
    None
}

fn shift_days(anchor: Published, days: i64) -> Published {
    Published::from_days_from_epoch(anchor.days_from_epoch() + days)
}

/// `secs` seconds before the anchor; without an anchor time, whole days only.
fn minus_seconds(anchor: Published, secs: i64) -> Published {
    let Some((h, m)) = anchor.time else {
        return shift_days(anchor, -(secs / 86_400));
    };
    let start = (anchor.days_from_epoch() * 1440 + i64::from(h) * 60 + i64::from(m)) * 60;
    let minutes = (start - secs).div_euclid(60);
    let of_day = minutes.rem_euclid(1440);
    Published {
        time: Some(((of_day / 60) as u8, (of_day % 60) as u8)),
        ..Published::from_days_from_epoch(minutes.div_euclid(1440))
    }
}

/// `n` calendar months before the anchor, the day clamped to the month's end.
fn minus_months(anchor: Published, n: i64) -> Option<Published> {
    let total = i64::from(anchor.year) * 12 + i64::from(anchor.month) - 1 - n;
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = (total.rem_euclid(12) + 1) as u8;
    (1..=anchor.day)
        .rev()
        .find_map(|d| Published::new(year, month, d, None))
}

pub(crate) fn resolve(text: &str, anchor: Published) -> Option<Published> {
    let t = Tokens::new(text);
    let rel = find_relative(&t)?;
    match rel.kind {
        Relative::JustNow => Some(anchor),
        Relative::Ago(n, unit) => match unit {
            Unit::Second => Some(minus_seconds(anchor, n)),
            Unit::Minute => Some(minus_seconds(anchor, n * 60)),
            Unit::Hour => Some(minus_seconds(anchor, n * 3600)),
            Unit::Day => Some(shift_days(anchor, -n)),
            Unit::Week => Some(shift_days(anchor, -7 * n)),
            Unit::Month => minus_months(anchor, n),
            Unit::Year => minus_months(anchor, 12 * n),
        },
        Relative::DaysBack(d) => {
            let day = shift_days(anchor, -d);
            // "أمس الساعة 10:30", "yesterday at 10:30"
            let times = scan::times(&t);
            let time =
                scan::time_after(&t, rel.last, &times).map(|i| (times[i].hour, times[i].minute));
            Some(Published { time, ..day })
        }
    }
}
