//! Views of the simpler content for templates: benefits, news items and events.

use crate::input::dates;
use crate::model::config::Site;
use crate::model::content::{Benefit, Event, News};
use serde::Serialize;

#[derive(Serialize)]
pub struct Brief<'a> {
    pub id: &'a str,
    pub url: String,
    pub title: &'a str,
    pub summary: &'a str,
    pub highlight: Option<&'a str>,
    pub body: &'a str,
}

pub fn brief<'a>(site: &Site, b: &'a Benefit) -> Brief<'a> {
    Brief {
        id: &b.stem,
        url: site.path(&crate::output::routes::benefit(&b.stem)),
        title: &b.title,
        summary: &b.summary,
        highlight: b.highlight.as_deref(),
        body: &b.body.html,
    }
}

#[derive(Serialize)]
pub struct NewsView<'a> {
    pub url: String,
    pub title: &'a str,
    pub date: String,
    pub iso_date: String,
    pub summary: &'a str,
    pub body: &'a str,
}

pub fn news_view<'a>(site: &Site, n: &'a News) -> NewsView<'a> {
    NewsView {
        url: site.path(&crate::output::routes::news_item(&n.stem)),
        title: &n.title,
        date: dates::long_date(n.date.date()),
        iso_date: n.date.date().to_string(),
        summary: &n.summary,
        body: &n.body.html,
    }
}

#[derive(Serialize)]
pub struct EventView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub when: String,
    pub iso_start: String,
    pub location: Option<&'a str>,
    pub booking_url: Option<&'a str>,
    pub summary: &'a str,
    pub body: &'a str,
    /// The event's own iCalendar file, for "add to calendar".
    pub calendar: String,
}

pub fn event_view<'a>(site: &Site, e: &'a Event) -> EventView<'a> {
    let when = match (&e.starts, &e.ends) {
        (dates::Moment::Time(start), Some(dates::Moment::Time(end))) if start.date() == end.date() => {
            format!("{} to {} on {}", dates::clock_time(start), dates::clock_time(end), dates::long_date(start.date()))
        }
        (start, Some(end)) => format!("{} to {}", dates::long_moment(start), dates::long_moment(end)),
        (start, None) => dates::long_moment(start),
    };
    EventView {
        id: &e.stem,
        title: &e.title,
        when,
        iso_start: e.starts.date().to_string(),
        location: e.location.as_deref(),
        booking_url: e.booking_url.as_deref(),
        summary: &e.summary,
        body: &e.body.html,
        calendar: site.path(&crate::output::routes::event_calendar(&e.stem)),
    }
}
