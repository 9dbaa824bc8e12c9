//! Every address the site publishes, written once: the site path of each page kind, feed and
//! generated file, the file each page is written to, and the names content files may not take
//! because the site makes those addresses itself. No other module writes an address.

use crate::model::config::Site;
pub use crate::model::grouping::{Facet, Scope};

/// The home page.
pub const HOME: &str = "/";
/// The first page of the jobs listing.
pub const JOBS: &str = "/jobs/";
pub const STORIES: &str = "/stories/";
pub const BENEFITS: &str = "/benefits/";
/// A portal's pay benchmarks, and the same figures as CSV.
pub const PAY: &str = "/pay/";
pub const PAY_CSV: &str = "/pay/benchmarks.csv";
pub const NEWS: &str = "/news/";
pub const EVENTS: &str = "/events/";
/// The page shown for an address that does not exist (written as a file, not a folder).
pub const NOT_FOUND: &str = "/404.html";
pub const SITEMAP: &str = "/sitemap.xml";
pub const ROBOTS: &str = "/robots.txt";
/// The theme's stylesheet (a static file of the theme).
pub const SITE_STYLES: &str = "/css/site.css";
/// The brand colours from site.yaml, as a stylesheet.
pub const BRAND_STYLES: &str = "/css/brand.css";
pub const INDEED: &str = "/jobs/indeed.xml";
pub const FIND_A_JOB: &str = "/jobs/find-a-job.xml";
pub const FIND_A_JOB_EXPIRED: &str = "/jobs/find-a-job-expired.xml";
pub const NEWS_FEED: &str = "/news/feed.xml";
/// Every open vacancy, compactly, for the jobs page's search script.
pub const SEARCH_INDEX: &str = "/jobs/search.json";
/// The jobs page's search script (a static file of the theme).
pub const SEARCH_SCRIPT: &str = "/js/search.js";

/// A vacancy's page (open, or the notice once closed).
pub fn vacancy(stem: &str) -> String {
    // Pushed rather than formatted: the preview plans a page per vacancy after every edit.
    let mut path = String::with_capacity(JOBS.len() + stem.len() + 1);
    path.push_str(JOBS);
    path.push_str(stem);
    path.push('/');
    path
}

/// A campaign's page.
pub fn campaign(stem: &str) -> String {
    format!("/campaigns/{stem}/")
}

/// A staff story's page.
pub fn story(stem: &str) -> String {
    format!("{STORIES}{stem}/")
}

/// A benefit: a section of the benefits page.
pub fn benefit(stem: &str) -> String {
    format!("{BENEFITS}#{stem}")
}

/// An event: a section of the events page.
pub fn event(stem: &str) -> String {
    format!("{EVENTS}#{stem}")
}

/// Every upcoming event, as an iCalendar file.
pub const EVENTS_CALENDAR: &str = "/events/calendar.ics";

/// One event as an iCalendar file, for its "add to calendar" link.
pub fn event_calendar(stem: &str) -> String {
    format!("{EVENTS}{stem}.ics")
}

/// A news item's page.
pub fn news_item(stem: &str) -> String {
    format!("{NEWS}{stem}/")
}

/// A plain page (about, refer a friend, …).
pub fn page(stem: &str) -> String {
    format!("/{stem}/")
}

/// How many pages a listing of `count` vacancies takes (at least one, which may say "none").
pub fn page_count(count: usize, page_size: usize) -> usize {
    count.div_ceil(page_size.max(1)).max(1)
}

/// Page `n` (from 1) of the listing whose first page is `first` (`/jobs/` → `/jobs/page/2/`).
pub fn paged(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

/// Page `n` of the jobs listing.
pub fn jobs(n: usize) -> String {
    paged(JOBS, n)
}

/// Page `n` of the listing of one value of a facet (`/jobs/teams/fostering/`).
pub fn facet(facet: Facet, slug: &str, n: usize) -> String {
    match facet {
        // A portal's councils have their own section: `/councils/<slug>/`.
        Facet::Council => paged(&format!("/{}/{slug}/", facet.folder()), n),
        _ => paged(&format!("{JOBS}{}/{slug}/", facet.folder()), n),
    }
}

/// The two formats every vacancy feed is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    Rss,
    Json,
}

