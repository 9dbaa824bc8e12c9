//! Feeds in job boards' own formats: the XML most aggregators accept (Indeed's), and the
//! DWP Find a job bulk upload file.

use super::{items, last_changed, push_cdata, rfc822, xml_text};
use crate::model::content::{Contract, Library, Vacancy};
use crate::model::publish::{Rules, Selection};
use crate::output::format;
use crate::output::routes::Scope;
use std::fmt::Write;

/// How long DWP Find a job keeps an advert at most; a later closing date is left to its default.
const FIND_A_JOB_MAX_DAYS: i32 = 30;

fn indeed_job(x: &mut String, library: &Library, v: &Vacancy) {
    let site = &library.site;
    let place = &site.locations[v.locations[0]];
    let field = |x: &mut String, name: &str, value: &str| {
        if !value.is_empty() {
            let _ = write!(x, "<{name}>");
            push_cdata(x, value);
            let _ = writeln!(x, "</{name}>");
        }
    };
    x.push_str("<job>\n");
    field(x, "title", &v.title);
    field(x, "date", &rfc822(v.posted_at, site));
    field(x, "referencenumber", &v.reference.value);
    field(x, "requisitionid", &v.reference.value);
    field(x, "url", &site.absolute(&crate::output::routes::vacancy(&v.stem)));
    field(x, "company", &site.organisation.name);
    field(x, "sourcename", &site.organisation.name);
    field(x, "city", place.locality.as_deref().unwrap_or(&place.name));
    field(x, "state", place.region.as_deref().unwrap_or(""));
    field(x, "country", &place.country);
    field(x, "postalcode", place.postcode.as_deref().unwrap_or(""));
    field(x, "streetaddress", place.street.as_deref().unwrap_or(""));
    if let Some(email) = v.contact.as_ref().and_then(|c| c.email.as_deref()) {
        field(x, "email", email);
    }
    field(x, "description", &super::advert_html(v, site));
    field(x, "salary", &format::salary(&v.salary));
    let time = if format::is_part_time(v.hours, site.full_time_hours) { "parttime" } else { "fulltime" };
    let kind = match v.contract {
        Contract::Permanent => "permanent",
        Contract::FixedTerm | Contract::Secondment => "contract",
        Contract::Temporary => "temporary",
    };
    field(x, "jobtype", &format!("{time}, {kind}"));
    field(x, "category", &format!("{}, {}", site.teams[v.team].name, site.levels[v.level].name));
    field(x, "expirationdate", &v.closes.date().to_string());
    if v.hybrid {
        field(x, "remotetype", "Hybrid remote");
    }
    x.push_str("</job>\n");
}

/// `/jobs/indeed.xml`: one `<job>` per open vacancy, text in CDATA.
pub fn indeed(library: &Library, selection: &Selection) -> String {
    let site = &library.site;
    let jobs = items(selection, Scope::All);
    let mut x = String::with_capacity(super::advert_bytes(&jobs) + 1500 * jobs.len() + 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<source>\n");
    let _ = writeln!(x, "<publisher>{}</publisher>", xml_text(&site.organisation.name));
    let url = site.organisation.url.clone().unwrap_or_else(|| site.base_url.clone());
    let _ = writeln!(x, "<publisherurl>{}</publisherurl>", xml_text(&url));
    if let Some(t) = last_changed(selection, Scope::All) {
        let _ = writeln!(x, "<lastBuildDate>{}</lastBuildDate>", rfc822(t, site));
    }
    for v in jobs {
        indeed_job(&mut x, library, v);
    }
    x.push_str("</source>\n");
    x
}

/// The vacancies DWP Find a job can take: those whose first location has a postcode.
pub fn find_a_job_items<'a>(library: &Library, selection: &Selection<'a>) -> Vec<&'a Vacancy> {
    items(selection, Scope::All)
        .into_iter()
        .filter(|v| library.site.locations[v.locations[0]].postcode.is_some())
        .collect()
}

/// `/jobs/find-a-job.xml`: the DWP Find a job bulk upload file.
pub fn find_a_job(library: &Library, selection: &Selection, rules: &Rules) -> String {
    let site = &library.site;
    let today = rules.now.to_zoned(site.timezone.clone()).date();
    let jobs = find_a_job_items(library, selection);
    let mut x = String::with_capacity(jobs.iter().map(|v| v.body.plain.len() + 1000).sum::<usize>() + 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Vacancies>\n");
    for v in jobs {
        let place = &site.locations[v.locations[0]];
        let _ = writeln!(x, "<Vacancy vacancyRefCode=\"{}\">", xml_text(&v.reference.value));
        let _ = writeln!(x, "<Title>{}</Title>", xml_text(&v.title));
        let description = match super::own_summary(v) {
            Some(summary) => format!("{summary}\n\n{}", v.body.plain),
            None => v.body.plain.clone(),
        };
        let _ = writeln!(x, "<Description>{}</Description>", xml_text(description.trim()));
        x.push_str("<Location>\n");
        if let Some(street) = &place.street {
            let _ = writeln!(x, "<StreetAddress>{}</StreetAddress>", xml_text(street));
        }
        let _ = writeln!(x, "<City>{}</City>", xml_text(place.locality.as_deref().unwrap_or(&place.name)));
        if let Some(region) = &place.region {
            let _ = writeln!(x, "<State>{}</State>", xml_text(region));
        }
        let _ = writeln!(x, "<PostalCode>{}</PostalCode>", xml_text(place.postcode.as_deref().unwrap_or("")));
        x.push_str("</Location>\n");
        let closes = v.closes.date();
        if (closes - today).get_days() <= FIND_A_JOB_MAX_DAYS {
            let _ = writeln!(x, "<VacancyExpiry>{closes}</VacancyExpiry>");
        }
        let kind = match v.contract {
            Contract::Permanent => 1,
            Contract::FixedTerm | Contract::Secondment => 2,
            Contract::Temporary => 3,
        };
        let _ = writeln!(x, "<VacancyType id=\"{kind}\"/>");
        let status = if format::is_part_time(v.hours, site.full_time_hours) { 2 } else { 1 };
        let _ = writeln!(x, "<VacancyStatus id=\"{status}\"/>");
        x.push_str("<ApplyMethod id=\"2\"/>\n");
        let _ = writeln!(x, "<ApplyUrl>{}</ApplyUrl>", xml_text(&v.apply_url));
        x.push_str("</Vacancy>\n");
    }
    x.push_str("</Vacancies>\n");
    x
}
