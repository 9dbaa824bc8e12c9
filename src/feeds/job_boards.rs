//! Feeds in job boards' own formats: the XML most aggregators accept (Indeed's), and the
//! DWP Find a job bulk upload file.

use super::{cdata, items, last_changed, rfc822, xml_text, Scope};
use crate::content::{Contract, Library, Vacancy};
use crate::format;
use crate::publish::{Rules, Selection};
use crate::views;

/// How long DWP Find a job keeps an advert at most; a later closing date is left to its default.
const FIND_A_JOB_MAX_DAYS: i32 = 30;

fn indeed_job(library: &Library, v: &Vacancy) -> String {
    let site = &library.site;
    let place = &site.locations[v.locations[0]];
    let field = |name: &str, value: &str| {
        if value.is_empty() {
            String::new()
        } else {
            format!("<{name}>{}</{name}>\n", cdata(value))
        }
    };
    let mut x = String::from("<job>\n");
    x.push_str(&field("title", &v.title));
    x.push_str(&field("date", &rfc822(v.posted_at, site)));
    x.push_str(&field("referencenumber", &v.reference.value));
    x.push_str(&field("requisitionid", &v.reference.value));
    x.push_str(&field("url", &site.absolute(&views::vacancy_path(v))));
    x.push_str(&field("company", &site.organisation.name));
    x.push_str(&field("sourcename", &site.organisation.name));
    x.push_str(&field("city", place.locality.as_deref().unwrap_or(&place.name)));
    x.push_str(&field("state", place.region.as_deref().unwrap_or("")));
    x.push_str(&field("country", &place.country));
    x.push_str(&field("postalcode", place.postcode.as_deref().unwrap_or("")));
    x.push_str(&field("streetaddress", place.street.as_deref().unwrap_or("")));
    if let Some(email) = v.contact.as_ref().and_then(|c| c.email.as_deref()) {
        x.push_str(&field("email", email));
    }
    x.push_str(&field("description", &super::advert_html(v, site)));
    x.push_str(&field("salary", &format::salary(&v.salary)));
    let time = if format::is_part_time(v.hours, site.full_time_hours) { "parttime" } else { "fulltime" };
    let kind = match v.contract {
        Contract::Permanent => "permanent",
        Contract::FixedTerm | Contract::Secondment => "contract",
        Contract::Temporary => "temporary",
    };
    x.push_str(&field("jobtype", &format!("{time}, {kind}")));
    x.push_str(&field("category", &format!("{}, {}", site.teams[v.team].name, site.levels[v.level].name)));
    x.push_str(&field("expirationdate", &v.closes.date().to_string()));
    if v.hybrid {
        x.push_str(&field("remotetype", "Hybrid remote"));
    }
    x.push_str("</job>\n");
    x
}

/// `/jobs/indeed.xml`: one `<job>` per open vacancy, text in CDATA.
pub fn indeed(library: &Library, selection: &Selection) -> String {
    let site = &library.site;
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<source>\n");
    x.push_str(&format!("<publisher>{}</publisher>\n", xml_text(&site.organisation.name)));
    let url = site.organisation.url.clone().unwrap_or_else(|| site.base_url.clone());
    x.push_str(&format!("<publisherurl>{}</publisherurl>\n", xml_text(&url)));
    if let Some(t) = last_changed(selection, Scope::All) {
        x.push_str(&format!("<lastBuildDate>{}</lastBuildDate>\n", rfc822(t, site)));
    }
    for v in items(selection, Scope::All) {
        x.push_str(&indeed_job(library, v));
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
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Vacancies>\n");
    for v in find_a_job_items(library, selection) {
        let place = &site.locations[v.locations[0]];
        x.push_str(&format!("<Vacancy vacancyRefCode=\"{}\">\n", xml_text(&v.reference.value)));
        x.push_str(&format!("<Title>{}</Title>\n", xml_text(&v.title)));
        let description = match super::own_summary(v) {
            Some(summary) => format!("{summary}\n\n{}", v.body.plain),
            None => v.body.plain.clone(),
        };
        x.push_str(&format!("<Description>{}</Description>\n", xml_text(description.trim())));
        x.push_str("<Location>\n");
        if let Some(street) = &place.street {
            x.push_str(&format!("<StreetAddress>{}</StreetAddress>\n", xml_text(street)));
        }
        x.push_str(&format!("<City>{}</City>\n", xml_text(place.locality.as_deref().unwrap_or(&place.name))));
        if let Some(region) = &place.region {
            x.push_str(&format!("<State>{}</State>\n", xml_text(region)));
        }
        x.push_str(&format!("<PostalCode>{}</PostalCode>\n", xml_text(place.postcode.as_deref().unwrap_or(""))));
        x.push_str("</Location>\n");
        let closes = v.closes.date();
        if (closes - today).get_days() <= FIND_A_JOB_MAX_DAYS {
            x.push_str(&format!("<VacancyExpiry>{closes}</VacancyExpiry>\n"));
        }
        let kind = match v.contract {
            Contract::Permanent => 1,
            Contract::FixedTerm | Contract::Secondment => 2,
            Contract::Temporary => 3,
        };
        x.push_str(&format!("<VacancyType id=\"{kind}\"/>\n"));
        let status = if format::is_part_time(v.hours, site.full_time_hours) { 2 } else { 1 };
        x.push_str(&format!("<VacancyStatus id=\"{status}\"/>\n"));
        x.push_str("<ApplyMethod id=\"2\"/>\n");
        x.push_str(&format!("<ApplyUrl>{}</ApplyUrl>\n", xml_text(&v.apply_url)));
        x.push_str("</Vacancy>\n");
    }
    x.push_str("</Vacancies>\n");
    x
}
