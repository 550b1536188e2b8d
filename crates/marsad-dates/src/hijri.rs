//! Hijri → Gregorian with the tabular (arithmetic) Islamic calendar.
//!
//! The tabular calendar (30-year cycle, leap years 2, 5, 7, 10, 13, 16, 18,
//! 21, 24, 26, 29; civil epoch 16 July 622 Julian) can differ by one day,
//! rarely two, from the moon-sighting or Umm al-Qura dates a newspaper
//! prints. Good enough to place an article; when the page also prints the
//! Gregorian date, find_dates uses that instead.

use marsad_model::Published;

/// Days from 1 Muharram 1 AH (JD 1948439.5) to 1970-01-01 (JD 2440587.5),
/// plus one because Hijri days count from 1.
const EPOCH_OFFSET: i64 = 492_149;

/// The Gregorian date of a Hijri date. Day 30 is accepted in every month
/// (observed months can have 30 days where the tabular one has 29).
pub(crate) fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<Published> {
    if year < 1 || !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let y = i64::from(year);
    let m = i64::from(month);
    let days =
        i64::from(day) + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y) / 30 - EPOCH_OFFSET;
    Some(Published::from_days_from_epoch(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(y: i32, m: u8, d: u8) -> Published {
        Published::new(y, m, d, None).unwrap()
    }

    #[test]
    fn known_conversions() {
        assert_eq!(hijri_to_gregorian(1, 1, 1), Some(g(622, 7, 19))); // proleptic Gregorian of 16 July 622 Julian
        assert_eq!(hijri_to_gregorian(1441, 10, 11), Some(g(2020, 6, 3)));
        assert_eq!(hijri_to_gregorian(1445, 9, 1), Some(g(2024, 3, 11)));
        // Umm al-Qura: 1 Muharram 1446 = 7 July 2024; tabular is one day later.
        assert_eq!(hijri_to_gregorian(1446, 1, 1), Some(g(2024, 7, 8)));
    }

    #[test]
    fn rejects_impossible() {
        assert_eq!(hijri_to_gregorian(1441, 13, 1), None);
        assert_eq!(hijri_to_gregorian(1441, 1, 31), None);
        assert_eq!(hijri_to_gregorian(1441, 1, 0), None);
    }
}
