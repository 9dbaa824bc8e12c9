//! `/jobs/search.json`: every open vacancy in a compact form for the jobs page's search script,
//! which narrows, filters and sorts them in the browser and draws each as a card.
//!
//! Short keys keep the file small (it is fetched by every visitor who searches); the vacancies are
//! in listing order, newest first, so "newest" needs no key of its own.

use crate::model::config::Site;
use crate::model::content::{Library, Vacancy, WorkingPattern};
use crate::model::publish::{Rules, Selection};
use crate::output::format;
use crate::output::routes::{self, Facet, FeedFormat, Scope};
use serde::Serialize;

#[derive(Serialize)]
struct Index<'a> {
    /// Each facet's values in site.yaml order, as `[slug, name]`, with the address of their RSS
    /// feed for teams and levels (to keep a search); a vacancy refers to them by position.
    teams: Vec<Vec<String>>,
    levels: Vec<Vec<String>>,
    locations: Vec<Vec<String>>,
    contracts: Vec<Vec<String>>,
    /// The working patterns, as `[name, label]`.
    patterns: Vec<[&'static str; 2]>,
    /// On a portal, the councils as `[slug, name]`; absent on a council's own site.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    councils: Vec<Vec<String>>,
    vacancies: Entries<'a>,
}

/// One vacancy: what the script searches, filters and sorts on, and what its card shows.
#[derive(Serialize)]
struct Entry<'a> {
    /// Reference.
    r: &'a str,
    /// Address on the site.
    u: String,
    /// Title.
    t: &'a str,
    /// Summary (searched, not shown).
    m: &'a str,
    /// Team, level, locations and contract, by position in the lists above.
    tm: usize,
    lv: usize,
    lc: &'a [usize],
    c: usize,
    /// Working patterns, by position in `patterns`.
    wp: Vec<usize>,
    /// 1 when part-time, 1 when hybrid, 1 when featured, 1 when for internal applicants only.
    pt: u8,
    hy: u8,
    f: u8,
    #[serde(skip_serializing_if = "is_zero")]
    io: u8,
    /// 1 when the council can sponsor a Skilled Worker visa.
    #[serde(skip_serializing_if = "is_zero")]
    vs: u8,
    /// On a portal, the council the vacancy came from, by position in `councils`.
    #[serde(skip_serializing_if = "Option::is_none")]
    co: Option<usize>,
    /// Extra pay, as the card prints it.
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<String>,
    /// Closing time, in seconds since 1970 (for "closing soonest"); absent for a rolling advert,
    /// which sorts last.
    #[serde(skip_serializing_if = "Option::is_none")]
    k: Option<i64>,
    /// Full-time-equivalent yearly pay, top of the range (for "highest pay").
    p: f64,
    /// The card's salary, hours and closing lines, as the listing pages print them.
    s: String,
    h: String,
    cl: String,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// The yearly equivalent of the top of a salary range, for sorting by pay: a month is a twelfth,
/// a week a fifty-second, a day one of 260 working days, an hour one of the full-time hours of 52
/// weeks.
pub fn yearly_pay(v: &Vacancy, site: &Site) -> f64 {
    let top = v.salary.max.unwrap_or(v.salary.min);
    (top * v.salary.period.per_year(site.full_time_hours)).round()
}

/// Writes the search index of the open vacancies into `out` as it is made: each vacancy's entry
/// is made only as it is written, so the index (megabytes at 10,000 vacancies) is never held whole.
pub fn write_search_index(
    library: &Library,
    selection: &Selection,
    rules: &Rules,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let site = &library.site;
    let values = |facet: Facet| -> Vec<Vec<String>> {
        facet.values(site).into_iter().map(|(name, slug)| vec![slug, name.to_string()]).collect()
    };
    let with_feeds = |facet: Facet, scope: fn(usize) -> Scope| -> Vec<Vec<String>> {
        let mut list = values(facet);
        for (i, value) in list.iter_mut().enumerate() {
            value.push(site.path(&routes::feed(site, scope(i), FeedFormat::Rss)));
        }
        list
    };
    let index = Index {
        teams: with_feeds(Facet::Team, Scope::Team),
        levels: with_feeds(Facet::Level, Scope::Level),
        locations: values(Facet::Location),
        contracts: values(Facet::Contract),
        patterns: WorkingPattern::ALL.iter().map(|p| [p.name(), p.label()]).collect(),
        councils: values(Facet::Council),
        vacancies: Entries { site, rules, open: &selection.open },
    };
    serde_json::to_writer(&mut *out, &index).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// The open vacancies' entries, each made as it is written.
struct Entries<'a> {
    site: &'a Site,
    rules: &'a Rules,
    open: &'a [&'a Vacancy],
}

impl Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.open.iter().map(|v| entry(v, self.site, self.rules)))
    }
}

fn entry<'a>(v: &'a Vacancy, site: &Site, rules: &Rules) -> Entry<'a> {
    let mut salary = format::advertised_salary(&v.salary, v.hours, site.full_time_hours);
    if let Some(actual) = format::actual_salary(&v.salary, v.hours, site.full_time_hours) {
        salary = format!("{salary} (actual pay {actual})");
    }
    Entry {
        r: &v.reference.value,
        u: site.path(&routes::vacancy(&v.stem)),
        t: &v.title,
        m: &v.summary,
        tm: v.team,
        lv: v.level,
        lc: &v.locations,
        c: v.contract as usize,
        wp: v.working_pattern.iter().map(|p| *p as usize).collect(),
        pt: format::is_part_time(v.hours, site.full_time_hours).into(),
        hy: v.hybrid.into(),
        f: v.featured.into(),
        io: v.internal_only.into(),
        vs: (v.visa_sponsorship == Some(true)).into(),
        co: v.source.as_ref().map(|s| s.council),
        x: format::payments(v),
        k: v.closes_at.map(|c| c.as_second()),
        p: yearly_pay(v, site),
        s: salary,
        h: format::hours(v.hours, site.full_time_hours),
        cl: format::closing(&v.closes, rules.now, &site.timezone),
    }
}
