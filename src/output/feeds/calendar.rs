//! iCalendar (RFC 5545) files of the upcoming events: `/events/calendar.ics` with every one, and
//! one file per event for its "add to calendar" link. Written with the icalendar crate, which
//! escapes text and folds long lines; times are in UTC, so no time-zone definition is needed.

use crate::input::dates::Moment;
use crate::model::config::Site;
use crate::model::content::Event;
use crate::model::publish::Selection;
use crate::output::routes;
use icalendar::{Calendar, Component, EventLike, Property};

/// A calendar of every upcoming event.
pub fn events_calendar(site: &Site, selection: &Selection) -> String {
    calendar(site, &format!("Events: {}", site.title), selection.events.iter().copied())
}

/// A calendar of one event.
pub fn event_calendar(site: &Site, event: &Event) -> String {
    calendar(site, &event.title, std::iter::once(event))
}

fn calendar<'a>(site: &Site, name: &str, events: impl Iterator<Item = &'a Event>) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", format!("-//jobsite//{}//EN", site.title)));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    calendar.append_property(Property::new("METHOD", "PUBLISH"));
    calendar.name(name);
    for event in events {
        calendar.push(entry(site, event));
    }
    calendar.to_string()
}

/// One VEVENT. The UID is the event's file name at the site's host, so it never changes; the
/// stamp is when the event was last changed (its `updated:` or last commit), else when it starts.
fn entry(site: &Site, e: &Event) -> icalendar::Event {
    let tz = &site.timezone;
    let host = url::Url::parse(&site.base_url).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default();
    let page = site.absolute(&routes::event(&e.stem));
    let mut description = e.summary.clone();
    if let Some(booking) = &e.booking_url {
        description.push_str(&format!("\n\nBook a place: {booking}"));
    }
    description.push_str(&format!("\n\nMore: {page}"));
    let mut event = icalendar::Event::new();
    event
        .uid(&format!("{}@{host}", e.stem))
        .add_property("DTSTAMP", utc(e.changed_at.unwrap_or_else(|| e.starts.start(tz))))
        .summary(&e.title)
        .description(&description)
        .url(e.booking_url.as_deref().unwrap_or(&page));
    event.append_property(moment_property("DTSTART", &e.starts, tz, false));
    if let Some(ends) = &e.ends {
        event.append_property(moment_property("DTEND", ends, tz, true));
    }
    if let Some(location) = &e.location {
        event.location(location);
    }
    event.done()
}

/// DTSTART or DTEND: a UTC date-time, or a date for an event given by day (an end date is the day
/// after the last, as RFC 5545 counts it).
fn moment_property(key: &str, moment: &Moment, tz: &jiff::tz::TimeZone, end: bool) -> Property {
    match moment {
        Moment::Day(day) => {
            let day = if end { day.tomorrow().unwrap_or(*day) } else { *day };
            Property::new(key, day.strftime("%Y%m%d").to_string()).add_parameter("VALUE", "DATE").done()
        }
        Moment::Time(_) => Property::new(key, utc(moment.start(tz))),
    }
}

fn utc(t: jiff::Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}
