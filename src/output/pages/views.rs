//! Small serialisable views that templates read: each borrows from the library and adds the
//! words and addresses a page needs, so no template sees the whole site.

use crate::input::dates::{self, Moment};
use crate::model::config::{Site, Term};
use crate::model::content::{Campaign, Library, Story, Vacancy};
use crate::model::publish::Rules;
use crate::output::format;
use crate::output::routes::{self, Facet};
use serde::Serialize;
use url::form_urlencoded::byte_serialize;

#[derive(Debug, Serialize, Clone)]
pub struct Link<'a> {
    pub url: String,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct TermLink<'a> {
    pub name: &'a str,
    pub url: String,
    /// The full postal address, for locations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

pub fn term_link<'a>(site: &Site, term: &'a Term, facet: Facet) -> TermLink<'a> {
    TermLink { name: &term.name, url: site.path(&routes::facet(facet, &term.slug, 1)), address: None }
}

/// An open role as a link with its closing line, where a page points on to other roles.
#[derive(Debug, Serialize)]
pub struct RoleLink<'a> {
    pub url: String,
    pub title: &'a str,
    pub closing: String,
}

pub fn role_link<'a>(site: &Site, v: &'a Vacancy, now: jiff::Timestamp) -> RoleLink<'a> {
    RoleLink {
        url: site.path(&routes::vacancy(&v.stem)),
        title: &v.title,
        closing: format::closing(&v.closes, now, &site.timezone),
    }
}

/// A vacancy in a listing: its heading's words and address, and the rest of its card as
/// `card.html` renders it, once per build for every listing that shows it.
#[derive(Debug, Serialize)]
pub struct ListedCard<'r> {
    pub reference: &'r str,
    pub url: String,
    pub title: &'r str,
    pub html: std::sync::Arc<str>,
}

/// A vacancy as its page and its card show it: enough to choose whether to read on.
#[derive(Debug, Serialize)]
pub struct VacancyCard<'a> {
    pub url: String,
    pub title: &'a str,
    pub reference: &'a str,
    pub team: TermLink<'a>,
    pub level: TermLink<'a>,
    pub locations: Vec<TermLink<'a>>,
    /// As advertised, with ", pro rata" for a part-time post paid a full-time-equivalent figure.
    pub salary: String,
    /// What a pro-rated post actually pays for its hours.
    pub actual_salary: Option<String>,
    pub salary_note: Option<&'a str>,
    /// Extra pay in one line ("£3,000 recruitment payment (after probation)").
    pub payments: Option<String>,
    pub grade: Option<&'a str>,
    pub hours: String,
    pub part_time: bool,
    /// The working patterns as people read them, and whether they say more than full-time or
    /// part-time (then cards show them beside the hours).
    pub working_pattern: String,
    pub flexible: bool,
    pub contract: &'static str,
    pub hybrid: bool,
    /// How soon it closes, as a card says it ("Closes tomorrow", "Open until filled").
    pub closing: String,
    /// The closing date in full, or "Open until filled".
    pub closes: String,
    /// Open until filled: applications reviewed as they arrive.
    pub rolling: bool,
    pub summary: &'a str,
    pub featured: bool,
    /// Open to current staff only (shown only in an intranet build).
    pub internal_only: bool,
    /// What the post needs or offers beyond pay and hours, as (label, text).
    pub requirements: Vec<(&'static str, String)>,
    /// The council can sponsor a Skilled Worker visa: cards say so (the other requirements are
    /// much the same on every advert, so only the page lists them).
    pub sponsors_visa: bool,
    /// On a portal: the council that advertises it, linking to the council's page on the portal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub council: Option<TermLink<'a>>,
}

pub fn vacancy_card<'a>(v: &'a Vacancy, library: &'a Library, rules: &Rules) -> VacancyCard<'a> {
    let site = &library.site;
    let (working_pattern, flexible) = format::working_pattern(v);
    VacancyCard {
        url: site.path(&routes::vacancy(&v.stem)),
        title: &v.title,
        reference: &v.reference.value,
        council: v.source.as_ref().and_then(|s| site.council(s.council)).map(|c| TermLink {
            name: &c.name,
            url: site.path(&routes::facet(Facet::Council, &c.slug, 1)),
            address: None,
        }),
        team: term_link(site, &site.teams[v.team], Facet::Team),
        level: term_link(site, &site.levels[v.level], Facet::Level),
        locations: v.locations.iter().map(|&i| term_link_place(site, i)).collect(),
        salary: format::advertised_salary(&v.salary, v.hours, site.full_time_hours),
        actual_salary: format::actual_salary(&v.salary, v.hours, site.full_time_hours),
        salary_note: v.salary.note.as_deref(),
        payments: format::payments(v),
        grade: v.grade.as_deref(),
        hours: format::hours(v.hours, site.full_time_hours),
        part_time: format::is_part_time(v.hours, site.full_time_hours),
        working_pattern,
        flexible,
        contract: v.contract.label(),
        hybrid: v.hybrid,
        closing: format::closing(&v.closes, rules.now, &site.timezone),
        closes: format::closes(&v.closes),
        rolling: v.closes.is_rolling(),
        summary: &v.summary,
        featured: v.featured,
        internal_only: v.internal_only,
        requirements: format::requirements(v),
        sponsors_visa: v.visa_sponsorship == Some(true),
    }
}

fn term_link_place(site: &Site, i: usize) -> TermLink<'_> {
    let p = &site.locations[i];
    let parts: Vec<&str> =
        [&p.street, &p.locality, &p.region, &p.postcode].into_iter().flatten().map(String::as_str).collect();
    let address = (!parts.is_empty()).then(|| parts.join(", "));
    TermLink { name: &p.name, url: site.path(&routes::facet(Facet::Location, &p.slug, 1)), address }
}

