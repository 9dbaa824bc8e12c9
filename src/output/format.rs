//! Words figures the way people write them: salaries, hours and closing dates.

use crate::input::dates::{self, Moment};
use crate::model::content::{Closes, Period, Salary};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// `n` as a whole number, when it is one (and small enough to be exact), for JSON output
/// (`37035`, not `37035.0`).
pub fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 9.0e15).then_some(n as i64)
}

/// "£37,035", "£28.50", "CHF 1,200".
pub fn money(amount: f64, currency: &str) -> String {
    // Written into one string: salaries are formatted for every page and feed that shows them.
    let mut out = String::with_capacity(16);
    match currency {
        "GBP" => out.push('£'),
        "EUR" => out.push('€'),
        "USD" => out.push('$'),
        _ => {
            out.push_str(currency);
            out.push(' ');
        }
    }
    if amount.fract() == 0.0 {
        push_grouped(&mut out, amount as u64);
    } else {
        push_grouped(&mut out, amount.trunc() as u64);
        let pence = ((amount.fract() * 100.0).round() as u64).min(99);
        out.push('.');
        out.push(char::from(b'0' + (pence / 10) as u8));
        out.push(char::from(b'0' + (pence % 10) as u8));
    }
    out
}

/// Appends `n` with a comma between each group of three digits: "37,035".
fn push_grouped(out: &mut String, n: u64) {
    let digits = n.to_string();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
}

fn per(period: Period) -> &'static str {
    match period {
        Period::Year => "a year",
        Period::Month => "a month",
        Period::Week => "a week",
        Period::Day => "a day",
        Period::Hour => "an hour",
    }
}

/// "£37,035 to £41,418 a year", "£28.50 an hour".
pub fn salary(s: &Salary) -> String {
    match s.max {
        Some(max) if max > s.min => {
            format!("{} to {} {}", money(s.min, &s.currency), money(max, &s.currency), per(s.period))
        }
        _ => format!("{} {}", money(s.min, &s.currency), per(s.period)),
    }
}

/// The salary as a vacancy advertises it: "£37,035 to £41,418 a year", with ", pro rata" when
/// the figures are full-time-equivalent and the post is part-time.
pub fn advertised_salary(s: &Salary, hours: f64, full_time_hours: f64) -> String {
    match s.pro_rata(hours, full_time_hours) {
        Some(_) => format!("{}, pro rata", salary(s)),
        None => salary(s),
    }
}

/// What a part-time post actually pays: "£22,521.28 to £25,186.62 a year for 22.5 hours a week",
/// or `None` when the post is not pro-rated.
pub fn actual_salary(s: &Salary, hours: f64, full_time_hours: f64) -> Option<String> {
    s.pro_rata(hours, full_time_hours).map(|actual| format!("{} for {} hours a week", salary(&actual), number(hours)))
}

/// "37", "22.5".
pub fn number(n: f64) -> String {
    // Most hours are whole: written as an integer, they skip the float formatting with a
    // precision, which was 1.5% of a build's instructions.
    if let Some(whole) = whole(n) {
        return whole.to_string();
    }
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn is_part_time(hours: f64, full_time_hours: f64) -> bool {
    hours < full_time_hours
}

/// "Full-time, 37 hours", "Part-time, 22.5 hours".
pub fn hours(hours: f64, full_time_hours: f64) -> String {
    let kind = if is_part_time(hours, full_time_hours) { "Part-time" } else { "Full-time" };
    let unit = if hours == 1.0 { "hour" } else { "hours" };
    format!("{kind}, {} {unit}", number(hours))
}

/// "Closes today", "Closes tomorrow", "Closes in 3 days" (within a week), else "Closes 7 December 2026".
/// A time of day is added when one was given: "Closes today at 5pm".
/// A vacancy's working patterns as people read them ("Part-time, Job share"), and whether they say
/// more than full-time or part-time (a flexible pattern worth showing beside the hours).
pub fn working_pattern(v: &crate::model::content::Vacancy) -> (String, bool) {
    use crate::model::content::WorkingPattern::{FullTime, PartTime};
    let labels: Vec<&str> = v.working_pattern.iter().map(|p| p.label()).collect();
    (labels.join(", "), v.working_pattern.iter().any(|p| !matches!(p, FullTime | PartTime)))
}

/// Extra pay as people read it: "£3,000 recruitment payment (after probation)".
pub fn payment(p: &crate::model::content::Payment, currency: &str) -> String {
    match &p.note {
        Some(note) => format!("{} {} ({note})", money(p.amount, currency), p.description),
        None => format!("{} {}", money(p.amount, currency), p.description),
    }
}

/// A vacancy's extra pay in one line, or `None` when it has none.
pub fn payments(v: &crate::model::content::Vacancy) -> Option<String> {
    let list: Vec<String> = v.payments.iter().map(|p| payment(p, &v.salary.currency)).collect();
    (!list.is_empty()).then(|| list.join("; "))
}

/// What the post needs or offers beyond pay and hours, as (label, text): the DBS check, a
/// registration, visa sponsorship and driving, each where the advert (or site.yaml's defaults) says.
pub fn requirements(v: &crate::model::content::Vacancy) -> Vec<(&'static str, String)> {
    let mut list = Vec::new();
    if let Some(dbs) = v.dbs {
        list.push(("DBS check", dbs.label().to_string()));
    }
    if let Some(registration) = &v.registration {
        list.push(("Registration", format!("Registration with {registration}")));
    }
    if let Some(sponsor) = v.visa_sponsorship {
        list.push(("Visa sponsorship", visa_sponsorship(sponsor).to_string()));
    }
    if v.driving {
        list.push(("Driving", "You need a driving licence or a way to travel around the area".to_string()));
    }
    list
}

/// What an advert says about visa sponsorship.
pub fn visa_sponsorship(available: bool) -> &'static str {
    if available {
        "We can sponsor a Skilled Worker visa for this role"
    } else {
        "We cannot sponsor a visa for this role: you need the right to work in the UK"
    }
}