/// A vacancy feed: beside the listing page it belongs to (`/jobs/teams/fostering/feed.json`).
pub fn feed(site: &Site, scope: Scope, format: FeedFormat) -> String {
    let file = match format {
        FeedFormat::Rss => "feed.xml",
        FeedFormat::Json => "feed.json",
    };
    format!("{}{file}", scope.page_path(site))
}

/// Page `n` (from 1) of a JSON Feed: the feed's own address, then `feed-2.json`, `feed-3.json`…
/// beside it (each page names the next with `next_url`).
pub fn json_feed_page(site: &Site, scope: Scope, n: usize) -> String {
    if n <= 1 {
        feed(site, scope, FeedFormat::Json)
    } else {
        format!("{}feed-{n}.json", scope.page_path(site))
    }
}

/// Part `n` (from 1) of a sitemap too big for one file, listed by the sitemap index at
/// [`SITEMAP`]. At the top of the site, as a sitemap may only list addresses under its own folder.
pub fn sitemap_part(n: usize) -> String {
    format!("/sitemap-{n}.xml")
}

/// The file a site path is written to, under the output folder: a folder's `index.html`, or the
/// file itself (`/jobs/` → `jobs/index.html`, `/sitemap.xml` → `sitemap.xml`).
pub fn output_file(site_path: &str) -> String {
    let relative = site_path.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        let mut file = String::with_capacity(relative.len() + "index.html".len());
        file.push_str(relative);
        file.push_str("index.html");
        file
    } else {
        relative.to_string()
    }
}

/// Where each facet's pages live and how the jobs search names it.
impl Facet {
    /// The folder name under `/jobs/` (under the site for councils).
    pub fn folder(self) -> &'static str {
        ["teams", "levels", "locations", "contracts", "councils"][self as usize]
    }

    /// The jobs search's address parameter (`/jobs/?team=fostering`).
    pub fn param(self) -> &'static str {
        ["team", "level", "location", "contract", "council"][self as usize]
    }
}

/// Where each feed scope's listing page lives.
impl Scope {
    /// The site path of the listing page the feed belongs to.
    pub fn page_path(self, site: &Site) -> String {
        match self {
            Scope::All => JOBS.to_string(),
            Scope::Team(i) => facet(Facet::Team, &site.teams[i].slug, 1),
            Scope::Level(i) => facet(Facet::Level, &site.levels[i].slug, 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_folders_and_generated_files_are_files() {
        assert_eq!(output_file(HOME), "index.html");
        assert_eq!(output_file(&vacancy("social-worker")), "jobs/social-worker/index.html");
        assert_eq!(output_file(&jobs(3)), "jobs/page/3/index.html");
        assert_eq!(output_file(SITEMAP), "sitemap.xml");
        assert_eq!(output_file(NOT_FOUND), "404.html");
        assert_eq!(output_file(INDEED), "jobs/indeed.xml");
    }

    #[test]
    fn listings_page_from_their_first_address() {
        assert_eq!(jobs(1), "/jobs/");
        assert_eq!(facet(Facet::Location, "town-hall", 2), "/jobs/locations/town-hall/page/2/");
        assert_eq!(benefit("pension"), "/benefits/#pension");
    }

    #[test]
    fn large_files_are_split_beside_their_first_part() {
        assert_eq!(sitemap_part(2), "/sitemap-2.xml");
        assert_eq!(output_file(&sitemap_part(2)), "sitemap-2.xml");
    }

    /// The model keeps the names content files may not take (it checks them when loading, and
    /// may not import this layer); this test keeps its lists and these addresses in step.
    #[test]
    fn no_content_file_can_take_an_address_the_site_makes() {
        use crate::model::content::{RESERVED_JOB_STEMS, RESERVED_PAGE_STEMS};
        for facet in Facet::ALL {
            assert!(RESERVED_JOB_STEMS.contains(&facet.folder()), "{} is missing", facet.folder());
        }
        for section in [JOBS, STORIES, BENEFITS, NEWS, EVENTS, "/campaigns/"] {
            assert!(RESERVED_PAGE_STEMS.contains(&section.trim_matches('/')), "{section}");
        }
    }
}
