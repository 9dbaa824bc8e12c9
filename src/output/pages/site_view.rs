//! What every page's template knows of the site and of itself: the site's name, menu, footer
//! and addresses (`SiteView`), and the page's title, description, addresses and feeds
//! (`PageMeta`).

use crate::model::config::{RecruitmentContact, Site};
use crate::output::pages::views::{Link, Pagination};
use crate::output::routes::{self, FeedFormat, Scope};
use serde::Serialize;

/// What every page knows about the site.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub base_url: &'a str,
    /// Root-relative address of the site's home (`/`, or `/careers/` under a sub-path).
    pub root: String,
    pub language: &'a str,
    pub organisation: &'a str,
    pub organisation_url: Option<&'a str>,
    pub logo: Option<&'a str>,
    pub brand: &'a crate::model::config::Brand,
    /// The Content-Security-Policy and referrer policy every page carries.
    pub content_security_policy: String,
    pub referrer_policy: &'static str,
    /// Plain pages marked `menu: true`.
    pub menu: Vec<Link<'a>>,
    /// Addresses of well-known plain pages, when the site has them.
    pub register_interest: Option<String>,
    pub refer_a_friend: Option<String>,
    pub accessibility: Option<String>,
    pub has_stories: bool,
    pub has_news: bool,
    pub has_events: bool,
    pub has_benefits: bool,
    /// The recruitment team's contact details and the social networks, for the footer.
    pub contact: Option<RecruitmentContactView<'a>>,
    pub social: Vec<Link<'a>>,
    /// Root-relative addresses of the site's own pages and files, from `routes`, for templates
    /// (`{{ site.urls.jobs }}`), so no template writes an address itself.
    pub urls: SiteUrls,
}

/// How to reach the recruitment team, with the phone number as a `tel:` address.
#[derive(Debug, Serialize)]
pub struct RecruitmentContactView<'a> {
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    /// The phone number as a `tel:` address a phone can dial, when it is a number.
    pub tel: Option<String>,
    pub address: Option<&'a str>,
}

impl<'a> RecruitmentContactView<'a> {
    pub fn new(c: &'a RecruitmentContact) -> RecruitmentContactView<'a> {
        let tel = c.phone.as_deref().and_then(crate::output::format::tel);
        RecruitmentContactView {
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
            tel,
            address: c.address.as_deref(),
        }
    }
}

/// The addresses templates link to, each from `routes`.
#[derive(Debug, Serialize)]
pub struct SiteUrls {
    pub home: String,
    pub jobs: String,
    pub stories: String,
    pub benefits: String,
    pub news: String,
    pub events: String,
    pub sitemap: String,
    pub site_styles: String,
    pub brand_styles: String,
    pub search_index: String,
    pub search_script: String,
    /// The pay benchmarks, on a portal only.
    pub pay: Option<String>,
}

impl SiteUrls {
    pub fn new(site: &Site) -> SiteUrls {
        SiteUrls {
            home: site.path(routes::HOME),
            jobs: site.path(routes::JOBS),
            stories: site.path(routes::STORIES),
            benefits: site.path(routes::BENEFITS),
            news: site.path(routes::NEWS),
            events: site.path(routes::EVENTS),
            sitemap: site.path(routes::SITEMAP),
            site_styles: site.path(routes::SITE_STYLES),
            brand_styles: site.path(routes::BRAND_STYLES),
            search_index: site.path(routes::SEARCH_INDEX),
            search_script: site.path(routes::SEARCH_SCRIPT),
            pay: site.portal.as_ref().map(|_| site.path(routes::PAY)),
        }
    }
}

/// The page being rendered: what goes into `<title>`, meta tags and the canonical link.
#[derive(Debug, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// Site path such as `/jobs/`.
    pub path: String,
    /// Absolute URL.
    pub url: String,
    pub noindex: bool,
    /// Which navigation item is current: `home`, `jobs`, `stories`, …
    pub section: &'static str,
    /// Feeds to announce with `<link rel="alternate">`.
    pub feeds: Vec<FeedLink>,
    /// Absolute URL of the image for link previews (Open Graph), if any.
    pub image: Option<String>,
    /// Open Graph type: `website` or `article`.
    pub kind: &'static str,
    /// JSON-LD blocks, already made safe for a `<script>` element.
    pub jsonld: Vec<String>,
    /// Absolute URLs of the previous and next pages of a paginated listing.
    pub prev: Option<String>,
    pub next: Option<String>,
    /// A draft's page (the preview, or a build with `--drafts`): a banner says it is not published.
    pub draft: bool,
}

/// A feed announced on a page.
#[derive(Debug, Serialize)]
pub struct FeedLink {
    pub title: String,
    /// Absolute URL.
    pub url: String,
    /// MIME type: `application/rss+xml` or `application/feed+json`.
    pub mime: &'static str,
}

impl PageMeta {
    pub fn new(
        site: &Site,
        title: impl Into<String>,
        description: impl Into<String>,
        path: &str,
        section: &'static str,
    ) -> Self {
        PageMeta {
            title: title.into(),
            description: description.into(),
            path: path.to_string(),
            url: site.absolute(path),
            noindex: false,
            section,
            feeds: Vec::new(),
            image: site.share_image.as_deref().map(|i| site.absolute(i)),
            kind: "website",
            jsonld: Vec::new(),
            prev: None,
            next: None,
            draft: false,
        }
    }

    /// Marks the page of a draft: bannered, and never for search engines.
    pub fn with_draft(mut self, draft: bool) -> Self {
        self.draft = draft;
        self.noindex |= draft;
        self
    }

    /// Links the page to its neighbours in a paginated listing.
    pub fn with_pagination(mut self, site: &Site, p: &Pagination) -> Self {
        self.prev = p.prev_path.as_ref().map(|x| site.absolute(x));
        self.next = p.next_path.as_ref().map(|x| site.absolute(x));
        if p.total > 1 {
            self.title = format!("{} (page {} of {})", self.title, p.current, p.total);
        }
        self
    }

    /// Announces the news feed.
    pub fn with_news_feed(mut self, site: &Site) -> Self {
        let title = format!("News from {}", site.title);
        self.feeds.push(FeedLink { title, url: site.absolute(routes::NEWS_FEED), mime: "application/rss+xml" });
        self
    }

    /// Adds JSON-LD blocks.
    pub fn with_jsonld(mut self, values: Vec<serde_json::Value>) -> Self {
        self.jsonld.extend(values.iter().map(crate::output::pages::structured::script_json));
        self
    }

    /// Announces the RSS and JSON feeds of vacancies in `scope`.
    pub fn with_vacancy_feeds(mut self, site: &Site, scope: Scope) -> Self {
        let title = scope.title(site);
        self.feeds.push(FeedLink {
            title: format!("{title} (RSS)"),
            url: site.absolute(&routes::feed(site, scope, FeedFormat::Rss)),
            mime: "application/rss+xml",
        });
        self.feeds.push(FeedLink {
            title: format!("{title} (JSON Feed)"),
            url: site.absolute(&routes::feed(site, scope, FeedFormat::Json)),
            mime: "application/feed+json",
        });
        self
    }
}
