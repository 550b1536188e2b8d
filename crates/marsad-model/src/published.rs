use std::fmt;
use std::str::FromStr;

/// A publication date as the page prints it, in the page's local time.
///
/// Serialized as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`. There is deliberately no
/// time zone: converting to UTC would move late-evening articles to the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Published {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// Hour and minute, when the page gives them.
    pub time: Option<(u8, u8)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsePublishedError(String);

impl fmt::Display for ParsePublishedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a YYYY-MM-DD[THH:MM] date: {:?}", self.0)
    }
}

impl std::error::Error for ParsePublishedError {}

impl Published {
    /// A valid calendar date, or `None` (30 February, month 13, …).
    pub fn new(year: i32, month: u8, day: u8, time: Option<(u8, u8)>) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if let Some((h, m)) = time {
            if h > 23 || m > 59 {
                return None;
            }
        }
        Some(Published {
            year,
            month,
            day,
            time,
        })
    }

    /// The same day without the time of day.
    pub fn date_only(self) -> Self {
        Published { time: None, ..self }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic.
    pub fn days_from_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Published::days_from_epoch`].
    pub fn from_days_from_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Published {
            year,
            month,
            day,
            time: None,
        }
    }
}

pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some((h, m)) = self.time {
            write!(f, "T{h:02}:{m:02}")?;
        }
        Ok(())
    }
}

impl FromStr for Published {
    type Err = ParsePublishedError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParsePublishedError(s.to_string());
        let (date, time) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let mut parts = date.splitn(3, '-');
        let year: i32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(err)?;
        let month: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(err)?;
        let day: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(err)?;
        let time = match time {
            None => None,
            Some(t) => {
                let (h, m) = t.split_once(':').ok_or_else(err)?;
                // `get`, not slicing: the minutes may be followed by any text.
                let m = m.get(..2).unwrap_or(m);
                Some((h.parse().map_err(|_| err())?, m.parse().map_err(|_| err())?))
            }
        };
        Published::new(year, month, day, time).ok_or_else(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_both_shapes() {
        for s in ["2024-06-28", "2024-11-19T14:31", "2020-02-29"] {
            assert_eq!(s.parse::<Published>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!("2023-02-29".parse::<Published>().is_err());
        assert!("2024-13-01".parse::<Published>().is_err());
        assert!("2024-01-01T24:00".parse::<Published>().is_err());
        assert!("June 2024".parse::<Published>().is_err());
    }

    #[test]
    fn epoch_days_round_trip() {
        let d = Published::new(2024, 3, 1, None).unwrap();
        assert_eq!(d.days_from_epoch(), 19_783);
        assert_eq!(Published::from_days_from_epoch(19_783), d);
        let leap = Published::new(2024, 2, 29, None).unwrap();
        assert_eq!(
            Published::from_days_from_epoch(leap.days_from_epoch()),
            leap
        );
    }
}
