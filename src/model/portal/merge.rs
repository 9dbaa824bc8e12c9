//! Turns a council's checked feed items into the portal's vacancies: levels and teams matched by
//! name or alias (else "Other"), workplaces added to the site's, dates read in the site's zone.

use super::feed::FeedItem;
use crate::input::dates::Moment;
use crate::input::markdown::Rendered;
use crate::input::safe_html;
use crate::model::config::{Place, Site, Term};
use crate::model::content::{Closes, Library, Located, Sourced, Vacancy, WorkingPattern};
use jiff::Timestamp;
use std::sync::Arc;

/// The level or team a council's vacancy is filed under when its name matches none of the
/// portal's levels or teams (or their aliases).
pub const OTHER: &str = "Other";

/// What merging found worth telling the portal's editor: a sentence and how to act on it.
pub struct MergeNote {
    pub message: String,
    pub hint: &'static str,
}

/// The longest one part of an address made from a council's text may be (a vacancy's or a
/// workplace's): file systems take 255 bytes a name, and no reader wants an address that long.
pub const MAX_SEGMENT: usize = 120;

const TOO_LONG: &str = "tell the council: its reference or workplace name is far longer than any advert needs";

const ADD_ALIAS: &str = "add the name to `aliases` of a level or team in site.yaml";
const TAKEN: &str =
    "tell the council: two of its vacancies share a reference, or another vacancy already has that address";

/// Adds council `council`'s items to the library; returns a note for each name that matched no
/// level or team, and each item left out.
pub fn add(library: &mut Library, council: usize, items: Vec<FeedItem>) -> Vec<MergeNote> {
    let mut notes = Vec::new();
    let source = library.site.council(council).expect("only a portal has sources").clone();
    let mut stems: std::collections::HashSet<String> = library.vacancies.iter().map(|v| v.stem.clone()).collect();
    for item in items {
        let stem = slug::slugify(format!("{}-{}", source.slug, item.reference));
        let longest_place = item.locations.iter().map(|p| slug::slugify(&p.name).len()).max().unwrap_or(0);
        if stem.len() > MAX_SEGMENT || longest_place > MAX_SEGMENT {
            let message = format!(
                "`{}` is left out: the address made from its reference or workplace would be longer than {MAX_SEGMENT} characters",
                item.id
            );
            notes.push(MergeNote { message, hint: TOO_LONG });
            continue;
        }
        if !stems.insert(stem.clone()) {
            let message = format!("`{}` is left out: another vacancy has the address /jobs/{stem}/", item.id);
            notes.push(MergeNote { message, hint: TAKEN });
            continue;
        }
        let level = term(&mut library.site.levels, &item.level, "level", &mut notes);
        let team = term(&mut library.site.teams, &item.team, "team", &mut notes);
        let locations = item.locations.iter().map(|p| place(&mut library.site.locations, p, &source.name)).collect();
        let file = format!("{} (from {})", source.feed.as_str(), source.name);
        let vacancy = Vacancy { level, team, locations, ..vacancy(&library.site, item, stem, file, council) };
        library.vacancies.push(Arc::new(vacancy));
    }
    notes
}

/// The index of the level or team `name` answers to, else of "Other" (added when first needed).
fn term(terms: &mut Vec<Term>, name: &str, what: &str, notes: &mut Vec<MergeNote>) -> usize {
    if let Some(i) = terms.iter().position(|t| t.answers_to(name)) {
        return i;
    }
    let message = format!("the {what} `{name}` is none of the portal's, so it is shown under \"{OTHER}\"");
    if !notes.iter().any(|n| n.message == message) {
        notes.push(MergeNote { message, hint: ADD_ALIAS });
    }
    if let Some(i) = terms.iter().position(|t| t.name == OTHER) {
        return i;
    }
    terms.push(Term { name: OTHER.into(), slug: slug::slugify(OTHER), aliases: Vec::new() });
    terms.len() - 1
}

/// The index of the workplace `p` in the site's list: the same name and postcode, else added (with
/// the council's name when another council has a workplace of that name).
fn place(places: &mut Vec<Place>, p: &super::feed::FeedPlace, council: &str) -> usize {
    let slug = slug::slugify(&p.name);
    if let Some(i) = places.iter().position(|q| q.slug == slug && (q.postcode.is_none() || q.postcode == p.postcode)) {
        return i;
    }
    let name = if places.iter().any(|q| q.slug == slug) { format!("{}, {council}", p.name) } else { p.name.clone() };
    let slug = slug::slugify(&name);
    if let Some(i) = places.iter().position(|q| q.slug == slug) {
        return i;
    }
    places.push(Place {
        slug,
        name,
        street: p.street.clone(),
        locality: p.locality.clone(),
        region: p.region.clone(),
        postcode: p.postcode.clone(),
        country: p.country.clone(),
    });
    places.len() - 1
}

/// A day when `t` is local midnight (or, for an end, the last second of a day), else the moment.
fn moment(t: Timestamp, site: &Site, last_second: bool) -> Moment {
    let z = t.to_zoned(site.timezone.clone());
    let whole_day = if last_second {
        (z.hour(), z.minute(), z.second()) == (23, 59, 59)
    } else {
        (z.hour(), z.minute(), z.second()) == (0, 0, 0)
    };
    if whole_day {
        Moment::Day(z.date())
    } else {
        Moment::Time(z)
    }
}

/// The vacancy from council `council` (its level, team and places still to be filled in).
fn vacancy(site: &Site, item: FeedItem, stem: String, file: String, council: usize) -> Vacancy {
    let tz = &site.timezone;
    let posted = moment(item.published, site, false);
    let closes = match item.closes {
        Some(c) => Closes::On(moment(c, site, true)),
        // Rolling: the council's editor looks at it again; the portal only shows it.
        None => Closes::Rolling {
            review_by: Located { value: Moment::Day(jiff::civil::date(9999, 12, 31)), line: 1, column: 1 },
        },
    };
    let summary = if item.summary.is_empty() { item.title.clone() } else { item.summary.clone() };
    let body = Rendered {
        html: safe_html::clean(&item.content_html),
        first_paragraph: summary.clone(),
        headings: Vec::new(),
        has_text: true,
        marks: Vec::new(),
    };
    Vacancy {
        stem,
        file,
        positions: Default::default(),
        title: item.title,
        reference: Located { value: item.reference, line: 1, column: 1 },
        level: 0,
        team: 0,
        locations: Vec::new(),
        salary: item.salary,
        grade: None,
        hours: item.hours,
        contract: item.contract,
        hybrid: item.hybrid,
        working_pattern: if item.working_pattern.is_empty() {
            vec![if item.hours >= site.full_time_hours { WorkingPattern::FullTime } else { WorkingPattern::PartTime }]
        } else {
            item.working_pattern
        },
        payments: item.payments,
        dbs: item.dbs,
        registration: item.registration,
        visa_sponsorship: item.visa_sponsorship,
        driving: item.driving,
        posted_at: posted.start(tz),
        closes_at: closes.on().map(|c| c.end(tz)),
        changed_at: item.modified,
        posted,
        closes,
        updated: None,
        shortlisting: item.shortlisting.map(Moment::Day),
        interviews: item.interviews.into_iter().map(Moment::Day).collect(),
        apply_url: item.apply_url,
        contact: None,
        campaign: None,
        benefits: Vec::new(),
        summary,
        featured: false,
        internal_only: false,
        draft: false,
        body,
        source: Some(Sourced { council, advert_url: item.url }),
    }
}
