//! A vacancy (`content/jobs/*.md`): the checked `Vacancy` and its parts (salary, contract,
//! contact); its raw front matter is in `raw`, the checking in `parse`.

use super::{Located, Positions};
use crate::input::dates::Moment;
use crate::input::markdown::Rendered;
pub use crate::model::config::Dbs;

mod parse;
mod raw;

pub use parse::parse;
/// The keys a vacancy's front matter may have, each with what it expects.
pub(crate) use raw::SCHEMA;

/// Extra pay beside the salary, such as a recruitment payment or a market supplement.
#[derive(Debug, Clone, PartialEq)]
pub struct Payment {
    /// In the site's currency.
    pub amount: f64,
    pub description: String,
    /// When or how it is paid, such as "after probation".
    pub note: Option<String>,
}

/// How the hours of a post are worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkingPattern {
    FullTime,
    PartTime,
    JobShare,
    CompressedHours,
    TermTime,
    FlexibleHours,
    AnnualisedHours,
}

impl WorkingPattern {
    pub const NAMES: [&'static str; 7] =
        ["full-time", "part-time", "job-share", "compressed-hours", "term-time", "flexible-hours", "annualised-hours"];
    pub const ALL: [WorkingPattern; 7] = [
        WorkingPattern::FullTime,
        WorkingPattern::PartTime,
        WorkingPattern::JobShare,
        WorkingPattern::CompressedHours,
        WorkingPattern::TermTime,
        WorkingPattern::FlexibleHours,
        WorkingPattern::AnnualisedHours,
    ];

    pub fn name(self) -> &'static str {
        WorkingPattern::NAMES[self as usize]
    }

    /// As an advert says it.
    pub fn label(self) -> &'static str {
        [
            "Full-time",
            "Part-time",
            "Job share",
            "Compressed hours",
            "Term time only",
            "Flexible hours",
            "Annualised hours",
        ][self as usize]
    }
}

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
    pub const ALL: [Period; 5] = [Period::Year, Period::Month, Period::Week, Period::Day, Period::Hour];

    /// How many of this period a full-time post is paid for in a year (`full_time_hours` a week
    /// for an hourly rate; 260 working days).
    pub fn per_year(self, full_time_hours: f64) -> f64 {
        match self {
            Period::Year => 1.0,
            Period::Month => 12.0,
            Period::Week => 52.0,
            Period::Day => 260.0,
            Period::Hour => 52.0 * full_time_hours,
        }
    }

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

/// When a vacancy stops taking applications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closes {
    /// At the end of a date, or at a date and time.
    On(Moment),
    /// `closes: rolling`: open until filled, applications reviewed as they arrive; the editor
    /// looks at the advert again by `review_by` (where it was written, for `check`).
    Rolling { review_by: Located<Moment> },
}

impl Closes {
    /// The closing date, unless the advert is rolling.
    pub fn on(&self) -> Option<&Moment> {
        match self {
            Closes::On(m) => Some(m),
            Closes::Rolling { .. } => None,
        }
    }

    pub fn is_rolling(&self) -> bool {
        matches!(self, Closes::Rolling { .. })
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
    /// How the hours are worked, in the order written; at least one (by default full-time or
    /// part-time, from `hours`).
    pub working_pattern: Vec<WorkingPattern>,
    /// Extra pay beside the salary, in the order written.
    pub payments: Vec<Payment>,
    /// The DBS check the post needs (the vacancy's own, else site.yaml's `defaults`).
    pub dbs: Option<Dbs>,
    /// A registration the post needs, such as Social Work England (own, else `defaults`).
    pub registration: Option<String>,
    /// Whether the council can sponsor a Skilled Worker visa; unsaid when absent.
    pub visa_sponsorship: Option<bool>,
    /// Whether a driving licence or means to travel is needed.
    pub driving: bool,
    pub posted: Moment,
    pub closes: Closes,
    /// When it is published: `posted`, at midnight if only a date was given, in the site's zone.
    pub posted_at: jiff::Timestamp,
    /// The first moment it is closed: the midnight after a date-only `closes`; none for a
    /// rolling advert, which stays open until its `closes:` is given a date.
    pub closes_at: Option<jiff::Timestamp>,
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
    /// On a portal, the council whose feed it came from; `None` for the site's own vacancies.
    pub source: Option<Sourced>,
}

/// Where a portal's vacancy came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced {
    /// Its council: an index into the site's `portal.sources`.
    pub council: usize,
    /// The council's own page for it: the one search engines index (`rel="canonical"`).
    pub advert_url: String,
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
