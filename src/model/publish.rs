//! The publishing rules: at `--now`, which vacancies are open, closed or left out, and which
//! stories, news and events are shown. Takes the library and returns a selection; changes nothing.

use crate::input::dates::Moment;
use crate::model::board_cycle;
use crate::model::content::{Benefit, Campaign, Event, Library, News, Page, Story, Vacancy};
use jiff::Timestamp;

/// What a build is asked to include.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub now: Timestamp,
    pub drafts: bool,
    pub internal: bool,
}

/// Where a vacancy stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// posted ≤ now < closes (or the advert is rolling): listed everywhere.
    Open,
    /// Past its closing: its page stays as a notice, listed nowhere.
    Closed,
    /// Draft, internal-only or not yet posted: nothing is generated.
    Hidden,
}

pub fn vacancy_status(v: &Vacancy, rules: &Rules) -> Status {
    if (v.draft && !rules.drafts) || (v.internal_only && !rules.internal) || v.posted_at > rules.now {
        Status::Hidden
    } else if v.closes_at.is_some_and(|closes| rules.now >= closes) {
        Status::Closed
    } else {
        Status::Open
    }
}

/// What is published, each list in the order visitors see it.
#[derive(Debug)]
pub struct Selection<'a> {
    /// Newest `posted` first, ties by reference.
    pub open: Vec<&'a Vacancy>,
    /// By stem.
    pub closed: Vec<&'a Vacancy>,
    /// Count of vacancies left out entirely.
    pub skipped: usize,
    pub campaigns: Vec<&'a Campaign>,
    /// Newest first.
    pub stories: Vec<&'a Story>,
    /// By weight, then title.
    pub benefits: Vec<&'a Benefit>,
    /// Newest first.
    pub news: Vec<&'a News>,
    /// Events not yet over, soonest first.
    pub events: Vec<&'a Event>,
    /// By weight, then title.
    pub pages: Vec<&'a Page>,
    /// Which sections have a page of their own, decided here once for every output.
    pub sections: Sections,
    /// Open vacancies of each campaign (by the campaign's stem), in listing order.
    by_campaign: std::collections::HashMap<&'a str, Vec<&'a Vacancy>>,
}

pub fn select<'a>(library: &'a Library, rules: &Rules) -> Selection<'a> {
    let tz = &library.site.timezone;
    let shown = |draft: bool| rules.drafts || !draft;
    let mut open = Vec::with_capacity(library.vacancies.len());
    let (mut closed, mut skipped): (Vec<&Vacancy>, usize) = (Vec::new(), 0);
    for v in library.vacancies.iter().map(|v| v.as_ref()) {
        match vacancy_status(v, rules) {
            Status::Open => open.push(v),
            Status::Closed => closed.push(v),
            Status::Hidden => skipped += 1,
        }
    }
    // Newest first, then by reference. The keys are taken once, next to each other: comparing
    // through each vacancy cost the preview milliseconds of cache misses after every edit.
    open.sort_by_cached_key(|v| (std::cmp::Reverse(v.posted_at), v.reference.value.as_str()));
    closed.sort_by(|a, b| a.stem.cmp(&b.stem));
    let campaigns = library.campaigns.iter().filter(|c| shown(c.draft)).collect();
    let mut stories: Vec<&Story> = library
        .stories
        .iter()
        .filter(|s| shown(s.draft) && s.date.as_ref().is_none_or(|d| d.start(tz) <= rules.now))
        .collect();
    stories.sort_by(|a, b| {
        let key = |s: &Story| s.date.as_ref().map(|d| d.start(tz));
        key(b).cmp(&key(a)).then_with(|| a.stem.cmp(&b.stem))
    });
    let mut benefits: Vec<&Benefit> = library.benefits.iter().filter(|b| shown(b.draft)).collect();
    benefits.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));
    let mut news: Vec<&News> =
        library.news.iter().filter(|n| shown(n.draft) && n.date.start(tz) <= rules.now).collect();
    news.sort_by(|a, b| b.date.start(tz).cmp(&a.date.start(tz)).then_with(|| a.stem.cmp(&b.stem)));
    let mut events: Vec<&Event> = library
        .events
        .iter()
        .filter(|e| shown(e.draft) && e.ends.as_ref().unwrap_or(&e.starts).end(tz) > rules.now)
        .collect();
    events.sort_by(|a, b| a.starts.start(tz).cmp(&b.starts.start(tz)).then_with(|| a.stem.cmp(&b.stem)));
    let mut pages: Vec<&Page> = library.pages.iter().filter(|p| shown(p.draft)).collect();
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));
    let mut by_campaign: std::collections::HashMap<&str, Vec<&Vacancy>> = std::collections::HashMap::new();
    for v in &open {
        if let Some(c) = &v.campaign {
            by_campaign.entry(c.value.as_str()).or_default().push(v);
        }
    }
    let sections = Sections {
        stories: !stories.is_empty(),
        benefits: !benefits.is_empty(),
        news: !news.is_empty(),
        // The events page stays once there is an event, saying when none is coming up, so its
        // address does not come and go with the calendar; drafts alone do not make it.
        events: library.events.iter().any(|e| shown(e.draft)),
    };
    Selection { open, closed, skipped, campaigns, stories, benefits, news, events, pages, sections, by_campaign }
}