/// Campaign dates as people read them.
#[derive(Debug, Serialize)]
pub struct CampaignView<'a> {
    pub url: String,
    pub title: &'a str,
    pub summary: &'a str,
    pub shortlisting: Option<String>,
    pub interviews: Vec<String>,
    pub team_preference: Option<&'a str>,
    pub image: Option<&'a str>,
    pub image_alt: Option<&'a str>,
    pub body: &'a str,
    pub open_count: usize,
}

pub fn campaign_view<'a>(site: &Site, c: &'a Campaign, open_count: usize) -> CampaignView<'a> {
    CampaignView {
        url: site.path(&routes::campaign(&c.stem)),
        title: &c.title,
        summary: &c.summary,
        shortlisting: c.shortlisting.as_ref().map(dates::long_moment),
        interviews: c.interviews.iter().map(dates::long_moment).collect(),
        team_preference: c.team_preference.as_deref(),
        image: c.image.as_deref(),
        image_alt: c.image_alt.as_deref(),
        body: &c.body.html,
        open_count,
    }
}

#[derive(Debug, Serialize)]
pub struct StoryView<'a> {
    pub url: String,
    pub title: &'a str,
    pub name: Option<&'a str>,
    pub role: Option<&'a str>,
    pub team: Option<&'a str>,
    pub summary: &'a str,
    pub photo: Option<&'a str>,
    pub photo_alt: Option<&'a str>,
    pub video: Option<&'a str>,
    /// True when `video` is a file a `<video>` element can play.
    pub video_is_file: bool,
    pub captions: Option<&'a str>,
    pub date: Option<String>,
    pub body: &'a str,
    pub transcript: Option<&'a str>,
}

pub fn story_view<'a>(site: &Site, s: &'a Story) -> StoryView<'a> {
    let video_is_file = s.video.as_deref().is_some_and(|v| {
        let lower = v.to_ascii_lowercase();
        [".mp4", ".webm", ".ogv", ".ogg", ".m4v"].iter().any(|ext| lower.ends_with(ext))
    });
    StoryView {
        url: site.path(&routes::story(&s.stem)),
        title: &s.title,
        name: s.name.as_deref(),
        role: s.role.as_deref(),
        team: s.team.as_deref(),
        summary: &s.summary,
        photo: s.photo.as_deref(),
        photo_alt: s.photo_alt.as_deref(),
        video: s.video.as_deref(),
        video_is_file,
        captions: s.captions.as_deref(),
        date: s.date.as_ref().map(dates::long_moment),
        body: &s.body.html,
        transcript: s.transcript.as_ref().map(|t| t.html.as_str()),
    }
}

/// Links that share a page by email and on social networks.
pub fn share_links(title: &str, absolute_url: &str) -> Vec<Link<'static>> {
    let u = enc(absolute_url);
    let t = enc(title);
    vec![
        Link { url: format!("mailto:?subject={t}&body={u}"), text: "Email" },
        Link { url: format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"), text: "LinkedIn" },
        Link { url: format!("https://www.facebook.com/sharer/sharer.php?u={u}"), text: "Facebook" },
        Link { url: format!("https://x.com/intent/post?text={t}&url={u}"), text: "X" },
    ]
}

fn enc(s: &str) -> String {
    byte_serialize(s.as_bytes()).collect::<String>().replace('+', "%20")
}

pub fn moments(list: &[Moment]) -> Vec<String> {
    list.iter().map(dates::long_moment).collect()
}

/// Where a page of a listing sits among the others.
#[derive(Debug, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    /// The first and last vacancy shown (from 1), and how many there are in all.
    pub first_item: usize,
    pub last_item: usize,
    pub items: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    #[serde(skip)]
    pub prev_path: Option<String>,
    #[serde(skip)]
    pub next_path: Option<String>,
    /// Page links to show: numbers near the current page, the first and the last; `None` is a gap.
    pub pages: Vec<Option<PageLink>>,
}

#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// The pagination of page `current` of the listing at `first_path` with `items` vacancies.
pub fn pagination(site: &Site, first_path: &str, current: usize, items: usize) -> Pagination {
    let total = routes::page_count(items, site.page_size);
    let path = |n: usize| routes::paged(first_path, n);
    let mut pages = Vec::new();
    for n in 1..=total {
        if n == 1 || n == total || n.abs_diff(current) <= 2 {
            pages.push(Some(PageLink { number: n, url: site.path(&path(n)), current: n == current }));
        } else if pages.last().is_some_and(Option::is_some) {
            pages.push(None);
        }
    }
    let prev_path = (current > 1).then(|| path(current - 1));
    let next_path = (current < total).then(|| path(current + 1));
    Pagination {
        current,
        total,
        first_item: if items == 0 { 0 } else { (current - 1) * site.page_size + 1 },
        last_item: (current * site.page_size).min(items),
        items,
        prev: prev_path.as_ref().map(|p| site.path(p)),
        next: next_path.as_ref().map(|p| site.path(p)),
        prev_path,
        next_path,
        pages,
    }
}

/// The absolute address of `image` for share cards when it is a raster image social networks
/// show (PNG, JPEG, GIF or WebP); `None` for an SVG or anything else, so the page keeps the
/// site's `share_image`.
pub fn share_image(site: &Site, image: &str) -> Option<String> {
    let path = image.split(['?', '#']).next().unwrap_or(image).to_ascii_lowercase();
    let raster = [".png", ".jpg", ".jpeg", ".gif", ".webp"].iter().any(|ext| path.ends_with(ext));
    raster.then(|| crate::output::pages::structured::absolute_asset(site, image))
}
