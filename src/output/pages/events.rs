//! Events: careers fairs, open days and assessment centres still to come, on one page.

use super::{typed, Base, Page};
use crate::model::publish::Selection;
use crate::output::pages::article_views::{event_view, EventView};
use crate::output::pages::render::Renderer;
use crate::output::pages::site_view::PageMeta;
use crate::output::plan::{page, Dependencies, Output, PageKind, Subject};
use crate::output::routes;
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "events.html";

#[derive(Serialize)]
struct EventsPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    events: Vec<EventView<'a>>,
    /// Every upcoming event as one iCalendar file.
    calendar: String,
}

/// The page, once an event is published (it then stays, saying when none is coming up).
pub(crate) fn plan<'a>(selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    if selection.sections.events {
        out.push(page(routes::EVENTS.to_string(), Subject::Page(PageKind::Events), Dependencies::NONE));
    }
}

pub(crate) fn context(r: &Renderer) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let meta =
        PageMeta::new(site, "Events", "Careers fairs, open days and assessment centres", routes::EVENTS, "events");
    let events = r.selection.events.iter().map(|e| event_view(site, e)).collect();
    typed(TEMPLATE, &EventsPage { base: r.base(meta), events, calendar: site.path(routes::EVENTS_CALENDAR) })
}
