//! JSON Feed 1.1 of open vacancies, with a `_vacancy` extension object holding every structured
//! field, for boards that would rather not parse HTML. The feed of every vacancy is split into
//! pages of [`ITEMS_PER_PAGE`], each naming the next with `next_url`.

use super::{advert_html, facts_html, items, rfc3339};
use crate::model::content::{Library, Vacancy};
use crate::model::publish::Selection;
use crate::output::format;
use crate::output::routes::{self, Scope};
use serde::Serialize;

/// The most items on one page of the feed of every vacancy: about 4.5 MB of whole adverts.
/// The per-team and per-level feeds carry only summaries and are never split.
pub const ITEMS_PER_PAGE: usize = 1_000;

#[derive(Serialize)]
struct Feed<'a> {
    version: &'static str,
    title: String,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<String>,
    description: String,
    language: &'a str,
    authors: [Author<'a>; 1],
    items: Items<'a>,
}

/// The items, each made only as it is written, so that a feed of every vacancy never holds all
/// its adverts twice (once in items, once in the output).
struct Items<'a> {
    library: &'a Library,
    selection: &'a Selection<'a>,
    listed: Vec<&'a Vacancy>,
    whole_adverts: bool,
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.listed.len()))?;
        for v in &self.listed {
            seq.serialize_element(&item(self.library, self.selection, v, self.whole_adverts))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    content_html: String,
    summary: &'a str,
    date_published: String,
    date_modified: String,
    tags: [&'a str; 2],
    _vacancy: Extension<'a>,
}

/// Every structured field of a vacancy.
#[derive(Serialize)]
struct Extension<'a> {
    reference: &'a str,
    level: &'a str,
    team: &'a str,
    locations: Vec<Place<'a>>,
    /// As advertised: for a part-time post, usually the full-time-equivalent figures.
    salary: Salary<'a>,
    /// Present when `salary` is pro rata: what the post actually pays for its hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    actual_salary: Option<Salary<'a>>,
    #[serde(serialize_with = "super::number")]
    hours: f64,
    part_time: bool,
    contract: &'static str,
    /// full-time, part-time, job-share, compressed-hours, term-time, flexible-hours or
    /// annualised-hours: at least one.
    working_pattern: Vec<&'static str>,
    /// Extra pay beside the salary: `{amount, currency, description, note}`.
    payments: Vec<PaymentData<'a>>,
    hybrid: bool,
    /// The last second applications are taken; absent for a rolling advert.
    #[serde(skip_serializing_if = "Option::is_none")]
    closes: Option<String>,
    /// `true` for a rolling advert (open until filled, applications reviewed as they arrive).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    rolling: bool,
    apply_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    shortlisting: Option<String>,
    interviews: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    campaign: Option<&'a str>,
    /// basic, standard, enhanced or enhanced-barred.
    #[serde(skip_serializing_if = "Option::is_none")]
    dbs: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    registration: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    visa_sponsorship: Option<bool>,
    driving: bool,
    /// On a portal: the council that advertises it, and its own advert.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<SourceData<'a>>,
}

#[derive(Serialize)]
struct SourceData<'a> {
    name: &'a str,
    /// The council's own page for the vacancy.
    url: &'a str,
}

#[derive(Serialize)]
struct PaymentData<'a> {
    #[serde(serialize_with = "super::number")]
    amount: f64,
    currency: &'a str,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Place<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    street: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locality: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    postcode: Option<&'a str>,
    country: &'a str,
}

#[derive(Serialize)]
struct Salary<'a> {
    #[serde(serialize_with = "super::number")]
    min: f64,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "super::optional_number")]
    max: Option<f64>,
    period: &'static str,
    currency: &'a str,
    text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pro_rata: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// One item. The feed of every vacancy carries each whole advert; the per-team and per-level feeds