/// Every instant at which what [`select`] shows changes by itself, sorted, each once: a vacancy's
/// posting and closing, a story's or news item's date, an event's end. Drafts and internal-only
/// vacancies count as `rules` shows them; `rules.now` does not matter. Between two consecutive
/// instants `select` gives the same selection, and at each it gives another.
pub fn change_points(library: &Library, rules: &Rules) -> Vec<Timestamp> {
    let tz = &library.site.timezone;
    let shown = |draft: bool| rules.drafts || !draft;
    let vacancies = library
        .vacancies
        .iter()
        .filter(|v| shown(v.draft) && (rules.internal || !v.internal_only))
        .flat_map(|v| std::iter::once(v.posted_at).chain(v.closes_at));
    let stories =
        library.stories.iter().filter(|s| shown(s.draft)).filter_map(|s| s.date.as_ref().map(|d| d.start(tz)));
    let news = library.news.iter().filter(|n| shown(n.draft)).map(|n| n.date.start(tz));
    let events = library.events.iter().filter(|e| shown(e.draft)).map(|e| e.ends.as_ref().unwrap_or(&e.starts).end(tz));
    let mut points: Vec<Timestamp> = vacancies.chain(stories).chain(news).chain(events).collect();
    points.sort_unstable();
    points.dedup();
    points
}

/// The first moment after `rules.now` at which the published site changes by itself: one of the
/// [`change_points`], or the turn of a day that reposts a vacancy on DWP Find a job or takes it
/// out of the file of adverts to take down (`board_cycle`). What `jobsite next-change` prints.
pub fn next_change(library: &Library, rules: &Rules) -> Option<Timestamp> {
    let now = rules.now;
    let tz = &library.site.timezone;
    let shown = change_points(library, rules).into_iter().find(|t| *t > now);
    let boards = library
        .vacancies
        .iter()
        .filter(|v| (rules.drafts || !v.draft) && board_cycle::can_take(v, &library.site))
        .filter_map(|v| board_cycle::next_change(v, tz, now));
    shown.into_iter().chain(boards).min()
}

/// Which optional sections a build publishes: their listing page, menu link and (for news) feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sections {
    /// A story is published.
    pub stories: bool,
    /// A benefit is published.
    pub benefits: bool,
    /// A news item is published (drafts and items dated later do not count).
    pub news: bool,
    /// An event is published, past or to come.
    pub events: bool,
}

/// When candidates are shortlisted and interviewed (see [`Selection::recruitment_dates`]).
#[derive(Debug, Clone, Copy)]
pub struct RecruitmentDates<'a> {
    pub shortlisting: Option<&'a Moment>,
    pub interviews: &'a [Moment],
}

impl<'a> RecruitmentDates<'a> {
    /// `v`'s own dates, each falling back to `campaign`'s when `v` gives none.
    pub fn of(v: &'a Vacancy, campaign: Option<&'a Campaign>) -> RecruitmentDates<'a> {
        RecruitmentDates {
            shortlisting: v.shortlisting.as_ref().or_else(|| campaign.and_then(|c| c.shortlisting.as_ref())),
            interviews: match campaign {
                Some(c) if v.interviews.is_empty() => &c.interviews,
                _ => &v.interviews,
            },
        }
    }
}

impl<'a> Selection<'a> {
    /// The open vacancies of a campaign, in listing order.
    pub fn open_in_campaign(&self, stem: &str) -> &[&'a Vacancy] {
        self.by_campaign.get(stem).map_or(&[], Vec::as_slice)
    }

    pub fn campaign(&self, stem: &str) -> Option<&'a Campaign> {
        self.campaigns.iter().copied().find(|c| c.stem == stem)
    }

    /// A vacancy's shortlisting and interview dates: its own, or else its published campaign's.
    /// Every page, feed and board copy takes them from here, so they never disagree.
    pub fn recruitment_dates(&self, v: &'a Vacancy) -> RecruitmentDates<'a> {
        RecruitmentDates::of(v, v.campaign.as_ref().and_then(|c| self.campaign(&c.value)))
    }

    pub fn benefit(&self, stem: &str) -> Option<&'a Benefit> {
        self.benefits.iter().copied().find(|b| b.stem == stem)
    }

    pub fn page(&self, stem: &str) -> Option<&'a Page> {
        self.pages.iter().copied().find(|p| p.stem == stem)
    }
}
