//! The feed in the XML most aggregators accept (Indeed's): one `<job>` per vacancy and workplace.

use super::terms::{contract_terms, pattern_terms};
use super::{last_changed, push_cdata, rfc822, xml_content};
use crate::model::content::{Library, Vacancy};
use crate::model::publish::Selection;
use crate::output::format;
use crate::output::pieces::Pieces;
use crate::output::routes::Scope;
use std::fmt::Write;

/// Indeed's reference for a vacancy at one of its workplaces: the vacancy's own reference when
/// it has one workplace, else the reference and the workplace's slug, so each job is unique.
pub fn indeed_reference(v: &Vacancy, library: &Library, workplace: usize) -> String {
    if v.locations.len() == 1 {
        v.reference.value.clone()
    } else {
        format!("{}-{}", v.reference.value, library.site.locations[workplace].slug)
    }
}

fn indeed_job(x: &mut String, library: &Library, v: &Vacancy, advert: &str, workplace: usize) {
    let site = &library.site;
    let place = &site.locations[workplace];
    let field = |x: &mut String, name: &str, value: &str| {
        if !value.is_empty() {
            let _ = write!(x, "<{name}>");
            push_cdata(x, value);
            let _ = writeln!(x, "</{name}>");
        }
    };
    let reference = indeed_reference(v, library, workplace);
    x.push_str("<job>\n");
    field(x, "title", &v.title);
    field(x, "date", &rfc822(v.posted_at, site));
    field(x, "referencenumber", &reference);
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
    field(x, "description", advert);
    field(x, "salary", &format::salary(&v.actual_pay(site.full_time_hours)));
    let (_, time, _) = pattern_terms(format::is_part_time(v.hours, site.full_time_hours));
    field(x, "jobtype", &format!("{time}, {}", contract_terms(v.contract).indeed));
    field(x, "category", &format!("{}, {}", site.teams[v.team].name, site.levels[v.level].name));
    if let Some(closes) = v.closes.on() {
        field(x, "expirationdate", &closes.date().to_string());
    }
    if v.hybrid {
        field(x, "remotetype", "Hybrid remote");
    }
    x.push_str("</job>\n");
}

/// `/jobs/indeed.xml`: one `<job>` per open vacancy and workplace (Indeed lists a job in one
/// place), text in CDATA.
pub fn indeed(library: &Library, selection: &Selection, x: &mut Pieces) {
    let site = &library.site;
    let jobs = super::public_items(selection);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<source>\n");
    let _ = writeln!(x, "<publisher>{}</publisher>", xml_content(&site.organisation.name));
    let url = site.organisation.url.clone().unwrap_or_else(|| site.base_url.clone());
    let _ = writeln!(x, "<publisherurl>{}</publisherurl>", xml_content(&url));
    if let Some(t) = last_changed(selection, Scope::All) {
        let _ = writeln!(x, "<lastBuildDate>{}</lastBuildDate>", rfc822(t, site));
    }
    for v in jobs {
        let advert = super::advert_html(v, site, selection.recruitment_dates(v));
        for &workplace in &v.locations {
            indeed_job(x, library, v, &advert, workplace);
        }
        x.spill();
    }
    x.push_str("</source>\n");
}