/// carry the summary and key facts, with the link to the advert, to keep them small.
fn item<'a>(library: &'a Library, selection: &Selection<'a>, v: &'a Vacancy, whole_advert: bool) -> Item<'a> {
    let site = &library.site;
    let tz = &site.timezone;
    let recruitment = selection.recruitment_dates(v);
    let actual = v.salary.pro_rata(v.hours, site.full_time_hours);
    let day = |m: &crate::input::dates::Moment| m.date().to_string();
    Item {
        id: &v.reference.value,
        url: site.absolute(&routes::vacancy(&v.stem)),
        title: &v.title,
        content_html: if whole_advert { advert_html(v, site, recruitment) } else { facts_html(v, site, recruitment) },
        summary: &v.summary,
        date_published: rfc3339(v.posted_at, site),
        date_modified: rfc3339(v.changed_at, site),
        tags: [&site.teams[v.team].name, &site.levels[v.level].name],
        _vacancy: Extension {
            reference: &v.reference.value,
            level: &site.levels[v.level].name,
            team: &site.teams[v.team].name,
            locations: v
                .locations
                .iter()
                .map(|&i| {
                    let p = &site.locations[i];
                    Place {
                        name: &p.name,
                        street: p.street.as_deref(),
                        locality: p.locality.as_deref(),
                        region: p.region.as_deref(),
                        postcode: p.postcode.as_deref(),
                        country: &p.country,
                    }
                })
                .collect(),
            salary: Salary {
                min: v.salary.min,
                max: v.salary.max,
                period: v.salary.period.name(),
                currency: &v.salary.currency,
                text: format::advertised_salary(&v.salary, v.hours, site.full_time_hours),
                pro_rata: actual.is_some(),
                note: v.salary.note.as_deref(),
            },
            actual_salary: actual.map(|a| Salary {
                min: a.min,
                max: a.max,
                period: a.period.name(),
                currency: &v.salary.currency,
                text: format::salary(&a),
                pro_rata: false,
                note: None,
            }),
            hours: v.hours,
            part_time: format::is_part_time(v.hours, site.full_time_hours),
            contract: v.contract.name(),
            working_pattern: v.working_pattern.iter().map(|p| p.name()).collect(),
            payments: v
                .payments
                .iter()
                .map(|p| PaymentData {
                    amount: p.amount,
                    currency: &v.salary.currency,
                    description: &p.description,
                    note: p.note.as_deref(),
                })
                .collect(),
            hybrid: v.hybrid,
            closes: v.closes.on().map(|c| rfc3339(c.last_second(tz).timestamp(), site)),
            rolling: v.closes.is_rolling(),
            apply_url: &v.apply_url,
            shortlisting: recruitment.shortlisting.map(day),
            interviews: recruitment.interviews.iter().map(day).collect(),
            campaign: v.campaign.as_ref().map(|c| c.value.as_str()),
            dbs: v.dbs.map(|d| d.name()),
            registration: v.registration.as_deref(),
            visa_sponsorship: v.visa_sponsorship,
            driving: v.driving,
            source: v
                .source
                .as_ref()
                .and_then(|s| Some(SourceData { name: &site.council(s.council)?.name, url: &s.advert_url })),
        },
    }
}

/// How many pages the feed of `scope` takes: one, unless it is the feed of every vacancy and
/// holds more than [`ITEMS_PER_PAGE`].
pub fn page_count(selection: &Selection, scope: Scope) -> usize {
    match scope {
        Scope::All => routes::page_count(items(selection, scope).len(), ITEMS_PER_PAGE),
        _ => 1,
    }
}

/// Page `page` (from 1) of the feed of `scope`. Every page has the feed's own `feed_url` (the
/// feed's identity, as the specification asks) and all but the last a `next_url`.
pub fn vacancies(library: &Library, selection: &Selection, scope: Scope, page: usize) -> Vec<u8> {
    let mut json = Vec::new();
    write_vacancies(library, selection, scope, page, &mut json).expect("writing to memory does not fail");
    json
}

/// Writes page `page` of the JSON Feed of `scope` into `out` as it is made (never held whole).
pub fn write_vacancies(
    library: &Library,
    selection: &Selection,
    scope: Scope,
    page: usize,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let site = &library.site;
    let pages = page_count(selection, scope);
    let mut listed = items(selection, scope);
    if pages > 1 {
        let start = ITEMS_PER_PAGE * (page.clamp(1, pages) - 1);
        listed = listed[start..(start + ITEMS_PER_PAGE).min(listed.len())].to_vec();
    }
    let whole_adverts = scope == Scope::All;
    let feed = Feed {
        version: "https://jsonfeed.org/version/1.1",
        title: scope.title(site),
        home_page_url: site.absolute(&scope.page_path(site)),
        feed_url: site.absolute(&routes::json_feed_page(site, scope, 1)),
        next_url: (page < pages).then(|| site.absolute(&routes::json_feed_page(site, scope, page + 1))),
        description: format!("{}, newest first.", scope.title(site)),
        language: &site.language,
        authors: [Author { name: &site.organisation.name, url: site.organisation.url.as_deref() }],
        items: Items { library, selection, listed, whole_adverts },
    };
    serde_json::to_writer_pretty(&mut *out, &feed).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}
