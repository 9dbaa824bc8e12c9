//! Lints on what vacancies and campaigns say, at `--now`: dates that do not add up, a closed
//! vacancy still featured, an application form that is not https, a campaign with nothing open,
//! a rolling advert past its review date or open too long, unlikely dates and pay, and vacancies
//! closing within three days.

use crate::diagnostics::Diagnostic;
use crate::input::dates::{self, Moment};
use crate::model::config::Site;
use crate::model::content::{Closes, Library, Period, Vacancy};
use crate::model::publish::{vacancy_status, RecruitmentDates, Rules, Status};

/// The most hours a week a post may ask for before it is worth a second look (the Working Time
/// Regulations' 48-hour average).
const MAX_WEEKLY_HOURS: f64 = 48.0;
/// A vacancy closing within this many days gets a note.
const NOTE_CLOSING_WITHIN_DAYS: i32 = 3;
/// A rolling advert open longer than this gets a warning.
const ROLLING_REVIEW_AFTER_DAYS: i32 = 90;

/// `every_vacancy` is false when some vacancy files were left out for their errors: a campaign
/// then cannot be said to have no open vacancies, since they may be among them.
pub fn lint(library: &Library, rules: &Rules, every_vacancy: bool) -> Vec<Diagnostic> {
    let tz = &library.site.timezone;
    let today = rules.now.to_zoned(tz.clone()).date();
    let mut found = Vec::new();
    for v in &library.vacancies {
        // The key starts its line: lints point at the key, column 1.
        let at = |key: &str| v.positions.of(key).0;
        let status = vacancy_status(v, rules);
        if v.hours > MAX_WEEKLY_HOURS {
            found.push(
                Diagnostic::warning(
                    &v.file,
                    format!("{} hours a week is more than the 48-hour limit", crate::output::format::number(v.hours)),
                )
                .at(at("hours"), 1)
                .field("hours")
                .rule("hours"),
            );
        }
        // The vacancy's own dates, or those it takes from its campaign (pointed at its
        // `campaign:` line, since that is what brings them in).
        let campaign =
            v.campaign.as_ref().and_then(|c| library.campaigns.iter().find(|x| x.stem == c.value && !x.draft));
        let recruitment = RecruitmentDates::of(v, campaign);
        let from = |own: bool| if own { None } else { campaign.map(|c| c.file.as_str()) };
        let mut dated: Vec<(&str, &Moment, Option<&str>)> =
            recruitment.shortlisting.map(|m| ("shortlisting", m, from(v.shortlisting.is_some()))).into_iter().collect();
        dated.extend(recruitment.interviews.iter().map(|m| ("interviews", m, from(!v.interviews.is_empty()))));
        for (key, moment, from) in dated {
            let (what, verb) = if key == "interviews" { ("Interviews", "are") } else { ("Shortlisting", "is") };
            let before_closing = v.closes.on().filter(|c| moment.start(tz) < c.end(tz) && moment.date() <= c.date());
            if let Some(closes) = before_closing {
                let message = format!(
                    "{what} on {} {verb} before the closing date, {}",
                    dates::long_moment(moment),
                    dates::long_moment(closes)
                );
                found.push(match from {
                    None => Diagnostic::warning(&v.file, message).at(at(key), 1).field(key).rule("dates"),
                    Some(file) => Diagnostic::warning(&v.file, format!("{message} (the date comes from {file})"))
                        .at(at("campaign"), 1)
                        .field("campaign")
                        .rule("dates")
                        .hint(format!("give this vacancy its own `{key}:` date, or move its closing date earlier")),
                });
            }
            if from.is_some() {
                continue;
            }
            if status == Status::Open && moment.date() < today {
                found.push(
                    Diagnostic::warning(
                        &v.file,
                        format!(
                            "{what} on {} {verb} in the past, but the vacancy is still open",
                            dates::long_moment(moment)
                        ),
                    )
                    .at(at(key), 1)
                    .field(key)
                    .rule("dates"),
                );
            }
        }
        if let (Status::Closed, true, Some(closes)) = (status, v.featured, v.closes.on()) {
            found.push(
                Diagnostic::warning(
                    &v.file,
                    format!("this vacancy closed on {} but is still marked featured", dates::long_date(closes.date())),
                )
                .at(at("featured"), 1)
                .field("featured")
                .rule("closed-featured")
                .hint("delete `featured: true`"),
            );
        }
        if !v.apply_url.starts_with("https://") {
            found.push(
                Diagnostic::warning(&v.file, "the application form's address is not https")
                    .at(at("apply_url"), 1)
                    .field("apply_url")
                    .rule("apply-https")
                    .hint("candidates send personal details through it: use its https:// address"),
            );
        }
        if status == Status::Open {
            found.extend(rolling(v, today));
        }
        found.extend(unlikely(v, &library.site, today, status));
        if status == Status::Open && closes_within(v, today, NOTE_CLOSING_WITHIN_DAYS) {
            found.push(
                Diagnostic::note(
                    &v.file,
                    format!("this vacancy {}", crate::output::format::closing(&v.closes, rules.now, tz).to_lowercase()),
                )
                .at(at("closes"), 1)
                .field("closes")
                .rule("closing-soon"),
            );
        }
    }
    // An `updated:` date ahead of now would tell boards an advert changed when it has not yet.
    let updates = library.vacancies.iter().map(|v| (&v.file, &v.updated));
    let updates = updates
        .chain(library.news.iter().map(|n| (&n.file, &n.updated)))
        .chain(library.events.iter().map(|e| (&e.file, &e.updated)));
    for (file, updated) in updates {
        if let Some(u) = updated.as_ref().filter(|u| u.value.start(tz) > rules.now) {
            found.push(
                Diagnostic::error(file, format!("`updated` is in the future: {}", dates::long_moment(&u.value)))
                    .at(u.line, u.column)
                    .field("updated")
                    .rule("dates")
                    .hint("give the date and time of the latest change, which has already happened"),
            );
        }
    }
    for c in &library.campaigns {
        let open = library
            .vacancies
            .iter()
            .filter(|v| v.campaign.as_ref().is_some_and(|x| x.value == c.stem))
            .filter(|v| vacancy_status(v, rules) == Status::Open)
            .count();
        if open == 0 && !c.draft && every_vacancy {
            found.push(
                Diagnostic::warning(&c.file, "this campaign has no open vacancies")
                    .at(1, 1)
                    .rule("empty-campaign")
                    .hint("add `campaign:` to the vacancies that belong to it, or mark the campaign `draft: true`"),
            );
        }
    }
    found
}

