//! How much of a line is date furniture.

use crate::lexicon::{FURNITURE, TIME_ZONE, ZONE_INTRO};
use crate::relative::find_relative;
use crate::scan;
use crate::text::has_digit;
use crate::tokens::Tokens;

/// A digit-free line longer than this cannot be a relative-date line
/// ("منذ 3 ساعات" has digits; "منذ يومين", "أمس" are short).
const MAX_DIGITLESS_DATE_LINE_BYTES: usize = 64;

pub(crate) fn coverage(text: &str) -> f32 {
    let digits = has_digit(text);
    if !digits && text.len() > MAX_DIGITLESS_DATE_LINE_BYTES {
        return 0.0;
    }
    let t = Tokens::new(text);
    let (times, dates) = if digits {
        let times = scan::times(&t);
        let dates = scan::candidates(&t, &times);
        (times, dates)
    } else {
        (Vec::new(), Vec::new())
    };
    let relative = find_relative(&t);
    if dates.is_empty() && times.is_empty() && relative.is_none() {
        return 0.0;
    }
    let mut covered = vec![false; t.len()];
    let spans = dates
        .iter()
        .map(|d| (d.first, d.last))
        .chain(times.iter().map(|s| (s.first, s.last)))
        .chain(relative.map(|r| (r.first, r.last)));
    for (first, last) in spans {
        covered[first..last.min(t.len())].fill(true);
    }
    // "بتوقيت القدس", "بتوقيت مكة المكرمة": the zone's name is furniture too.
    for k in 0..t.len() {
        if t.has(k, ZONE_INTRO) && t.word(k + 1).is_some() {
            covered[k + 1] = true;
            if t.has(k + 2, TIME_ZONE) {
                covered[k + 2] = true;
            }
        }
    }
    let (mut hit, mut total) = (0usize, 0usize);
    for (i, &cov) in covered.iter().enumerate() {
        let n = t.alnum_chars(i);
        total += n;
        if cov || t.has(i, FURNITURE) {
            hit += n;
        }
    }
    if total == 0 {
        0.0
    } else {
        hit as f32 / total as f32
    }
}
