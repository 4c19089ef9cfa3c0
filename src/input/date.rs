//! Calendar dates (`YYYY-MM-DD`) for the date-dependent rules. The core
//! never reads the clock: callers pass the date to evaluate against.

/// A valid proleptic-Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD` with a real month and day (leap years included).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            s.get(r)
                .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|p| p.parse().ok())
        };
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let date = Date {
            year: year as i32,
            month,
            day,
        };
        ((1..=12).contains(&month) && (1..=days_in_month(date.year, month)).contains(&day))
            .then_some(date)
    }

    /// The same day `months` later (clamped to the month's last day).
    pub fn plus_months(self, months: u32) -> Date {
        let total = self.year as i64 * 12 + (self.month as i64 - 1) + months as i64;
        let year = total.div_euclid(12) as i32;
        let month = total.rem_euclid(12) as u32 + 1;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_real_dates_only() {
        assert!(Date::parse("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "24-01-01",
            "2024-01-32",
            "２０２４-01-01",
            "",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn adds_months_with_clamping() {
        let d = |s| Date::parse(s).unwrap_or_else(|| panic!("{s}"));
        assert_eq!(d("2024-08-31").plus_months(6), d("2025-02-28"));
        assert_eq!(d("2023-12-15").plus_months(1), d("2024-01-15"));
        assert!(d("2024-01-01").plus_months(6) < d("2024-07-02"));
    }
}