fn closes_within(v: &Vacancy, today: jiff::civil::Date, days: i32) -> bool {
    v.closes.on().is_some_and(|c| (c.date() - today).get_days() <= days)
}

/// An open rolling advert whose review date has passed, or that has been open for more than
/// [`ROLLING_REVIEW_AFTER_DAYS`]: candidates should not apply for a post that was filled long ago.
fn rolling(v: &Vacancy, today: jiff::civil::Date) -> Vec<Diagnostic> {
    let Closes::Rolling { review_by } = &v.closes else { return Vec::new() };
    let mut found = Vec::new();
    if review_by.value.date() < today {
        found.push(
            Diagnostic::warning(
                &v.file,
                format!("this rolling advert was due for review on {}", dates::long_moment(&review_by.value)),
            )
            .at(review_by.line, review_by.column)
            .field("review_by")
            .rule("rolling-review")
            .hint("if the post is still open, set `review_by:` to your next review date; if not, give `closes:` today's date"),
        );
    }
    let open_for = (today - v.posted.date()).get_days();
    if open_for > ROLLING_REVIEW_AFTER_DAYS {
        found.push(
            Diagnostic::warning(&v.file, format!("this rolling advert has been open for {open_for} days"))
                .at(v.positions.of("closes").0, 1)
                .field("closes")
                .rule("rolling-review")
                .hint(
                    "old adverts put candidates off: give `closes:` a date, or close this one and post a fresh advert",
                ),
        );
    }
    found
}

/// Dates and pay that are possible but unlikely, usually a slip of the keyboard: an advert running
/// more than a year, an open advert posted more than a year ago, pay below the site's
/// `salary_floor`, a maximum more than twice the minimum.
fn unlikely(v: &Vacancy, site: &Site, today: jiff::civil::Date, status: Status) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let at = |key: &str| v.positions.of(key);
    let warn = |key: &str, message: String, hint: &str| {
        let (line, column) = at(key);
        Diagnostic::warning(&v.file, message).at(line, column).field(key).rule("unlikely").hint(hint)
    };
    let year_after = |d: jiff::civil::Date| d.checked_add(jiff::ToSpan::years(1)).unwrap_or(d);
    if let Some(closes) = v.closes.on().filter(|c| c.date() > year_after(v.posted.date())) {
        let message =
            format!("the closing date, {}, is more than a year after the posting date", dates::long_moment(closes));
        found.push(warn("closes", message, "check the year: adverts usually run for weeks, not years"));
    }
    if status == Status::Open && year_after(v.posted.date()) < today {
        let message =
            format!("this open vacancy was posted more than a year ago, on {}", dates::long_moment(&v.posted));
        let hint = "check the year of `posted`; if the advert really is this old, close it and post a fresh one";
        found.push(warn("posted", message, hint));
    }
    let money = |amount: f64| crate::output::format::money(amount, &v.salary.currency);
    let per_year = v.salary.period.per_year(site.full_time_hours);
    if v.salary.min * per_year < site.salary_floor {
        let floor = format!("less than the lowest believable full-time pay ({} a year)", money(site.salary_floor));
        let message = match v.salary.period {
            Period::Year => format!("{} a year is {floor}", money(v.salary.min)),
            period => {
                let per = if period == Period::Hour { "an hour".to_string() } else { format!("a {}", period.name()) };
                let yearly = money((v.salary.min * per_year).round());
                format!("{} {per} is {yearly} a year full time, {floor}", money(v.salary.min))
            }
        };
        let hint =
            "check for a missing digit or the wrong `period`; if the pay is right, lower `salary_floor` in site.yaml";
        found.push(warn("salary.min", message, hint));
    }
    if let Some(max) = v.salary.max.filter(|max| *max > 2.0 * v.salary.min) {
        let message = format!("the maximum, {}, is more than twice the minimum, {}", money(max), money(v.salary.min));
        found.push(warn("salary.max", message, "check for an extra digit in `max` or a missing one in `min`"));
    }
    found
}
