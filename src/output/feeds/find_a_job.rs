//! The DWP Find a job bulk upload files: the vacancies to publish or update, and the vacancies
//! to take down. Find a job keeps an advert at most 30 days from its first upload, so a
//! vacancy open longer is reposted every 31 days under a new reference (`REF-1`, `REF-2`, …), as
//! the Department for Education's Teaching Vacancies exporter does; see docs/feeds.md.

use super::terms::{contract_terms, pattern_terms};
use super::xml_text;
use crate::model::board_cycle::{can_take, expiry, in_expired_file, posting, workplace};
use crate::model::content::{Library, Vacancy};
use crate::model::publish::{Rules, Selection};
use crate::output::format;
use crate::output::pieces::Pieces;
use jiff::civil::Date;
use std::fmt::Write;

/// The vacancies Find a job can take: those with a workplace that has a postcode.
pub fn find_a_job_items<'a>(library: &Library, selection: &Selection<'a>) -> Vec<&'a Vacancy> {
    super::public_items(selection).into_iter().filter(|v| workplace(v, &library.site).is_some()).collect()
}

fn today(library: &Library, rules: &Rules) -> Date {
    rules.now.to_zoned(library.site.timezone.clone()).date()
}

/// `/jobs/find-a-job.xml`: every open vacancy Find a job can take, under its current posting's
/// reference.
pub fn find_a_job(library: &Library, selection: &Selection, rules: &Rules, x: &mut Pieces) {
    let site = &library.site;
    let today = today(library, rules);
    let jobs = find_a_job_items(library, selection);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Vacancies>\n");
    let statements = super::statements_plain(site);
    for v in jobs {
        let place = &site.locations[workplace(v, &library.site).expect("only vacancies with a postcode are listed")];
        let posting = posting(v, &site.timezone, today);
        let _ = writeln!(x, "<Vacancy vacancyRefCode=\"{}\">", xml_text(&posting.reference));
        let _ = writeln!(x, "<Title>{}</Title>", xml_text(&v.title));
        let mut description = String::new();
        if let Some(summary) = super::own_summary(v) {
            description.push_str(summary);
            description.push_str("\n\n");
        }
        for (label, text) in super::facts(v, site, selection.recruitment_dates(v)) {
            let _ = writeln!(description, "{label}: {text}");
        }
        description.push('\n');
        description.push_str(&crate::input::html_text::to_plain_text(&v.body.html));
        description.push_str(&statements);
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
        if let Some(day) = expiry(v, &posting) {
            let _ = writeln!(x, "<VacancyExpiry>{day}</VacancyExpiry>");
        }
        let _ = writeln!(x, "<VacancyType id=\"{}\"/>", contract_terms(v.contract).find_a_job);
        let (.., status) = pattern_terms(format::is_part_time(v.hours, site.full_time_hours));
        let _ = writeln!(x, "<VacancyStatus id=\"{status}\"/>");
        if let Some(category) = site.find_a_job_category {
            let _ = writeln!(x, "<VacancyCategory id=\"{category}\"/>");
        }
        x.push_str("<ApplyMethod id=\"2\"/>\n");
        let _ = writeln!(x, "<ApplyUrl>{}</ApplyUrl>", xml_text(&v.apply_url));
        x.push_str("</Vacancy>\n");
        x.spill();
    }
    x.push_str("</Vacancies>\n");
}

/// `/jobs/find-a-job-expired.xml`: the adverts to take down: vacancies Find a job can take that
/// closed within the last week, under the reference of the posting live when they closed. A
/// vacancy closed early (its `closes:` brought forward) leaves Find a job at the next import
/// rather than at the expiry it was uploaded with.
pub fn find_a_job_expired(library: &Library, selection: &Selection, rules: &Rules) -> String {
    let today = today(library, rules);
    let mut closed: Vec<(String, &Vacancy)> = selection
        .closed
        .iter()
        .copied()
        .filter(|v| can_take(v, &library.site))
        .filter(|v| in_expired_file(v, today))
        .filter_map(|v| Some((posting(v, &library.site.timezone, v.closes.on()?.date()).reference, v)))
        .collect();
    closed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExpireVacancies>\n");
    for (reference, _) in closed {
        let _ = writeln!(x, "<ExpireVacancy vacancyRefCode=\"{}\"/>", xml_text(&reference));
    }
    x.push_str("</ExpireVacancies>\n");
    x
}
