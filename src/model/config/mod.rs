//! `site.yaml`: the checked `Site` the rest of the build reads (its raw keys are in `raw`, their
//! checking in `parse`).

mod defaults;
mod organisation;
mod parse;
mod portal;
mod raw;
mod terms;

/// The keys site.yaml may have, each with what it expects.
pub(crate) use raw::SCHEMA;

pub use defaults::{Dbs, Defaults};
pub use organisation::{Organisation, RecruitmentContact};
pub use parse::parse_site;
pub use portal::{FeedSource, Portal};

use crate::diagnostics::Diagnostic;
use jiff::tz::TimeZone;

pub const SITE_FILE: &str = "site.yaml";

/// The lowest believable full-time pay a year when `site.yaml` does not say.
pub const DEFAULT_SALARY_FLOOR: f64 = 12_000.0;

/// Vacancies per listing page when `site.yaml` does not say.
pub const DEFAULT_PAGE_SIZE: usize = 50;

/// A named category (a level or a team) with its URL slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Other names for it in councils' feeds, which a portal files under it.
    pub aliases: Vec<String>,
}

impl Term {
    /// Whether `name` (from a council's feed) is this term's name or one of its aliases, ignoring
    /// case and spacing.
    pub fn answers_to(&self, name: &str) -> bool {
        let same =
            |a: &str| a.split_whitespace().map(str::to_lowercase).eq(name.split_whitespace().map(str::to_lowercase));
        same(&self.name) || self.aliases.iter().any(|a| same(a))
    }
}

/// A workplace vacancies can be based at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    pub slug: String,
    pub street: Option<String>,
    pub locality: Option<String>,
    pub region: Option<String>,
    pub postcode: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// Colours for the theme, as `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Brand {
    pub primary: String,
    pub primary_text: String,
    pub accent: String,
}

/// The checked site settings.
#[derive(Debug, Clone)]
pub struct Site {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    /// The path of `base_url`, derived from it (`/` or `/careers/`).
    pub root_path: String,
    pub language: String,
    pub timezone: TimeZone,
    pub timezone_name: String,
    pub currency: String,
    pub full_time_hours: f64,
    /// The lowest believable full-time pay a year; `check` warns about a salary below it.
    pub salary_floor: f64,
    /// The folder (relative to the site, `/`-separated) where the team keeps `jobsite schema`'s
    /// files; when set, `jobsite new` points each new file at its schema.
    pub editor_schemas: Option<String>,
    pub theme: String,
    pub organisation: Organisation,
    pub levels: Vec<Term>,
    pub teams: Vec<Term>,
    pub locations: Vec<Place>,
    pub brand: Brand,
    /// How `jobsite new` makes references, such as `KVC-{year}-{n:03}`.
    pub reference_pattern: String,
    /// Vacancies per page of a listing.
    pub page_size: usize,
    /// The sources the site adds to the Content-Security-Policy of every page, by directive.
    pub policy_additions: std::collections::BTreeMap<String, Vec<String>>,
    /// The site path of the PNG or JPEG every page offers to social networks, unless it has its own.
    pub share_image: Option<String>,
    /// Files under `static/` that can run script and that someone has checked (paths from
    /// `static/`, such as `images/logo.svg`): the rest are published with a warning.
    pub reviewed_static_files: Vec<String>,
    /// The DWP Find a job `VacancyCategory` id of the site's vacancies.
    pub find_a_job_category: Option<u32>,
    /// Statements every vacancy carries after its advert (safeguarding, equality, a guaranteed
    /// interview scheme), in site.yaml order.
    pub statements: Vec<Statement>,
    /// The DBS check and registration a vacancy needs when it does not say, by level and team.
    pub defaults: Defaults,
    /// `portal:`: the councils' feeds this site gathers vacancies from, when it is a portal.
    pub portal: Option<Portal>,
}

/// One of the site's statements.
#[derive(Debug, Clone)]
pub struct Statement {
    pub title: String,
    /// The text as safe HTML.
    pub html: String,
    /// The text as plain text, for job boards' text fields.
    pub plain: String,
}

impl Site {
    /// The absolute URL of a site path such as `/jobs/`.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// The root-relative address of a site path, under the base URL's own path
    /// (`/jobs/` becomes `/careers/jobs/` when the site is published at `https://host/careers/`).
    pub fn path(&self, path: &str) -> String {
        format!("{}{}", self.root_path, path.trim_start_matches('/'))
    }

    /// Council `i` of a portal's `sources` (`None` when the site is not a portal).
    pub fn council(&self, i: usize) -> Option<&FeedSource> {
        self.portal.as_ref()?.sources.get(i)
    }

    /// Replaces the base URL (for preview deployments); `given_by` names where it came from (a
    /// flag) for the error when it is not an absolute web address.
    pub fn with_base_url(mut self, base: &str, given_by: &str) -> Result<Site, Box<Diagnostic>> {
        self.base_url = normalise_base_url(base).ok_or_else(|| {
            Box::new(
                Diagnostic::error(given_by, format!("`{base}` is not an absolute web address"))
                    .hint("give the full address, such as https://preview.example.org/"),
            )
        })?;
        self.root_path = root_path(&self.base_url);
        Ok(self)
    }
}

/// The path part of a base URL (`/`, or `/careers/`), which every site link starts with.
/// Whether `name` names one folder (no separators, no `.` or `..`, not hidden).
fn is_folder_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

fn root_path(base_url: &str) -> String {
    url::Url::parse(base_url).map(|u| u.path().to_string()).unwrap_or_else(|_| "/".into())
}

fn normalise_base_url(text: &str) -> Option<String> {
    let u = url::Url::parse(text.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") || u.host().is_none() {
        return None;
    }
    let s = u.to_string();
    Some(if s.ends_with('/') { s } else { format!("{s}/") })
}