/// What a rolling advert says where others give their closing date.
pub const ROLLING: &str = "Open until filled";
/// What a rolling advert adds, so candidates know not to wait.
pub const ROLLING_NOTE: &str = "we review applications as they arrive, so apply early";

/// The closing date in full ("Monday 7 December 2026"), or that the advert is open until filled.
pub fn closes(closes: &Closes) -> String {
    match closes.on() {
        Some(m) => dates::long_moment(m),
        None => ROLLING.to_string(),
    }
}

/// How soon an advert closes, as a card says it ("Closes tomorrow at 5pm", "Open until filled").
pub fn closing(closes: &Closes, now: Timestamp, tz: &TimeZone) -> String {
    match closes.on() {
        Some(m) => closing_on(m, now, tz),
        None => ROLLING.to_string(),
    }
}

fn closing_on(closes: &Moment, now: Timestamp, tz: &TimeZone) -> String {
    let today = now.to_zoned(tz.clone()).date();
    let day = closes.date();
    let days = (day - today).get_days();
    let at = match closes {
        Moment::Time(z) => format!(" at {}", dates::clock_time(z)),
        Moment::Day(_) => String::new(),
    };
    match days {
        0 => format!("Closes today{at}"),
        1 => format!("Closes tomorrow{at}"),
        2..=7 => format!("Closes in {days} days{at}"),
        _ => format!("Closes {}", dates::long_moment(closes)),
    }
}

/// `tel:` and the number's digits (a leading `+` kept, and the "(0)" UK numbers write after the
/// country code dropped): "01632 960 123" → `tel:01632960123`; none for text with no number.
pub fn tel(phone: &str) -> Option<String> {
    let plus = phone.trim_start().starts_with('+');
    let digits: String = phone.replace("(0)", "").chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 3).then(|| format!("tel:{}{digits}", if plus { "+" } else { "" }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn phone_numbers_become_tel_addresses() {
        assert_eq!(super::tel("01632 960 123").as_deref(), Some("tel:01632960123"));
        assert_eq!(super::tel("+44 (0)1632 960123").as_deref(), Some("tel:+441632960123"));
        assert_eq!(super::tel("ask at reception"), None);
    }
    use super::*;

    #[test]
    fn numbers_are_written_as_people_write_them_whole_or_not() {
        assert_eq!(number(37.0), "37");
        assert_eq!(number(22.5), "22.5");
        assert_eq!(number(7.25), "7.25");
        assert_eq!(number(36.999), "37");
        assert_eq!(number(0.0), "0");
        // The whole-number shortcut writes what the two-place formatting would.
        for quarters in 0..5000 {
            let n = f64::from(quarters) / 4.0;
            let formatted = format!("{n:.2}");
            assert_eq!(number(n), formatted.trim_end_matches('0').trim_end_matches('.'), "{n}");
        }
    }

    fn sal(min: f64, max: Option<f64>, period: Period) -> Salary {
        Salary { min, max, period, currency: "GBP".into(), note: None }
    }

    #[test]
    fn salaries_read_as_people_write_them() {
        assert_eq!(salary(&sal(37035.0, Some(41418.0), Period::Year)), "£37,035 to £41,418 a year");
        assert_eq!(salary(&sal(28.5, None, Period::Hour)), "£28.50 an hour");
        assert_eq!(salary(&sal(1234567.0, None, Period::Month)), "£1,234,567 a month");
        assert_eq!(money(950.0, "CHF"), "CHF 950");
        assert_eq!(money(22521.28, "GBP"), "£22,521.28");
        assert_eq!(money(0.07, "USD"), "$0.07");
        assert_eq!(money(100.999, "EUR"), "€100.99", "pence never round up to a hundred");
        assert_eq!(money(999999.5, "GBP"), "£999,999.50");
    }

    #[test]
    fn hours_say_full_or_part_time() {
        assert_eq!(hours(37.0, 37.0), "Full-time, 37 hours");
        assert_eq!(hours(22.5, 37.0), "Part-time, 22.5 hours");
    }

    #[test]
    fn closing_is_relative_within_a_week() {
        let tz = TimeZone::get("Europe/London").unwrap();
        let now: Timestamp = "2026-11-22T10:00:00Z".parse().unwrap();
        let day = |s: &str| Closes::On(dates::parse(s, &tz).unwrap());
        assert_eq!(closing(&day("2026-11-22"), now, &tz), "Closes today");
        assert_eq!(closing(&day("2026-11-23"), now, &tz), "Closes tomorrow");
        assert_eq!(closing(&day("2026-11-25"), now, &tz), "Closes in 3 days");
        assert_eq!(closing(&day("2026-12-07"), now, &tz), "Closes 7 December 2026");
        assert_eq!(closing(&day("2026-11-22 17:00"), now, &tz), "Closes today at 5pm");
        let review_by =
            crate::model::content::Located { value: dates::parse("2026-11-23", &tz).unwrap(), line: 1, column: 1 };
        let rolling = Closes::Rolling { review_by };
        assert_eq!((closing(&rolling, now, &tz), closes(&rolling)), (ROLLING.to_string(), ROLLING.to_string()));
    }
}
