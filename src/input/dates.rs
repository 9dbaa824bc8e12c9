//! Reads the dates editors write (a day, or a day and time) in the site's time zone, and words them.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// A date as written in front matter: a whole day, or a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moment {
    Day(Date),
    Time(Zoned),
}

impl Moment {
    /// The calendar day, in the site's time zone.
    pub fn date(&self) -> Date {
        match self {
            Moment::Day(d) => *d,
            Moment::Time(z) => z.date(),
        }
    }

    /// When this moment begins: midnight for a day.
    pub fn start(&self, tz: &TimeZone) -> Timestamp {
        match self {
            Moment::Day(d) => start_of_day(*d, tz),
            Moment::Time(z) => z.timestamp(),
        }
    }

    /// The first instant after this moment: the next midnight for a day ("until the end of that day").
    pub fn end(&self, tz: &TimeZone) -> Timestamp {
        match self {
            Moment::Day(d) => start_of_day(d.tomorrow().unwrap_or(*d), tz),
            Moment::Time(z) => z.timestamp(),
        }
    }

    /// The last second covered, as a zoned time: 23:59:59 for a day.
    pub fn last_second(&self, tz: &TimeZone) -> Zoned {
        match self {
            Moment::Day(d) => {
                d.at(23, 59, 59, 0).to_zoned(tz.clone()).unwrap_or_else(|_| self.end(tz).to_zoned(tz.clone()))
            }
            Moment::Time(z) => z.clone(),
        }
    }

    /// Whether a time of day was given.
    pub fn has_time(&self) -> bool {
        matches!(self, Moment::Time(_))
    }
}

fn start_of_day(d: Date, tz: &TimeZone) -> Timestamp {
    d.to_zoned(tz.clone()).map(|z| z.timestamp()).unwrap_or(Timestamp::MIN)
}

/// Reads `text` as `2026-12-07`, `2026-12-07 17:00`, `2026-12-07T17:00:00` (local time in `tz`) or
/// with an offset (`2026-12-07T17:00:00+00:00`, `…Z`). The error says, in plain English, what is wrong.
pub fn parse(text: &str, tz: &TimeZone) -> Result<Moment, NotAMoment> {
    let text = text.trim();
    if text.len() == 10 {
        return text.parse::<Date>().map(Moment::Day).map_err(|_| not_a_date(text));
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(Moment::Time(ts.to_zoned(tz.clone())));
    }
    let normalised = text.replacen(' ', "T", 1);
    let dt: DateTime = normalised.parse().map_err(|_| not_a_date(text))?;
    let ambiguous = tz.to_ambiguous_zoned(dt);
    if ambiguous.is_ambiguous() {
        let name = tz.iana_name().unwrap_or("the site time zone");
        let why = if matches!(ambiguous.offset(), jiff::tz::AmbiguousOffset::Gap { .. }) {
            "does not exist: the clocks go forward then"
        } else {
            "happens twice: the clocks go back then"
        };
        return Err(NotAMoment(format!(
            "{text} {why} in {name}; choose another time or add an offset, such as {text}+01:00"
        )));
    }
    ambiguous.unambiguous().map(Moment::Time).map_err(|e| NotAMoment(e.to_string()))
}

/// Why a text is not a date or time, in plain English (the caller adds the file, line and key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAMoment(pub String);

impl std::fmt::Display for NotAMoment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotAMoment {}

fn not_a_date(text: &str) -> NotAMoment {
    // Written the right way but naming a day the calendar does not have (30 February).
    let parts: Vec<Option<i16>> = text.get(..10).unwrap_or("").split('-').map(|p| p.parse().ok()).collect();
    if let [Some(year), Some(month @ 1..=12), Some(day)] = parts[..] {
        let first = Date::new(year, month as i8, 1).ok();
        if let Some(last) = first.map(|f| f.days_in_month()).filter(|last| day > *last as i16 || day < 1) {
            let name = first.map(|f| f.strftime("%B %Y").to_string()).unwrap_or_default();
            return NotAMoment(format!("`{text}` is not a real date: {name} has {last} days"));
        }
    }
    NotAMoment(format!("`{text}` is not a real date; write it as YYYY-MM-DD, such as 2026-12-07, optionally with a 24-hour time, such as 2026-12-07 17:00"))
}

/// "7 December 2026".
pub fn long_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// "5pm", "9:30am", "12pm" (GOV.UK style).
pub fn clock_time(z: &Zoned) -> String {
    let (h, m) = (z.hour(), z.minute());
    let suffix = if h < 12 { "am" } else { "pm" };
    let h12 = match h % 12 {
        0 => 12,
        x => x,
    };
    if m == 0 {
        format!("{h12}{suffix}")
    } else {
        format!("{h12}:{m:02}{suffix}")
    }
}

/// "7 December 2026", or "5pm on 7 December 2026" when a time was given.
pub fn long_moment(m: &Moment) -> String {
    match m {
        Moment::Day(d) => long_date(*d),
        Moment::Time(z) => format!("{} on {}", clock_time(z), long_date(z.date())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london() -> TimeZone {
        TimeZone::get("Europe/London").unwrap()
    }

    #[test]
    fn a_day_the_month_does_not_have_is_named_as_such() {
        let e = parse("2026-02-30", &london()).unwrap_err();
        assert_eq!(e.0, "`2026-02-30` is not a real date: February 2026 has 28 days");
        assert!(parse("2026-13-01", &london()).unwrap_err().0.contains("write it as YYYY-MM-DD"));
        assert!(parse("07/12/2026", &london()).unwrap_err().0.contains("write it as YYYY-MM-DD"));
    }

    #[test]
    fn reads_days_and_local_times() {
        assert_eq!(parse("2026-12-07", &london()).unwrap().date().to_string(), "2026-12-07");
        let m = parse("2026-07-01 17:00", &london()).unwrap();
        assert_eq!(m.start(&london()).to_string(), "2026-07-01T16:00:00Z");
        let m = parse("2026-07-01T17:00:00Z", &london()).unwrap();
        assert_eq!(m.start(&london()).to_string(), "2026-07-01T17:00:00Z");
    }

    #[test]
    fn a_day_lasts_until_the_next_midnight() {
        let m = parse("2026-07-01", &london()).unwrap();
        assert_eq!(m.end(&london()).to_string(), "2026-07-01T23:00:00Z");
        assert_eq!(m.last_second(&london()).to_string(), "2026-07-01T23:59:59+01:00[Europe/London]");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(parse("2026-02-29", &london()).unwrap_err().0.contains("not a real date"));
        assert!(parse("2026-03-01 24:00", &london()).is_err());
        assert!(parse("next week", &london()).is_err());
    }

    #[test]
    fn the_missing_hour_in_spring_is_refused() {
        let e = parse("2026-03-29 01:30", &london()).unwrap_err().0;
        assert!(e.contains("clocks go forward"), "{e}");
        let e = parse("2026-10-25 01:30", &london()).unwrap_err().0;
        assert!(e.contains("clocks go back"), "{e}");
    }

    #[test]
    fn words_dates_the_govuk_way() {
        let tz = london();
        assert_eq!(long_moment(&parse("2026-12-07", &tz).unwrap()), "7 December 2026");
        assert_eq!(long_moment(&parse("2026-12-07 17:00", &tz).unwrap()), "5pm on 7 December 2026");
        assert_eq!(long_moment(&parse("2026-12-07 09:30", &tz).unwrap()), "9:30am on 7 December 2026");
        assert_eq!(long_moment(&parse("2026-12-07 12:00", &tz).unwrap()), "12pm on 7 December 2026");
    }
}
