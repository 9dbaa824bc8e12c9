//! A vacancy (`content/jobs/*.md`): its raw front matter and the checked `Vacancy`.

use super::document::{self, Body};
use super::{Located, Positions};
use crate::diagnostics::Diagnostic;
use crate::input::dates::Moment;
use crate::input::fields::{Fields, OneOrMany};
use crate::input::markdown::Rendered;
use crate::input::yaml::{line_of, Schema};
use crate::model::config::Site;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// How often a salary figure is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year,
    Month,
    Week,
    Day,
    Hour,
}

impl Period {
    pub const NAMES: [&'static str; 5] = ["year", "month", "week", "day", "hour"];
    const ALL: [Period; 5] = [Period::Year, Period::Month, Period::Week, Period::Day, Period::Hour];

    pub fn name(self) -> &'static str {
        Period::NAMES[self as usize]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Salary {
    pub min: f64,
    pub max: Option<f64>,
    pub period: Period,
    pub currency: String,
    pub note: Option<String>,
}

impl Salary {
    /// What a post of `hours` a week actually pays, when the figures are full-time-equivalent
    /// (as councils advertise them) and the post is part-time: the figures scaled by
    /// `hours / full_time_hours`, to the penny. `None` for a full-time post, and for daily and
    /// hourly rates, which are never pro-rated.
    pub fn pro_rata(&self, hours: f64, full_time_hours: f64) -> Option<Salary> {
        let scaled = matches!(self.period, Period::Year | Period::Month | Period::Week);
        if !scaled || hours >= full_time_hours || full_time_hours <= 0.0 {
            return None;
        }
        let share = |figure: f64| (figure * hours / full_time_hours * 100.0).round() / 100.0;
        Some(Salary {
            min: share(self.min),
            max: self.max.map(share),
            period: self.period,
            currency: self.currency.clone(),
            note: None,
        })
    }
}

impl Vacancy {
    /// What the post actually pays for its hours: the pro-rated figures of a part-time post,
    /// else the salary as advertised. What Google, Indeed and other boards ask for.
    pub fn actual_pay(&self, full_time_hours: f64) -> Salary {
        self.salary.pro_rata(self.hours, full_time_hours).unwrap_or_else(|| self.salary.clone())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contract {
    Permanent,
    FixedTerm,
    Secondment,
    Temporary,
}

impl Contract {
    pub const NAMES: [&'static str; 4] = ["permanent", "fixed-term", "secondment", "temporary"];
    pub const ALL: [Contract; 4] =
        [Contract::Permanent, Contract::FixedTerm, Contract::Secondment, Contract::Temporary];

    pub fn name(self) -> &'static str {
        Contract::NAMES[self as usize]
    }

    /// "Fixed term", for people.
    pub fn label(self) -> &'static str {
        ["Permanent", "Fixed term", "Secondment", "Temporary"][self as usize]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A checked vacancy. Indexes point into the site's `levels`, `teams` and `locations`.
#[derive(Debug, Clone)]
pub struct Vacancy {
    pub stem: String,
    pub file: String,
    /// Where each key was written, for lints.
    pub positions: Positions,
    pub title: String,
    pub reference: Located<String>,
    pub level: usize,
    pub team: usize,
    pub locations: Vec<usize>,
    pub salary: Salary,
    pub grade: Option<String>,
    pub hours: f64,
    pub contract: Contract,
    pub hybrid: bool,
    pub posted: Moment,
    pub closes: Moment,
    /// When it is published: `posted`, at midnight if only a date was given, in the site's zone.
    pub posted_at: jiff::Timestamp,
    /// The first moment it is closed: the midnight after a date-only `closes`.
    pub closes_at: jiff::Timestamp,
    /// `updated:` as written: when the advert last changed in a way readers should see.
    pub updated: Option<Located<Moment>>,
    /// When the advert last changed: the later of `posted` and `updated` (or, without
    /// `updated`, the file's last commit). Feeds' `date_modified` and the sitemap's `lastmod`.
    pub changed_at: jiff::Timestamp,
    pub shortlisting: Option<Moment>,
    pub interviews: Vec<Moment>,
    pub apply_url: String,
    pub contact: Option<Contact>,
    pub campaign: Option<Located<String>>,
    pub benefits: Vec<Located<String>>,
    pub summary: String,
    pub featured: bool,
    pub internal_only: bool,
    pub draft: bool,
    pub body: Rendered,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn salary(min: f64, max: Option<f64>, period: Period) -> Salary {
        Salary { min, max, period, currency: "GBP".into(), note: None }
    }

    #[test]
    fn part_time_pay_is_the_full_time_figure_scaled_by_the_hours() {
        let actual = salary(37035.0, Some(41418.0), Period::Year).pro_rata(22.5, 37.0).unwrap();
        assert_eq!((actual.min, actual.max), (22521.28, Some(25186.62)));
        assert_eq!(salary(3000.0, None, Period::Month).pro_rata(18.5, 37.0).unwrap().min, 1500.0);
    }

    #[test]
    fn full_time_posts_and_daily_or_hourly_rates_are_never_pro_rated() {
        assert_eq!(salary(37035.0, None, Period::Year).pro_rata(37.0, 37.0), None);
        assert_eq!(salary(28.5, None, Period::Hour).pro_rata(10.0, 37.0), None);
        assert_eq!(salary(250.0, None, Period::Day).pro_rata(10.0, 37.0), None);
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVacancy {
    title: Option<Spanned<String>>,
    reference: Option<Spanned<String>>,
    level: Option<Spanned<String>>,
    team: Option<Spanned<String>>,
    location: Option<Spanned<OneOrMany<Spanned<String>>>>,
    salary: Option<Spanned<RawSalary>>,
    grade: Option<Spanned<String>>,
    hours: Option<Spanned<f64>>,
    contract: Option<Spanned<String>>,
    hybrid: Option<Spanned<bool>>,
    posted: Option<Spanned<String>>,
    closes: Option<Spanned<String>>,
    updated: Option<Spanned<String>>,
    shortlisting: Option<Spanned<String>>,
    interviews: Option<Spanned<OneOrMany<Spanned<String>>>>,
    apply_url: Option<Spanned<String>>,
    contact: Option<Spanned<RawContact>>,
    campaign: Option<Spanned<String>>,
    benefits: Option<Spanned<Vec<Spanned<String>>>>,
    summary: Option<Spanned<String>>,
    featured: Option<Spanned<bool>>,
    internal_only: Option<Spanned<bool>>,
    draft: Option<Spanned<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSalary {
    min: Option<Spanned<f64>>,
    max: Option<Spanned<f64>>,
    period: Option<Spanned<String>>,
    currency: Option<Spanned<String>>,
    note: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    name: Option<Spanned<String>>,
    email: Option<Spanned<String>>,
    phone: Option<Spanned<String>>,
}

pub const SCHEMA: Schema = &[
    ("title", "the job title, as text"),
    ("reference", "the vacancy's reference, such as NCC-2026-014"),
    ("level", "one of the `levels` in site.yaml"),
    ("team", "one of the `teams` in site.yaml"),
    ("location", "a location name from site.yaml, or a list of them"),
    ("salary", "the pay: `min`, and optionally `max`, `period`, `currency` and `note`"),
    ("salary.min", "a number such as 37035 (no £ sign or commas)"),
    ("salary.max", "a number such as 41418 (no £ sign or commas)"),
    ("salary.period", "year, month, week, day or hour"),
    ("salary.currency", "a three-letter currency code such as GBP"),
    ("salary.note", "text, such as \"plus £3,000 recruitment payment\""),
    ("grade", "text, such as \"Grade 9\""),
    ("hours", "the hours a week, as a number such as 37 or 22.5"),
    ("contract", "permanent, fixed-term, secondment or temporary"),
    ("hybrid", "true or false"),
    ("posted", "a date such as 2026-11-02"),
    ("closes", "a date such as 2026-12-07, or a date and time such as 2026-12-07 17:00"),
    ("updated", "when the advert last changed, such as 2026-11-20 or 2026-11-20 14:30"),
    ("shortlisting", "a date such as 2026-12-10"),
    ("interviews", "a date, or a list of dates"),
    ("apply_url", "the web address of the application form"),
    ("contact", "`name`, `email` and `phone` of someone to talk to"),
    ("contact.name", "a name, as text"),
    ("contact.email", "an email address"),
    ("contact.phone", "a phone number, as text in quotes"),
    ("campaign", "the file name (without .md) of a campaign in content/campaigns/"),
    ("benefits", "a list of file names (without .md) from content/benefits/"),
    ("summary", "one sentence, as text"),
    ("featured", "true or false"),
    ("internal_only", "true or false"),
    ("draft", "true or false"),
];

/// Reads and checks one vacancy file's text.
pub fn parse(source: &str, file: &str, stem: &str, site: &Site) -> Result<Vacancy, Vec<Diagnostic>> {
    let (raw, origin, body): (RawVacancy, _, Body) = document::read(source, file, SCHEMA)?;
    let RawVacancy {
        title,
        reference,
        level,
        team,
        location,
        salary,
        grade,
        hours,
        contract,
        hybrid,
        posted,
        closes,
        updated,
        shortlisting,
        interviews,
        apply_url,
        contact,
        campaign,
        benefits,
        summary,
        featured,
        internal_only,
        draft,
    } = raw;
    let mut positions = Positions::default();
    positions.note("hours", hours.as_ref(), origin);
    positions.note("closes", closes.as_ref(), origin);
    positions.note("updated", updated.as_ref(), origin);
    positions.note("shortlisting", shortlisting.as_ref(), origin);
    positions.note("interviews", interviews.as_ref(), origin);
    positions.note("apply_url", apply_url.as_ref(), origin);
    positions.note("featured", featured.as_ref(), origin);
    positions.note("campaign", campaign.as_ref(), origin);
    let mut f = Fields::new(origin);
    let tz = &site.timezone;
    let title = f.required_text(title, "title", "Social Worker");
    let reference = f.required(reference, "reference", "NCC-2026-001").and_then(|r| {
        let (line, column) = line_of(&r, origin);
        f.text(r, "reference").map(|value| Located { value, line, column })
    });
    let level_names: Vec<&str> = site.levels.iter().map(|t| t.name.as_str()).collect();
    let level = f.required(level, "level", level_names[0]).and_then(|v| f.choice(&v, "level", "level", &level_names));
    let team_names: Vec<&str> = site.teams.iter().map(|t| t.name.as_str()).collect();
    let team = f.required(team, "team", team_names[0]).and_then(|v| f.choice(&v, "team", "team", &team_names));
    let place_names: Vec<&str> = site.locations.iter().map(|p| p.name.as_str()).collect();
    let locations = f.required(location, "location", place_names[0]).and_then(|v| {
        let found: Vec<Option<usize>> =
            v.value.into_vec().iter().map(|name| f.choice(name, "location", "location", &place_names)).collect();
        found.into_iter().collect::<Option<Vec<usize>>>()
    });
    let salary = f.required(salary, "salary", "{ min: 37035, max: 41418 }").and_then(|s| {
        let RawSalary { min, max, period, currency, note } = s.value;
        let min = f.required(min, "salary.min", "37035").and_then(|m| f.positive(&m, "salary.min"));
        let max_value = max.as_ref().and_then(|m| f.positive(m, "salary.max"));
        if let (Some(lo), Some(hi), Some(span)) = (min, max_value, max.as_ref()) {
            if hi < lo {
                f.bad(
                    span,
                    "salary.max",
                    format!("the maximum ({hi}) is less than the minimum ({lo})"),
                    Some("swap `min` and `max`".into()),
                );
            }
        }
        let period = match period {
            None => Some(Period::Year),
            Some(p) => f.choice(&p, "salary.period", "pay period", &Period::NAMES).map(|i| Period::ALL[i]),
        };
        let currency = currency.map_or(Some(site.currency.clone()), |c| {
            let code = c.value.trim().to_string();
            let ok = code.len() == 3 && code.chars().all(|ch| ch.is_ascii_uppercase());
            if !ok {
                f.bad(
                    &c,
                    "salary.currency",
                    format!("`{code}` is not a currency code"),
                    Some("use three capital letters, such as GBP".into()),
                );
            }
            ok.then_some(code)
        });
        let note = f.optional_text(note, "salary.note");
        Some(Salary { min: min?, max: max_value, period: period?, currency: currency?, note })
    });
    let grade = f.optional_text(grade, "grade");
    let hours = f.required(hours, "hours", "37").and_then(|h| {
        let value = f.positive(&h, "hours")?;
        if value > 168.0 {
            f.bad(&h, "hours", format!("{value} hours a week is more than a week holds"), None);
            return None;
        }
        Some(value)
    });
    let contract = f
        .required(contract, "contract", "permanent")
        .and_then(|c| f.choice(&c, "contract", "contract type", &Contract::NAMES))
        .map(|i| Contract::ALL[i]);
    let posted_span = f.required(posted, "posted", "2026-11-02");
    let posted = posted_span.as_ref().and_then(|p| f.moment(p, "posted", tz));
    let closes_span = f.required(closes, "closes", "2026-12-07");
    let closes = closes_span.as_ref().and_then(|c| f.moment(c, "closes", tz));
    if let (Some(p), Some(c), Some(span)) = (&posted, &closes, &closes_span) {
        if c.end(tz) <= p.start(tz) {
            f.bad(span, "closes", "the closing date is before the posting date", Some("check both dates".into()));
        }
    }
    let updated = document::updated(&mut f, updated, posted.as_ref(), tz);
    let shortlisting = f.optional_moment(&shortlisting, "shortlisting", tz);
    let interviews = interviews.map_or(Some(Vec::new()), |list| {
        let days: Vec<Option<Moment>> = list.value.into_vec().iter().map(|d| f.moment(d, "interviews", tz)).collect();
        days.into_iter().collect()
    });
    let apply_url = f
        .required(apply_url, "apply_url", "https://jobs.example.gov.uk/apply/123")
        .and_then(|u| f.url(&u, "apply_url"));
    let contact = contact.map(|c| {
        let RawContact { name, email, phone } = c.value;
        let email = email.and_then(|e| {
            let text = e.value.trim();
            if text.contains('@') && !text.contains(char::is_whitespace) {
                Some(text.to_string())
            } else {
                f.bad(&e, "contact.email", format!("`{text}` is not an email address"), None);
                None
            }
        });
        Contact { name: f.optional_text(name, "contact.name"), email, phone: f.optional_text(phone, "contact.phone") }
    });
    let campaign = campaign.and_then(|c| {
        let (line, column) = line_of(&c, origin);
        f.text(c, "campaign").map(|value| Located { value, line, column })
    });
    let benefits = benefits
        .map(|list| {
            list.value
                .into_iter()
                .filter_map(|b| {
                    let (line, column) = line_of(&b, origin);
                    f.text(b, "benefits").map(|value| Located { value, line, column })
                })
                .collect()
        })
        .unwrap_or_default();
    let summary = f.optional_text(summary, "summary");
    let rendered = body.render();
    if rendered.plain.trim().is_empty() {
        f.problems.push(Diagnostic::error(file, "the advert is empty").at(origin.first_line, 1).hint(
            "write the advert below the closing --- line: what the role is, the team, and who you are looking for",
        ));
    }
    let vacancy = (|| {
        Some(Vacancy {
            stem: stem.to_string(),
            file: file.to_string(),
            positions,
            title: title?,
            reference: reference?,
            level: level?,
            team: team?,
            locations: locations?,
            salary: salary?,
            grade,
            hours: hours?,
            contract: contract?,
            hybrid: Fields::flag(hybrid),
            posted_at: posted.as_ref()?.start(tz),
            closes_at: closes.as_ref()?.end(tz),
            changed_at: document::changed_at(posted.as_ref()?, updated.as_ref(), tz),
            updated,
            posted: posted?,
            closes: closes?,
            shortlisting,
            interviews: interviews?,
            apply_url: apply_url?,
            contact,
            campaign,
            benefits,
            summary: summary.unwrap_or_else(|| rendered.first_paragraph.clone()),
            featured: Fields::flag(featured),
            internal_only: Fields::flag(internal_only),
            draft: Fields::flag(draft),
            body: rendered,
        })
    })();
    f.finish(vacancy)
}
